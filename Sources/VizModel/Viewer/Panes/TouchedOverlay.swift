/// The steps that changed the object under the objects pane's cursor (`t`), oldest first, in
/// a framed box over the screen: each as `call 8 step 3`, the step's text, and the values
/// before → after; the list's cursor reversed, kept in view; its keys are the hint bar's.
struct TouchedOverlay: Pane {
    var list: ViewState.TouchedList
    var options: ViewerOptions

    /// The box is at most this wide.
    private static let maximumWidth = 100
    /// Below this many columns beside its label, a step's text goes under it.
    private static let minimumTextWidth = 24

    /// The entries as lines `width` wide, with the first and last line of the list's cursor
    /// and the first line of each entry.
    func lines(width: Int) -> (lines: [StyledLine], row: Range<Int>, starts: [Int]) {
        var out: [StyledLine] = []
        var row = 0..<0, starts: [Int] = []
        for (i, t) in list.touches.enumerated() {
            let start = out.count
            starts.append(start)
            let here = i == list.row
            let label = "call \(t.call) step \(t.stepInCall)"
            // The text beside its label, or under it when that leaves too few columns for words.
            let beside = width - Grid.width(of: label) - 4 >= Self.minimumTextWidth
            let column = beside ? Grid.width(of: label) + 4 : 4
            var head = StyledLine()
            head.append(here ? "\(options.glyphs.arrowHead) " : "  ", Style(bold: true))
            head.append(label, Style(bold: true, reverse: here))
            if !beside { out.append(head) }
            for (j, piece) in options.text(t.text).wrapped(width: max(8, width - column), indent: 2).enumerated() {
                var line = j == 0 && beside ? head : StyledLine()
                line.place(Span(piece), at: column)
                out.append(line)
            }
            for piece in options.text(t.change).wrapped(width: max(8, width - 6), indent: 2) {
                var line = StyledLine()
                line.place(Span(piece, Style(foreground: .yellow)), at: 6)
                out.append(line)
            }
            if here { row = start..<out.count }
        }
        return (out, row, starts)
    }

    func draw(on grid: inout Grid, in area: Rect) {
        let width = min(area.width - 2, Self.maximumWidth)
        let inner = width - 4
        var (lines, row, starts) = lines(width: inner)
        let box = area.centered(Size(width: width, height: min(area.height - 2, lines.count + 2)))
        grid.fill(x: box.x, y: box.y, width: box.width, height: box.height)
        let count = list.touches.count
        Frame(title: "steps that changed \(list.object) (\(count))", focused: true, glyphs: options.glyphs).draw(on: &grid, in: box)
        let content = Frame.content(of: box)
        // The cursor's entry in view, the first line shown the first of an entry (never a
        // value without its step), with blank lines after the last entry when that needs them.
        let bottom = min(row.lowerBound, max(0, row.upperBound - content.height))
        let offset = starts.first { $0 >= bottom } ?? bottom
        lines += Array(repeating: StyledLine(), count: max(0, offset + content.height - lines.count))
        ScrolledLines(lines: lines, offset: offset, options: options).draw(on: &grid, in: content)
    }
}
