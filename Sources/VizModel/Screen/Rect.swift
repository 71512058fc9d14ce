/// A rectangle of cells on a grid: where a pane draws.
///
/// Layouts split a rectangle into rows or columns (`rows(_:)`, `columns(_:)`) instead of
/// computing positions by hand, the way ratatui's `Layout` does.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    /// Columns; never negative.
    public var width: Int
    /// Rows; never negative.
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The whole of a grid of `size`.
    public init(_ size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    public var size: Size { Size(width: width, height: height) }
    /// The column after the rectangle.
    public var right: Int { x + width }
    /// The row after the rectangle.
    public var bottom: Int { y + height }

    /// The rectangle shrunk by `dx` columns on the left and right and `dy` rows on the top
    /// and bottom.
    public func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    /// A rectangle of `size` centered in this one.
    public func centered(_ size: Size) -> Rect {
        Rect(x: x + (width - size.width) / 2, y: y + (height - size.height) / 2, width: size.width, height: size.height)
    }

    /// How much of a rectangle's length one part of a split takes.
    public enum Extent: Hashable, Sendable {
        /// Exactly this many cells.
        case cells(Int)
        /// This share of what the `cells` parts leave, rounded down, but at least `atLeast`.
        case percent(Int, atLeast: Int = 0)
        /// What the other parts leave (shared equally by several, the first ones taking the
        /// remainder's odd cells).
        case fill
    }

    /// The rectangle cut into rows, top to bottom, as tall as `extents` say.
    ///
    /// Parts that do not fit are cut at the bottom edge (and then empty).
    public func rows(_ extents: [Extent]) -> [Rect] {
        Rect.lengths(extents, total: height).map { Rect(x: x, y: y + $0.start, width: width, height: $0.length) }
    }

    /// The rectangle cut into columns, left to right, as wide as `extents` say.
    ///
    /// Parts that do not fit are cut at the right edge (and then empty).
    public func columns(_ extents: [Extent]) -> [Rect] {
        Rect.lengths(extents, total: width).map { Rect(x: x + $0.start, y: y, width: $0.length, height: height) }
    }

    private static func lengths(_ extents: [Extent], total: Int) -> [(start: Int, length: Int)] {
        let fixed = extents.reduce(0) { if case .cells(let n) = $1 { $0 + max(0, n) } else { $0 } }
        let free = max(0, total - fixed)
        var lengths = extents.map { extent -> Int in
            switch extent {
            case .cells(let n): max(0, n)
            case .percent(let p, let atLeast): max(atLeast, free * p / 100)
            case .fill: 0
            }
        }
        let fills = extents.indices.filter { extents[$0] == .fill }
        let left = max(0, total - lengths.reduce(0, +))
        for (k, i) in fills.enumerated() {
            lengths[i] = left / fills.count + (k < left % fills.count ? 1 : 0)
        }
        var start = 0
        return lengths.map { length in
            defer { start += length }
            return (start: min(start, total), length: max(0, min(length, total - start)))
        }
    }
}
