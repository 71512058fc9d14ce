/// The top of the screen: the program, file, title and design, then the call and step at the
/// cursor; on one row when both fit, else on two.
struct HeaderBar: Pane {
    var session: ViewerSession

    /// The header's rows for a screen `width` columns wide.
    func lines(width: Int) -> [StyledLine] {
        let h = session.history
        var first = StyledLine()
        first.append(" skbviz", Style(bold: true))
        let design = "  \(session.scenario.design.rawValue)"
        // On a what-if branch the header says so: the calls after the branch point are typed.
        let branch = session.original.map { "  what-if after call \($0.shared)" } ?? ""
        let (file, title) = Self.fileAndTitle(session.scenario.file, session.scenario.title,
                                              room: width - first.width - Grid.width(of: design + branch))
        first.append(file)
        if let title { first.append(title, Style(bold: true)) }
        first.append(design, Style(foreground: .cyan))
        if !branch.isEmpty { first.append(branch, Style(foreground: .magenta, bold: true)) }
        var second = StyledLine()
        if h.callCount == 0 {
            second.append(" no calls")
        } else {
            let p = h.position
            let lead = " call \(p.call)/\(h.callCount): ", step = "  step \(p.step)/\(h.stepCount(ofCall: p.call))"
            var all = "  (\(h.cursor)/\(h.stepCount) in all)"
            // A long call gives way first, then the count in all: where the cursor is stays.
            let fixed = Grid.width(of: lead + step)
            if fixed + Self.shortestCut + Grid.width(of: all) > width { all = "" }
            second.append(lead, Style(bold: true))
            second.append(Self.cut(session.calls[p.call - 1].text, fitting: width - fixed - Grid.width(of: all)))
            second.append(step, Style(bold: true))
            second.append(all, Style(dim: true))
        }
        if first.width + 3 + second.width <= width {
            first.place(second.spansWithGaps, at: max(first.width + 3, width - second.width))
            return [first]
        }
        return [first, second]
    }

    /// What is cut from a title, a path or a call too long for its row.
    private static let ellipsis = "..."
    /// The fewest columns a cut text keeps besides the `...`.
    private static let shortestCut = 8

    /// `  path` and `  title` in `room` columns; the design, the one word that changes the story,
    /// is never cut. The path and the title share the room: each keeps up to half of it, and
    /// what one does not need goes to the other. A path over its share is cut from the left, but
    /// not into its file's name (`  .../premature_destructor-kfree_skb.skb`); the title takes the
    /// rest (cut with `...`, or left out when too little of it would show); when even the file's
    /// name does not fit, it is cut from the left. A title that starts with the file's name
    /// (`ubuf-tx: …` in `demos/ubuf-tx.skb`) is shown without it, as `skbviz demo` lists it.
    private static func fileAndTitle(_ file: String, _ title: String?, room: Int) -> (file: String, title: String?) {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let repeated = (name.hasSuffix(".skb") ? String(name.dropLast(4)) : name) + ": "
        let title = title.map { $0.hasPrefix(repeated) && $0.count > repeated.count ? String($0.dropFirst(repeated.count)) : $0 }
        let fullTitle = title.map { "  " + $0 } ?? ""
        let share = min(Grid.width(of: "  " + file), max(room / 2, Grid.width(of: "  " + ellipsis + "/" + name)))
        let fileRoom = max(room - Grid.width(of: fullTitle), share)
        let path = "  " + cutLeft(file, fitting: fileRoom - 2)
        guard Grid.width(of: path) <= room else { return ("  " + cutLeft(name, fitting: room - 2), nil) }
        return (path, title.flatMap { Self.title($0, room: room - Grid.width(of: path)) })
    }

    /// `text`, or its end led by `...` to fit `width` columns.
    private static func cutLeft(_ text: String, fitting width: Int) -> String {
        guard Grid.width(of: text) > width else { return text }
        var kept = "", used = Grid.width(of: ellipsis)
        for c in text.reversed() {
            used += Grid.width(of: c)
            if used > width { break }
            kept.insert(c, at: kept.startIndex)
        }
        return ellipsis + kept
    }

    /// `text`, or its start followed by `...` to fit `width` columns.
    private static func cut(_ text: String, fitting width: Int) -> String {
        guard Grid.width(of: text) > width else { return text }
        var kept = Grid.prefix(of: Substring(text), fitting: max(0, width - Grid.width(of: ellipsis)))
        while kept.last == " " { kept = kept.dropLast() }
        return String(kept) + ellipsis
    }

    /// `  title` in `room` columns: cut with `...` when too long, nil when even that does not
    /// fit.
    private static func title(_ title: String, room: Int) -> String? {
        let full = "  " + title
        if Grid.width(of: full) <= room { return full }
        guard room - Grid.width(of: ellipsis) > 2 + 1 else { return nil }
        return cut(full, fitting: room)
    }

    func draw(on grid: inout Grid, in area: Rect) {
        Lines(lines(width: area.width)).draw(on: &grid, in: area)
    }

    /// `call 3/9  step 2/5`, or `no calls`: where the cursor is, in short.
    static func position(_ session: ViewerSession) -> String {
        let h = session.history
        guard h.callCount > 0 else { return "no calls" }
        let p = h.position
        return "call \(p.call)/\(h.callCount)  step \(p.step)/\(h.stepCount(ofCall: p.call))"
    }
}
