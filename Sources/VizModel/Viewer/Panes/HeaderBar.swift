/// The top of the screen: the program, file, title and design, then the call and step at the
/// cursor; on one row when both fit, else on two.
struct HeaderBar: Pane {
    var session: ViewerSession

    /// The header's rows for a screen `width` columns wide.
    func lines(width: Int) -> [StyledLine] {
        let h = session.history
        var first = StyledLine()
        first.append(" skbviz", Style(bold: true))
        first.append("  \(session.scenario.file)")
        let design = "  \(session.scenario.design.rawValue)"
        // On a what-if branch the header says so: the calls after the branch point are typed.
        let branch = session.original.map { "  what-if after call \($0.shared)" } ?? ""
        if let t = session.scenario.title, let title = Self.title(t, room: width - first.width - Grid.width(of: design + branch)) {
            first.append(title, Style(bold: true))
        }
        first.append(design, Style(foreground: .cyan))
        if !branch.isEmpty { first.append(branch, Style(foreground: .magenta, bold: true)) }
        var second = StyledLine()
        if h.callCount == 0 {
            second.append(" no calls")
        } else {
            let p = h.position
            second.append(" call \(p.call)/\(h.callCount): ", Style(bold: true))
            second.append(session.calls[p.call - 1].text)
            second.append("  step \(p.step)/\(h.stepCount(ofCall: p.call))", Style(bold: true))
            second.append("  (\(h.cursor)/\(h.stepCount) in all)", Style(dim: true))
        }
        if first.width + 3 + second.width <= width {
            first.place(second.spansWithGaps, at: max(first.width + 3, width - second.width))
            return [first]
        }
        return [first, second]
    }

    /// What is cut from a title too long for its row.
    private static let ellipsis = "..."

    /// `  title` in `room` columns: cut with `...` when too long, nil when even that does not
    /// fit. The title gives way so that the design, the one word that changes the story, stays.
    private static func title(_ title: String, room: Int) -> String? {
        let full = "  " + title
        if Grid.width(of: full) <= room { return full }
        let kept = room - Grid.width(of: ellipsis)
        guard kept > 2 + 1 else { return nil }
        var cut = Grid.prefix(of: Substring(full), fitting: kept)
        while cut.last == " " { cut = cut.dropLast() }
        return String(cut) + ellipsis
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
