/// The steps that changed the object under the objects pane's cursor (`t`), oldest first, in
/// a framed box over the screen: each as `call 8 step 3`, the step's text, and the values
/// before → after; the list's cursor reversed, kept in view; its keys are the hint bar's.
struct TouchedOverlay: Pane {
    var list: ViewState.TouchedList
    var options: ViewerOptions

    /// The box is at most this wide.
    private static let maximumWidth = 100

    /// The entries as lines `width` wide, with the first and last line of the list's cursor.
    func lines(width: Int) -> (lines: [StyledLine], row: Range<Int>) {
        var out: [StyledLine] = []
        var row = 0..<0
        for (i, t) in list.touches.enumerated() {
            let start = out.count
            let here = i == list.row
            let label = "call \(t.call) step \(t.stepInCall)"
            let pieces = options.text(t.text).wrapped(width: max(8, width - Grid.width(of: label) - 4), indent: 2)
            for (j, piece) in pieces.enumerated() {
                var line = StyledLine()
                if j == 0 {
                    line.append(here ? "\(options.glyphs.arrowHead) " : "  ", Style(bold: true))
                    line.append(label, Style(bold: true, reverse: here))
                }
                line.place(Span(piece), at: Grid.width(of: label) + 4)
                out.append(line)
            }
            for piece in options.text(t.change).wrapped(width: max(8, width - 6), indent: 2) {
                var line = StyledLine()
                line.place(Span(piece, Style(foreground: .yellow)), at: 6)
                out.append(line)
            }
            if here { row = start..<out.count }
        }
        return (out, row)
    }

    func draw(on grid: inout Grid, in area: Rect) {
        let width = min(area.width - 2, Self.maximumWidth)
        let inner = width - 4
        let (lines, row) = lines(width: inner)
        let box = area.centered(Size(width: width, height: min(area.height - 2, lines.count + 2)))
        grid.fill(x: box.x, y: box.y, width: box.width, height: box.height)
        let count = list.touches.count
        Frame(title: "steps that changed \(list.object) (\(count))", focused: true, glyphs: options.glyphs).draw(on: &grid, in: box)
        let content = Frame.content(of: box)
        let offset = min(row.lowerBound, max(0, row.upperBound - content.height))
        ScrolledLines(lines: lines, offset: offset, options: options).draw(on: &grid, in: content)
    }
}
