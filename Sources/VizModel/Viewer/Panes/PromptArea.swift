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
        let chars = Array(prompt.text)
        // Keep the cursor on screen: scroll the text left when it is long.
        let room = max(1, width - start - 1)
        var skip = min(prompt.cursor, chars.count), before = 0
        while skip > 0, before + Grid.width(of: chars[skip - 1]) <= room - 1 {
            skip -= 1
            before += Grid.width(of: chars[skip])
        }
        /// The column of the character at `offset`; past the end, one cell per character.
        func column(_ offset: Int) -> Int {
            start + Grid.width(of: String(chars[skip..<max(skip, min(offset, chars.count))])) + max(0, offset - chars.count)
        }
        typed.append(String(Grid.prefix(of: Substring(String(chars[skip...])), fitting: room)))
        rows.append(typed)
        let input = rows.count - 1
        if let caret = prompt.caret, caret >= skip {
            var line = StyledLine()
            line.place(Span("^", ViewerStyle.failure), at: column(caret))
            rows.append(line)
        }
        return (rows, input, column(prompt.cursor), prompt.cursor < chars.count ? String(chars[prompt.cursor]) : " ")
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
