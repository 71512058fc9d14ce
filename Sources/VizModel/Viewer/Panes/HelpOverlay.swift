/// Every key with what it does (those matching the filter), in a framed box centered over
/// the screen, with the filter line on top and how to close it at the bottom.
struct HelpOverlay: Pane {
    var help: ViewerSession.Help
    /// The live keymap, whose keys the rows and the footer name.
    var keymap: Keymap
    var options: ViewerOptions

    /// The box is at most this wide: a key column and a help text read comfortably.
    private static let maximumWidth = 80
    /// The help texts start at this column, clear of the longest key list.
    private static let keyColumnWidth = 22
    /// Rows around the list: the frame (2), the filter line and a blank (2), the footer (1).
    private static let chromeRows = 5

    func draw(on grid: inout Grid, in area: Rect) {
        let rows = ViewerLayout.helpRows(filter: help.filter, keymap: keymap)
        let box = area.centered(Size(width: min(area.width - 2, Self.maximumWidth),
                                     height: min(area.height - 2, rows.count + Self.chromeRows)))
        grid.fill(x: box.x, y: box.y, width: box.width, height: box.height)
        Frame(title: "help: keys", focused: true, glyphs: options.glyphs).draw(on: &grid, in: box)
        let parts = Frame.content(of: box).rows([.cells(1), .cells(1), .fill, .cells(1)])
        var filterLine = StyledLine()
        filterLine.append("/ filter: ", Style(bold: true))
        if help.isEditingFilter {
            // The insertion point: `_` at the end, else the character under it in reverse.
            let chars = Array(help.filter), cursor = help.filterLine.cursor, typing = Style(underline: true)
            filterLine.append(String(chars[..<cursor]), typing)
            if cursor < chars.count {
                filterLine.append(String(chars[cursor]), Style(reverse: true, underline: true))
                filterLine.append(String(chars[(cursor + 1)...]), typing)
            } else {
                filterLine.append("_", typing)
            }
        } else {
            filterLine.append(help.filter)
        }
        Lines([filterLine]).draw(on: &grid, in: parts[0])
        let list = rows.isEmpty
            ? [StyledLine("(no key matches)", Style(dim: true))]
            : rows.map { row in
                var line = StyledLine()
                line.append(row.keys, Style(bold: true))
                line.place(Span(row.help), at: Self.keyColumnWidth)
                return line
            }
        Lines(list).draw(on: &grid, in: parts[2])
        Lines([StyledLine(keymap.helpFooter, Style(dim: true))]).draw(on: &grid, in: parts[3])
    }
}
