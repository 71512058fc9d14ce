/// The screen shown when the terminal is too small for any layout.
public enum TooSmallScreen {
    /// The size the viewer is designed for, named in the message.
    public static let designSize = Size(width: 80, height: 24)

    /// The message `terminal too small: W×H, need 80×24`, centered in a grid of `size`;
    /// `need` is the smallest size that draws (the viewer's is smaller than `designSize`).
    ///
    /// When the grid is narrower than the message, it breaks after the comma into two
    /// centered lines (and clips below that).
    public static func grid(size: Size, need: Size = designSize, style: Style = Style(foreground: .yellow, bold: true)) -> Grid {
        let first = "terminal too small: \(size),"
        let second = "need \(need)"
        let lines = Grid.width(of: first) + 1 + Grid.width(of: second) <= size.width
            ? ["\(first) \(second)"] : [first, second]
        var grid = Grid(size: size)
        let top = (size.height - lines.count) / 2
        for (offset, line) in lines.enumerated() {
            let left = max(0, (size.width - Grid.width(of: line)) / 2)
            grid.put(line, x: left, y: top + offset, style: style)
        }
        return grid
    }
}
