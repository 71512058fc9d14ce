/// The bottom row: the status message when there is one, else the main keys and a pending
/// count on the right. When the keys do not fit, the least needed go first
/// (`ViewerCommand.hintPriority`); the rest keep the table's order, each whole.
struct HintBar: Pane {
    var session: ViewerSession
    var options: ViewerOptions

    /// Columns kept free on the right for `count N`.
    private static let countWidth = 12

    func draw(on grid: inout Grid, in area: Rect) {
        Lines([line(width: area.width)]).draw(on: &grid, in: area)
    }

    /// The hint items of the session that fit in `width` columns (with a blank before the
    /// first and two between items): `o original walk` only while on a what-if branch.
    static func items(_ session: ViewerSession, width: Int) -> [(keys: String, label: String)] {
        items(session.keymap.view.commandHints.filter { $0.command != .returnToOriginal || session.original != nil }, width: width)
    }

    private static func items(_ all: [(command: ViewerCommand, keys: String, label: String)], width: Int) -> [(keys: String, label: String)] {
        var hints = all
        func barWidth() -> Int {
            hints.reduce(-1) { $0 + 3 + Grid.width(of: $1.keys) + Grid.width(of: $1.label) }
        }
        func rank(_ c: ViewerCommand) -> Int { ViewerCommand.hintPriority.firstIndex(of: c) ?? Int.max }
        while barWidth() > width, let drop = hints.indices.max(by: { rank(hints[$0].command) < rank(hints[$1].command) }) {
            hints.remove(at: drop)
        }
        return hints.map { ($0.keys, $0.label) }
    }

    private func line(width: Int) -> StyledLine {
        if let status = session.status { return StyledLine(" " + options.text(status), Style(bold: true)) }
        var line = StyledLine()
        line.append(" ")
        let hints = Self.items(session, width: width - (session.count == nil ? 0 : Self.countWidth))
        for (i, (keys, label)) in hints.enumerated() {
            line.append(keys, Style(bold: true))
            line.append(" \(label)" + (i == hints.count - 1 ? "" : "  "))
        }
        if let count = session.count {
            let text = "count \(count) "
            line.place(Span(text, Style(bold: true, reverse: true)), at: max(0, width - Grid.width(of: text)))
        }
        return line
    }
}
