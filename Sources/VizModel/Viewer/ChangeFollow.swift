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
        if !below.isEmpty { parts.append("changed below: " + fields(below, in: lines).map { describe(lines: $0, in: lines) }.joined(separator: ", ")) }
        if !above.isEmpty { parts.append("changed above: " + fields(above, in: lines).map { describe(lines: $0, in: lines) }.joined(separator: ", ")) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The changed lines grouped by field: a changed value wrapped over several lines goes on
    /// lines whose changed text starts indented, right after its first.
    private static func fields(_ changed: [Int], in lines: [StyledLine]) -> [[Int]] {
        var groups: [[Int]] = []
        for i in changed {
            let first = lines[i].spans.first { $0.span.style.changed }?.span.text
            if let last = groups.last?.last, last == i - 1, first?.first == " " {
                groups[groups.count - 1].append(i)
            } else {
                groups.append([i])
            }
        }
        return groups
    }

    /// The changed text of a field's lines, led by its object's name (the first word of the nearest
    /// line at or above it that starts at the margin) unless it starts with it.
    /// A bare value (`0` of `cloned 0`) is led by the word before it on its line.
    private static func describe(lines group: [Int], in lines: [StyledLine]) -> String {
        let i = group[0], spans = lines[i].spans
        var text = group.map { j in
            lines[j].spans.filter { $0.span.style.changed }.map(\.span.text).joined().filter { $0 != "*" }.trimmingBlanks
        }.joined(separator: " ")
        if !text.contains(" "), let x = spans.first(where: { $0.span.style.changed })?.x {
            let before = spans.filter { $0.x < x }.map(\.span.text).joined()
            if let label = before.split(separator: " ").last, label.first?.isLetter == true { text = "\(label) \(text)" }
        }
        var owner = i
        while owner > 0, !(lines[owner].spans.first.map { $0.x == 0 && $0.span.text.first != " " } ?? false) { owner -= 1 }
        let name = lines[owner].spans.first.map { String($0.span.text.prefix { $0 != " " }) } ?? ""
        return name.isEmpty || text.hasPrefix(name) ? text : "\(name) \(text)"
    }
}
