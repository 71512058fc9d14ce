/// The bottom row: the status message when there is one, else the keys of the context (the
/// help overlay's, the touched list's, or the main keys and a pending count on the right, as
/// lazygit and tig show the keys of what has the focus). When the keys do not fit, the least
/// needed go first (`ViewerCommand.hintPriority`; in an overlay, how to close it stays the
/// longest); the rest keep the table's order, each whole. A message too long for the row wraps
/// at words onto rows above it, taken from the panes while it shows, so that it is read whole.
struct HintBar: Pane {
    var session: ViewerSession
    var options: ViewerOptions
    /// Below 80×24, where only the objects pane shows: the screen's size, which the main keys
    /// follow (`60×16: objects only (80×24 shows steps and events)  n/p step …`).
    var smallScreen: Size?

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

    /// The main hint items of the session that fit in `width` columns (with a blank before the
    /// first and two between items): `o original walk` only while on a what-if branch.
    static func items(_ session: ViewerSession, width: Int) -> [(keys: String, label: String)] {
        func rank(_ c: ViewerCommand) -> Int { ViewerCommand.hintPriority.firstIndex(of: c) ?? Int.max }
        let all = session.keymap.view.commandHints.filter { $0.command != .returnToOriginal || session.original != nil }
        return fitted(all.map { ($0.keys, $0.label, rank($0.command)) }, width: width)
    }

    /// An overlay's hint items (`table`'s) that fit in `width` columns, the first of
    /// `priority` kept the longest.
    private static func overlayItems<C>(_ table: KeyTable<C>, priority: [C], width: Int) -> [(keys: String, label: String)] {
        fitted(table.commandHints.map { ($0.keys, $0.label, priority.firstIndex(of: $0.command) ?? Int.max) }, width: width)
    }

    /// `all` less the items of the highest rank, one at a time, until they fit in `width` columns.
    private static func fitted(_ all: [(keys: String, label: String, rank: Int)], width: Int) -> [(keys: String, label: String)] {
        var hints = all
        func barWidth() -> Int {
            hints.reduce(-1) { $0 + 3 + Grid.width(of: $1.keys) + Grid.width(of: $1.label) }
        }
        while barWidth() > width, let drop = hints.indices.max(by: { hints[$0].rank < hints[$1].rank }) {
            hints.remove(at: drop)
        }
        return hints.map { ($0.keys, $0.label) }
    }

    /// The keys of the context that fit, and a count being typed.
    private func line(width: Int) -> StyledLine {
        var line = StyledLine()
        line.append(" ")
        let room = width - (session.count == nil ? 0 : Self.countWidth)
        let hints: [(keys: String, label: String)]
        let keymap = session.keymap
        if let help = session.help, help.isEditingFilter {
            // Ending the filter first, then quitting, then clearing it.
            hints = Self.fitted(zip(keymap.helpFilterHints, [0, 2, 1]).map { ($0.keys, $0.label, $1) }, width: room)
        } else if session.help != nil {
            hints = Self.overlayItems(keymap.help, priority: HelpCommand.hintPriority, width: room)
        } else if session.touched != nil {
            hints = Self.overlayItems(keymap.list, priority: ListCommand.hintPriority, width: room)
        } else if let size = smallScreen {
            // The note, shortened to what fits before the keys.
            let keys = keymap.smallScreenHint
            let note = ["\(size): objects only (80×24 shows steps and events)", "\(size): objects only", "objects only"]
                .first { 1 + Grid.width(of: $0) + 2 + Grid.width(of: keys) <= room }
            line.append((note.map { $0 + "  " } ?? "") + keys, Style(dim: true))
            hints = []
        } else {
            hints = Self.items(session, width: room)
        }
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
