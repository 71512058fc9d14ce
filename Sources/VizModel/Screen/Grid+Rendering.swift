extension Grid {
    /// A run of adjacent cells in one row that share a style.
    public struct Run: Hashable, Sendable {
        /// Row.
        public var y: Int
        /// First column.
        public var x: Int
        /// Number of cells covered (a double-width glyph counts two).
        public var width: Int
        /// The glyphs of those cells, continuation cells contributing nothing.
        public var text: String
        public var style: Style
    }

    /// The runs of row `y`, left to right, covering every cell of the row.
    public func runs(inRow y: Int) -> [Run] {
        var runs: [Run] = []
        for x in 0..<width {
            let cell = self[x, y]
            if let last = runs.indices.last, runs[last].style == cell.style {
                runs[last].width += 1
                runs[last].text += cell.glyph
            } else {
                runs.append(Run(y: y, x: x, width: 1, text: cell.glyph, style: cell.style))
            }
        }
        return runs
    }

    /// The runs whose style is not `plain`, row by row.
    public var styledRuns: [Run] {
        (0..<height).flatMap { runs(inRow: $0) }.filter { $0.style != .plain }
    }

    /// Each row as text, trailing blanks trimmed.
    public var lines: [String] {
        (0..<height).map { y in
            var line = (0..<width).map { self[$0, y].glyph }.joined()
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}

extension Grid: CustomStringConvertible {
    /// The text lines, then one line per styled run as `y:x..<end style`, for golden tests.
    public var description: String {
        let runs = styledRuns.map { "\($0.y):\($0.x)..<\($0.x + $0.width) \($0.style)" }
        return (lines + ["--- styles"] + runs).joined(separator: "\n")
    }
}
