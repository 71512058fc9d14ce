/// The bottom row: the status message when there is one, else the main keys (dropped from
/// the middle until they fit; help and quit always stay) and a pending count on the right.
struct HintBar: Pane {
    var session: ViewerSession

    /// Columns kept free on the right for `count N`.
    private static let countWidth = 12

    func draw(on grid: inout Grid, in area: Rect) {
        Lines([line(width: area.width)]).draw(on: &grid, in: area)
    }

    private func line(width: Int) -> StyledLine {
        if let status = session.status { return StyledLine(" " + status, Style(bold: true)) }
        var hints = session.keymap.hints
        func barWidth() -> Int { 1 + hints.reduce(0) { $0 + Grid.width(of: $1.keys) + Grid.width(of: $1.label) + 3 } }
        while barWidth() > width - (session.count == nil ? 0 : Self.countWidth), hints.count > 2 {
            hints.remove(at: hints.count - 3)
        }
        var line = StyledLine()
        line.append(" ")
        for (keys, label) in hints {
            line.append(keys, Style(bold: true))
            line.append(" \(label)  ")
        }
        if let count = session.count {
            let text = "count \(count) "
            line.place(Span(text, Style(bold: true, reverse: true)), at: max(0, width - Grid.width(of: text)))
        }
        return line
    }
}
