/// The size of a screen or grid, in terminal cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// Creates a size; negative values count as zero.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// Whether both dimensions are at least those of `other`.
    public func covers(_ other: Size) -> Bool {
        width >= other.width && height >= other.height
    }

    /// `W×H`, the way the screen reports sizes to the user.
    public var description: String { "\(width)×\(height)" }
}
