/// Something the viewer draws into a rectangle of the screen.
///
/// A pane knows what it shows, the layout decides where: `ViewerLayout` splits the screen
/// into `Rect`s and hands one to each pane.
protocol Pane {
    func draw(on grid: inout Grid, in area: Rect)
}

/// A box with a title on its top edge, the way every pane of the viewer is framed.
struct Frame: Pane {
    var title: String
    /// The focused pane's title is reversed and led by an arrow head.
    var focused: Bool
    var glyphs: GlyphSet

    /// Where a framed pane's content goes: inside the border, one blank column either side.
    /// The right blank column holds the scroll marks.
    static func content(of area: Rect) -> Rect {
        area.inset(dx: 2, dy: 1)
    }

    func draw(on grid: inout Grid, in area: Rect) {
        guard area.width >= 2, area.height >= 2 else { return }
        let g = glyphs
        let inner = String(repeating: g.horizontal, count: area.width - 2)
        grid.put("\(g.topLeft)\(inner)\(g.topRight)", x: area.x, y: area.y)
        for row in (area.y + 1)..<(area.bottom - 1) {
            grid.put(String(g.vertical), x: area.x, y: row)
            grid.put(String(g.vertical), x: area.right - 1, y: row)
        }
        grid.put("\(g.bottomLeft)\(inner)\(g.bottomRight)", x: area.x, y: area.bottom - 1)
        var label = " \(title) "
        if focused { label = " \(g.arrowHead)\(label.dropFirst())" }
        let cut = Grid.prefix(of: Substring(label), fitting: area.width - 4)
        grid.put(String(cut), x: area.x + 2, y: area.y, style: Style(bold: true, reverse: focused))
    }
}

/// Lines shown from `offset` on (clamped so the last screenful stays full), with a mark in
/// the column right of the area where more lines are above or below.
struct ScrolledLines: Pane {
    var lines: [StyledLine]
    var offset: Int
    var options: ViewerOptions

    func draw(on grid: inout Grid, in area: Rect) {
        guard area.height > 0 else { return }
        let start = max(0, min(offset, lines.count - area.height))
        for (i, line) in lines.dropFirst(start).prefix(area.height).enumerated() {
            line.draw(on: &grid, x: area.x, y: area.y + i, limit: area.width)
        }
        if start > 0 { grid.put(options.upMark, x: area.right, y: area.y) }
        if start + area.height < lines.count { grid.put(options.downMark, x: area.right, y: area.bottom - 1) }
    }
}

/// A pane in a frame: the frame on the area's edge, the content inside.
struct Framed<Content: Pane>: Pane {
    var frame: Frame
    var content: Content

    func draw(on grid: inout Grid, in area: Rect) {
        frame.draw(on: &grid, in: area)
        content.draw(on: &grid, in: Frame.content(of: area))
    }
}

/// Lines from the area's top, each cut at its width; those below its bottom are not drawn.
struct Lines: Pane {
    var lines: [StyledLine]

    init(_ lines: [StyledLine]) {
        self.lines = lines
    }

    func draw(on grid: inout Grid, in area: Rect) {
        for (i, line) in lines.prefix(area.height).enumerated() {
            line.draw(on: &grid, x: area.x, y: area.y + i, limit: area.width)
        }
    }
}
