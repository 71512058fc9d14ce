/// The bottom row: the status message when there is one, else the main keys and a pending
/// count on the right. When the keys do not fit, the least needed go first
/// (`ViewerCommand.hintPriority`); the rest keep the table's order, each whole. A message too
/// long for the row wraps at words onto rows above it, taken from the panes while it shows, so
/// that it is read whole.
struct HintBar: Pane {
    var session: ViewerSession
    var options: ViewerOptions

    /// Columns kept free on the right for `count N`.
    private static let countWidth = 12
    /// The most rows a message takes; what is left over is cut with `...`.
    private static let messageRows = 3

    func draw(on grid: inout Grid, in area: Rect) {
        Lines(lines(width: area.width)).draw(on: &grid, in: area)
    }

    /// The bar's rows at `width` columns: one, or the message's.
    func lines(width: Int) -> [StyledLine] {
        guard let status = session.status else { return [line(width: width)] }
        var rows = options.text(status).wrapped(width: max(10, width - 2), indent: 2)
        if rows.count > Self.messageRows {
            rows = Array(rows.prefix(Self.messageRows))
            let last = rows[rows.count - 1]
            rows[rows.count - 1] = String(Grid.prefix(of: Substring(last), fitting: max(0, width - 2 - 3))) + "..."
        }
        return rows.map { StyledLine(" " + $0, Style(bold: true)) }
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

    /// The keys that fit, and a count being typed.
    private func line(width: Int) -> StyledLine {
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
