/// The command line on the last rows: messages (errors or completions), the line being typed
/// with its cursor, and a caret under an error's column; a rule above it. Columns are cells,
/// so the cursor and the caret stay under their characters whatever their widths.
struct PromptArea: Pane {
    var session: ViewerSession
    var prompt: ViewerSession.Prompt
    var options: ViewerOptions

    /// Messages take at most this share of the screen's rows, the newest kept.
    private static let messageRowsDivisor = 3

    func draw(on grid: inout Grid, in area: Rect) {
        let width = area.width
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
        for m in messages {
            for piece in m.wrapped(width: max(10, width - 2), indent: 2) { rows.append(StyledLine(" " + piece, messageStyle)) }
        }
        rows = Array(rows.suffix(max(1, area.height / Self.messageRowsDivisor)))
        var input = StyledLine()
        input.append(prompt.label, Style(bold: true))
        let start = input.width
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
        input.append(String(Grid.prefix(of: Substring(String(chars[skip...])), fitting: room)))
        rows.append(input)
        var caretRow: StyledLine?
        if let caret = prompt.caret, caret >= skip {
            var line = StyledLine()
            line.place(Span("^", ViewerStyle.failure), at: column(caret))
            caretRow = line
        }
        if let c = caretRow { rows.append(c) }
        let top = area.bottom - rows.count
        grid.fill(x: area.x, y: top, width: width, height: rows.count)
        if top > area.y {
            grid.put(String(repeating: options.glyphs.horizontal, count: width), x: area.x, y: top - 1, style: Style(dim: true))
        }
        Lines(rows).draw(on: &grid, in: Rect(x: area.x, y: top, width: width, height: rows.count))
        let inputY = top + rows.count - (caretRow == nil ? 1 : 2)
        let cursorX = column(prompt.cursor)
        if cursorX < width {
            let under = prompt.cursor < chars.count ? String(chars[prompt.cursor]) : " "
            grid.put(under, x: area.x + cursorX, y: inputY, style: Style(reverse: true))
        }
    }
}
