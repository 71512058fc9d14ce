/// State codes back to back in fixed-size byte chunks: no array doubling, so no slack beyond
/// one chunk, and one allocation per 64 KB rather than one per code. `explore` keeps every
/// stored state's key and the frontier's concrete codes this way.
struct CodeArena: Sendable {
    private static let chunkBits = 16
    private var chunks: [[UInt8]] = []
    /// Where each code starts: chunk << chunkBits | offset in the chunk.
    private var starts: [UInt32] = []
    private var lengths: [UInt8] = []

    var count: Int { starts.count }

    /// Code `i`.
    subscript(i: Int) -> ArraySlice<UInt8> {
        let start = Int(starts[i])
        let offset = start & (1 << Self.chunkBits - 1)
        return chunks[start >> Self.chunkBits][offset..<offset + Int(lengths[i])]
    }

    /// Whether code `i` is `code`: lengths first, then the bytes eight at a time (the generic
    /// comparison of a slice and an array went a byte at a time through its iterators).
    func equals(_ i: Int, _ code: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = code.count
        guard Int(lengths[i]) == n else { return false }
        let start = Int(starts[i])
        let offset = start & (1 << Self.chunkBits - 1)
        let c = UnsafeRawBufferPointer(code)
        return chunks[start >> Self.chunkBits].withUnsafeBytes { chunk in
            var k = 0
            while k + 8 <= n {
                if chunk.loadUnaligned(fromByteOffset: offset + k, as: UInt64.self) != c.loadUnaligned(fromByteOffset: k, as: UInt64.self) {
                    return false
                }
                k += 8
            }
            while k < n {
                if chunk[offset + k] != c[k] { return false }
                k += 1
            }
            return true
        }
    }

    /// Appends `code` (at most 255 bytes) and returns its index.
    @discardableResult
    mutating func append(_ code: [UInt8]) -> Int {
        precondition(code.count < 256, "a state code is at most 255 bytes")
        if chunks.isEmpty || chunks[chunks.count - 1].count + code.count > 1 << Self.chunkBits {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(1 << Self.chunkBits)
            chunks.append(chunk)
        }
        let c = chunks.count - 1
        starts.append(UInt32(c << Self.chunkBits | chunks[c].count))
        lengths.append(UInt8(code.count))
        chunks[c].append(contentsOf: code)
        return count - 1
    }

    /// Bytes held, for the memory figures.
    var bytes: Int {
        chunks.count << Self.chunkBits + starts.capacity * 4 + lengths.capacity
    }
}
