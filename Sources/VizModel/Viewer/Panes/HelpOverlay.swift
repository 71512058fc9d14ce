/// Every key with what it does, then the marks the screen uses (those rows matching the
/// filter), in a framed box centered over the screen, with the filter line on top; the hint
/// bar under it says how to close and scroll it (while the filter is typed: how to end it). The list
/// scrolls (`ViewState.Help.offset`); a text too long for its column wraps at a word.
struct HelpOverlay: Pane {
    var help: ViewerSession.Help
    /// The live keymap, whose keys the rows name.
    var keymap: Keymap
    var options: ViewerOptions

    /// The box is at most this wide: a key column and a help text read comfortably.
    private static let maximumWidth = 80
    /// The help texts start at this column, clear of the longest key list.
    private static let keyColumnWidth = 22
    /// Below this many columns for the text, it goes under its keys instead of beside them.
    private static let minimumTextWidth = 24
    /// Rows around the list: the frame (2), the filter line and a blank (2).
    private static let chromeRows = 4

    /// The box on a screen of `size`.
    private func box(in area: Rect, lineCount: Int) -> Rect {
        area.centered(Size(width: min(area.width - 2, Self.maximumWidth),
                           height: min(area.height - 2, lineCount + Self.chromeRows)))
    }

    /// The list's width inside a box on `area` (the box is as wide for any list).
    private func listWidth(in area: Rect) -> Int { Frame.content(of: box(in: area, lineCount: 0)).width }

    /// How many lines the list has on a screen of `size`, and how many of them show at once.
    func viewport(size: Size) -> (lines: Int, height: Int) {
        let area = Rect(size)
        let lines = list(width: listWidth(in: area)).count
        return (lines, max(0, box(in: area, lineCount: lines).height - Self.chromeRows))
    }

    /// The keys, then the legend of the marks, as lines `width` cells wide.
    func list(width: Int) -> [StyledLine] {
        let rows = keymap.helpRows(filter: help.filter, ascii: options.isASCII)
        let legend = ScreenLegend.rows(options: options, filter: help.filter)
        if rows.isEmpty && legend.isEmpty { return [StyledLine("(no key or mark matches)", Style(dim: true))] }
        var lines = rows.flatMap { entry(keys: $0.keys, text: $0.help, width: width) }
        if !legend.isEmpty {
            if !lines.isEmpty { lines.append(StyledLine()) }
            lines.append(StyledLine("marks on the screen", Style(bold: true, underline: true)))
            lines += legend.flatMap { entry(keys: $0.mark, text: $0.meaning, width: width) }
        }
        return lines
    }

    /// One row: the keys in bold, the text beside them from the key column (or under them on
    /// a narrow box), wrapped at words.
    private func entry(keys: String, text: String, width: Int) -> [StyledLine] {
        let beside = width - Self.keyColumnWidth >= Self.minimumTextWidth && Grid.width(of: keys) < Self.keyColumnWidth
        let column = beside ? Self.keyColumnWidth : 2
        let pieces = text.wrapped(width: width - column, indent: 0)
        var lines: [StyledLine] = []
        var first = StyledLine()
        first.append(keys, Style(bold: true))
        if beside {
            first.place(Span(pieces[0]), at: column)
            lines.append(first)
        } else {
            lines.append(first)
            var line = StyledLine()
            line.place(Span(pieces[0]), at: column)
            lines.append(line)
        }
        for piece in pieces.dropFirst() {
            var line = StyledLine()
            line.place(Span(piece), at: column)
            lines.append(line)
        }
        return lines
    }

    func draw(on grid: inout Grid, in area: Rect) {
        let list = list(width: listWidth(in: area))
        let box = box(in: area, lineCount: list.count)
        grid.fill(x: box.x, y: box.y, width: box.width, height: box.height)
        Frame(title: "help: keys", focused: true, glyphs: options.glyphs).draw(on: &grid, in: box)
        let parts = Frame.content(of: box).rows([.cells(1), .cells(1), .fill])
        var filterLine = StyledLine()
        filterLine.append("/ filter: ", Style(bold: true))
        if help.isEditingFilter {
            // The insertion point: `_` at the end, else the character under it in reverse.
            let filter = help.filter, cursor = help.filterLine.cursorIndex, typing = Style(underline: true)
            filterLine.append(String(filter[..<cursor]), typing)
            if cursor < filter.endIndex {
                let next = filter.index(after: cursor)
                filterLine.append(String(filter[cursor..<next]), Style(reverse: true, underline: true))
                filterLine.append(String(filter[next...]), typing)
            } else {
                filterLine.append("_", typing)
            }
        } else {
            filterLine.append(help.filter)
        }
        Lines([filterLine]).draw(on: &grid, in: parts[0])
        ScrolledLines(lines: list, offset: help.offset, options: options).draw(on: &grid, in: parts[2])
    }
}

/// The help's filter, as the keys' rows and the legend's are matched against it:
/// case-insensitively.
struct HelpFilter {
    let text: String
    /// Its length in characters: a text shorter than that cannot hold it and is not searched.
    /// `contains` first builds a table of the whole filter, and the list is filtered again at
    /// every key, so a long paste into the filter cost that for every row at every key (2,000
    /// characters took 30 s).
    let count: Int

    init(_ filter: String) {
        text = filter.lowercased()
        count = text.count
    }

    var isEmpty: Bool { text.isEmpty }

    /// Whether one of `texts` holds the filter.
    func matches(_ texts: String...) -> Bool {
        texts.contains { t in
            let lowered = t.lowercased()
            return lowered.count >= count && lowered.contains(text)
        }
    }
}
