/// Following the change in the objects pane: after a motion the pane scrolls so that the first
/// line the step changed is in view, with the top of its object when that fits; what the step
/// changed that is still out of view is named on one line (`changed below: d2 destructor NULL`).
enum ChangeFollow {
    /// The lines holding something the step changed.
    static func changedLines(_ lines: [StyledLine]) -> [Int] {
        lines.indices.filter { i in lines[i].spans.contains { $0.span.style.changed } }
    }

    /// Where the pane starts so that the first changed line shows in `height` rows: at the top
    /// when it shows there, else at the top of its object (the block after a blank line) or, for
    /// a long object, at the changed line itself.
    static func offset(_ lines: [StyledLine], height: Int) -> Int {
        guard height > 0, let first = changedLines(lines).first, first >= height else { return 0 }
        var top = first
        while top > 0, lines[top - 1].width > 0, first - (top - 1) < height { top -= 1 }
        // As the pane shows it: the last screenful stays full.
        return min(top, max(0, lines.count - height))
    }

    /// `changed below: …` or `changed above: …` (or both) for the changed lines outside rows
    /// `offset..<offset + height`, each change named with its object; nil when all show.
    static func strip(_ lines: [StyledLine], offset: Int, height: Int) -> String? {
        let changed = changedLines(lines)
        let start = max(0, min(offset, lines.count - height))
        let above = changed.filter { $0 < start }, below = changed.filter { $0 >= start + height }
        var parts: [String] = []
        if !below.isEmpty { parts.append("changed below: " + names(below, in: lines).joined(separator: ", ")) }
        if !above.isEmpty { parts.append("changed above: " + names(above, in: lines).joined(separator: ", ")) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The changes on `changed` lines, in line order, each named once and led by its object's
    /// name unless it starts with it. A drawing goes by its `Span.changeName`; text by each run
    /// of its changed words, a bare value (`0` of `cloned 0`) led by the word before it on its
    /// line. A value wrapped over several lines (its next lines' changed text starts indented,
    /// right below) is named once and whole, with its lines in view too, above it or below.
    private static func names(_ changed: [Int], in lines: [StyledLine]) -> [String] {
        /// The runs of changed text on line `i`, left to right: where each starts, and its words.
        func runs(_ i: Int) -> [(x: Int, indented: Bool, text: String)] {
            var out: [(x: Int, indented: Bool, text: String)] = [], end = -1
            for (x, span) in lines[i].spans.sorted(by: { $0.x < $1.x }) where span.style.changed && span.changeName == nil {
                if x == end, !out.isEmpty { out[out.count - 1].text += span.text } else { out.append((x, span.text.first == " ", span.text)) }
                end = x + span.width
            }
            return out.map { ($0.x, $0.indented, $0.text.filter { $0 != "*" }.trimmingBlanks) }.filter { !$0.text.isEmpty }
        }
        /// Whether line `i`'s first changed text goes on from the line above it.
        func continues(_ i: Int) -> Bool {
            i > 0 && runs(i).first?.indented == true && !runs(i - 1).isEmpty
        }
        var out: [String] = []
        /// The line and the entry of the last text, which an indented text right below continues.
        var lastText: (line: Int, entry: Int)?
        for i in changed {
            let owner = ownerName(of: i, in: lines)
            func named(_ text: String) -> String {
                owner.isEmpty || text == owner || text.hasPrefix(owner + " ") ? text : "\(owner) \(text)"
            }
            let drawings = lines[i].spans.filter(\.span.style.changed).sorted { $0.x < $1.x }.compactMap(\.span.changeName)
            for name in drawings where !out.contains(named(name)) { out.append(named(name)) }
            for (n, run) in runs(i).enumerated() {
                if n == 0, let last = lastText, last.line == i - 1, continues(i) {
                    out[last.entry] += " " + run.text
                    lastText = (i, last.entry)
                    continue
                }
                var text = run.text
                if n == 0, continues(i) {
                    var top = i
                    while continues(top) { top -= 1 }
                    text = ((top..<i).map { runs($0).last?.text ?? "" } + [run.text]).joined(separator: " ")
                } else if !text.contains(" ") {
                    let before = lines[i].spans.filter { $0.x < run.x }.sorted { $0.x < $1.x }.map(\.span.text).joined(separator: " ")
                    // A label is a word (`cloned`) or an arrow (`──▶ d2`, `--> d2`).
                    if let label = before.split(separator: " ").last,
                       label.first?.isLetter == true || label.allSatisfy({ "─▶->".contains($0) }) {
                        text = "\(label) \(text)"
                    }
                }
                out.append(named(text))
                lastText = (i, out.count - 1)
            }
            // A value whose next lines are in view is named whole too.
            if let last = lastText, last.line == i, !changed.contains(i + 1) {
                var next = i + 1
                while next < lines.count, continues(next), let run = runs(next).first {
                    out[last.entry] += " " + run.text
                    next += 1
                }
            }
        }
        return out
    }

    /// The first word of the nearest line at or above line `i` that starts at the margin: the
    /// name of the object line `i` belongs to; an skb with no name in the scenario (`-`) goes by
    /// its struct (`s2`).
    private static func ownerName(of i: Int, in lines: [StyledLine]) -> String {
        var owner = i
        while owner > 0, !(lines[owner].spans.first.map { $0.x == 0 && $0.span.text.first != " " } ?? false) { owner -= 1 }
        let words = lines[owner].spans.sorted { $0.x < $1.x }.map { String($0.span.text.prefix { $0 != " " }) }
            .filter { !$0.isEmpty && $0 != "*" }
        guard let first = words.first else { return "" }
        return first == "-" && words.count > 1 ? words[1] : first
    }
}
