/// The command line on the last rows, where the hint bar was (the panes end above it, so
/// their borders stay whole): messages (errors or completions), the line being typed with its
/// cursor, and a caret under an error's column. Columns are cells, so the cursor and the caret
/// stay under their characters whatever their widths.
struct PromptArea: Pane {
    var session: ViewerSession
    var prompt: ViewerSession.Prompt
    var options: ViewerOptions
    /// The screen's rows, a third of which the messages may take.
    var screenHeight: Int

    /// Messages take at most this share of the screen's rows: the newest whole (of errors, the
    /// first), the others while they fit whole; a first one longer than that is cut at its end
    /// with `...`.
    private static let messageRowsDivisor = 3

    /// The rows the prompt takes at `width` columns.
    func height(width: Int) -> Int { layout(width: width).rows.count }

    /// The prompt's rows at `width` columns, the row of the line typed in them, and the
    /// column of its cursor.
    private func layout(width: Int) -> (rows: [StyledLine], input: Int, cursor: Int, under: String) {
        var rows: [StyledLine] = []
        let messageStyle = prompt.isError ? ViewerStyle.failure : Style(dim: true)
        var messages = prompt.messages
        if messages.isEmpty, prompt.kind == .call { messages = [session.typedCallPlace] }
        if messages.isEmpty, prompt.kind == .search {
            messages = ["the next step whose text, events or notes contain this; Enter alone: "
                + (session.lastSearch.map { "'\(TerminalText.escaped($0))' again" } ?? "the last search") + "; Esc cancels"]
        }
        if messages.isEmpty, prompt.kind == .exportPath {
            messages = [session.keymap.exportPathHint]
            if let directory = session.exportDirectory { messages.append("a relative path is written in \(options.text(TerminalText.escaped(directory)))") }
        }
        if messages.isEmpty, prompt.kind == .picturePath {
            messages = [session.keymap.picturePathHint]
        }
        let limit = max(1, screenHeight / Self.messageRowsDivisor)
        let pieceWidth = max(10, width - 2)
        // Where the call goes, in a few words when the sentence would be cut.
        if prompt.messages.isEmpty, prompt.kind == .call, messages[0].wrapped(width: pieceWidth, indent: 2).count > limit {
            messages = [session.typedCallPlaceShort]
        }
        // Information: the newest first. Errors: the first error first (the hint after it
        // only helps with it).
        let order = prompt.isError ? Array(messages.indices) : messages.indices.reversed()
        var kept: [Int: [String]] = [:], used = 0
        for i in order {
            var pieces = messages[i].wrapped(width: pieceWidth, indent: 2)
            if used + pieces.count > limit {
                guard kept.isEmpty else { break }
                pieces = Array(pieces.prefix(limit))
                pieces[limit - 1] = String(Grid.prefix(of: Substring(pieces[limit - 1]), fitting: max(0, width - 1 - 3))) + "..."
            }
            kept[i] = pieces
            used += pieces.count
        }
        rows = messages.indices.flatMap { kept[$0] ?? [] }.map { StyledLine(" " + $0, messageStyle) }
        var typed = StyledLine()
        typed.append(prompt.label, Style(bold: true))
        let start = typed.width
        // Keep the cursor on screen: scroll the text left when it is long. Only the characters
        // around the cursor are read, so a long line (a paste) costs what the screen shows.
        let text = prompt.text, cursor = prompt.line.cursorIndex
        let room = max(1, width - start - 1)
        var skip = cursor, skipped = prompt.cursor, before = 0
        while skip > text.startIndex {
            let previous = text.index(before: skip)
            let cells = Grid.width(of: text[previous])
            guard before + cells <= room - 1 else { break }
            skip = previous
            skipped -= 1
            before += cells
        }
        /// The column of the character at `offset` (`skipped` or more); past the end, one
        /// cell per character.
        func column(_ offset: Int) -> Int {
            var end = skip, at = skipped
            while at < offset, end < text.endIndex {
                text.formIndex(after: &end)
                at += 1
            }
            return start + Grid.width(of: text[skip..<end]) + (offset - at)
        }
        typed.append(String(Grid.prefix(of: text[skip...], fitting: room)))
        rows.append(typed)
        let input = rows.count - 1
        if let caret = prompt.caret, caret >= skipped {
            var line = StyledLine()
            line.place(Span("^", ViewerStyle.failure), at: column(caret))
            rows.append(line)
        }
        return (rows, input, column(prompt.cursor), cursor < text.endIndex ? String(text[cursor]) : " ")
    }

    func draw(on grid: inout Grid, in area: Rect) {
        let (rows, input, cursor, under) = layout(width: area.width)
        grid.fill(x: area.x, y: area.y, width: area.width, height: area.height)
        Lines(rows).draw(on: &grid, in: area)
        if cursor < area.width, input < area.height {
            grid.put(under, x: area.x + cursor, y: area.y + input, style: Style(reverse: true))
        }
    }
}
