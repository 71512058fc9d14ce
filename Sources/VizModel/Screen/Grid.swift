/// A screen's worth of styled cells: what the layout produces and the painter draws.
///
/// A value type, so a layout is a pure function to a `Grid` and tests compare grids.
/// Writing clips at the edges; a double-width glyph takes two cells, the second of which
/// is a continuation cell with an empty glyph.
public struct Grid: Hashable, Sendable {
    /// One terminal cell.
    public struct Cell: Hashable, Sendable {
        /// The grapheme shown here; empty for the right half of a double-width glyph.
        public var glyph: String
        public var style: Style

        public init(glyph: String, style: Style = .plain) {
            self.glyph = glyph
            self.style = style
        }

        /// A space in the given style.
        public static func blank(_ style: Style = .plain) -> Cell { Cell(glyph: " ", style: style) }

        /// Whether this is the right half of a double-width glyph.
        public var isContinuation: Bool { glyph.isEmpty }
    }

    /// Width and height in cells.
    public let size: Size
    private var cells: [Cell]

    /// Creates a grid of blank cells in `style`.
    public init(size: Size, style: Style = .plain) {
        self.size = size
        self.cells = Array(repeating: .blank(style), count: size.width * size.height)
    }

    /// Creates a grid of blank cells.
    public init(width: Int, height: Int) {
        self.init(size: Size(width: width, height: height))
    }

    public var width: Int { size.width }
    public var height: Int { size.height }

    /// The cell at column `x`, row `y`; both must be inside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        precondition(contains(x: x, y: y), "cell (\(x), \(y)) outside a \(size) grid")
        return cells[y * width + x]
    }

    /// Writes `text` from column `x` of row `y`, one grapheme at a time, clipping at the edges.
    ///
    /// A glyph that does not fit entirely (a double-width glyph on the last column, or one
    /// that starts left of column 0) is not drawn but still advances the column. Control
    /// characters are shown as `?`. Overwriting half of an existing double-width glyph blanks
    /// its other half.
    /// - Returns: The column after the text, whether or not it was clipped.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain) -> Int {
        var column = x
        for character in text {
            let glyph = Grid.isControl(character) ? "?" : String(character)
            let cellWidth = Grid.width(of: character)
            if cellWidth > 0, y >= 0, y < height, column >= 0, column + cellWidth <= width {
                set(Cell(glyph: glyph, style: style), x: column, y: y)
                if cellWidth == 2 {
                    set(Cell(glyph: "", style: style), x: column + 1, y: y)
                }
            }
            column += cellWidth
        }
        return column
    }

    /// Fills a rectangle, clipped to the grid, with `glyph` (a single-width character) in `style`.
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, glyph: Character = " ", style: Style = .plain) {
        let text = String(repeating: glyph, count: max(0, width))
        for row in y..<(y + max(0, height)) {
            put(text, x: x, y: row, style: style)
        }
    }

    /// Whether (`x`, `y`) is inside the grid.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && x < width && y >= 0 && y < height
    }

    /// Stores one cell, first blanking the other half of any double-width glyph it cuts.
    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
        }
        if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
        cells[index] = cell
    }
}
