/// A file's lines, for carets under errors: the file's bytes once, and where each line starts.
///
/// A generated scenario has hundreds of thousands of lines; a `String` each would cost more
/// than the bytes themselves, so a line becomes a `String` only when an error shows it.
public struct SourceLines: RandomAccessCollection, Hashable, Sendable {
    private let bytes: [UInt8]
    /// The start of each line, then the end of the last one.
    private let bounds: [Int]

    /// The lines of `bytes`, split at `\n`; a final `\n` ends the last line, it does not start
    /// an empty one.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var bounds = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { bounds.append(i + 1) }
        if bytes.last != 0x0A { bounds.append(bytes.count + 1) }
        self.bounds = bounds
    }

    public init() { self.init([]) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { bounds.count - 1 }

    /// Line `i` (0-based) without its `\n`, as bytes.
    public func bytes(ofLine i: Int) -> ArraySlice<UInt8> {
        bytes[bounds[i]..<bounds[i + 1] - 1]
    }

    public subscript(i: Int) -> String {
        String(decoding: bytes(ofLine: i), as: UTF8.self)
    }
}
