extension StateCode {
    /// Writes codes as LEB128 varints (the model's values here are small) into space the caller
    /// allocated, at most `View.codeBound` bytes a code. When searching for the smallest code it
    /// compares what it wrote with the smallest so far at each `isGreater` and at the end, a
    /// record at a time, so that a code whose prefix is already greater is dropped there, and
    /// writing a byte is only storing it.
    struct Writer {
        /// The code being written, and the smallest so far.
        private var bytes: UnsafeMutableBufferPointer<UInt8>
        private var best: UnsafeMutableBufferPointer<UInt8>
        private(set) var count = 0
        /// 0: none yet (a code is never empty).
        private var bestCount = 0
        /// How far `bytes` has been compared with `best`.
        private var compared = 0
        /// `bytes[..<compared]` against `best`: −1 smaller (no more comparing), 0 the same
        /// prefix, 1 greater.
        private var order = -1

        /// A writer of one code into `space`.
        init(into space: UnsafeMutableBufferPointer<UInt8>) {
            bytes = space
            best = UnsafeMutableBufferPointer(rebasing: space[space.count...])
        }

        /// A writer that keeps the smallest of the codes it writes, in two halves of `space`.
        init(searchingIn space: UnsafeMutableBufferPointer<UInt8>) {
            bytes = UnsafeMutableBufferPointer(rebasing: space[..<(space.count / 2)])
            best = UnsafeMutableBufferPointer(rebasing: space[(space.count / 2)...])
        }

        /// Where the smallest code is in `space`, the space the writer was made in.
        func smallest(in space: UnsafeMutableBufferPointer<UInt8>) -> Range<Int> {
            let start = space.baseAddress!.distance(to: best.baseAddress!)
            return start..<start + bestCount
        }

        /// Whether the code being written is already greater than the smallest: its writer can stop.
        var isGreater: Bool {
            @inline(__always) mutating get {
                compare()
                return order > 0
            }
        }

        /// Starts a code to compare with the smallest so far.
        mutating func begin() {
            count = 0
            compared = 0
            order = bestCount == 0 ? -1 : 0
        }

        /// Ends the code begun: it becomes the smallest if it precedes it (a proper prefix does).
        mutating func end() {
            compare()
            guard order < 0 || (order == 0 && count < bestCount) else { return }
            swap(&bytes, &best)
            bestCount = count
        }

        /// Takes `code`, written already, as the smallest if it precedes it.
        mutating func offer(_ code: UnsafeMutableBufferPointer<UInt8>) {
            guard bestCount == 0 || code.lexicographicallyPrecedes(best[..<bestCount]) else { return }
            _ = best.update(fromContentsOf: code)
            bestCount = code.count
        }

        /// Compares the bytes written since the last comparison with the smallest's, while
        /// they are its prefix so far: the first byte that differs decides, and a code longer
        /// than the smallest, with it as a prefix, is greater.
        @inline(__always)
        private mutating func compare() {
            guard order == 0 else { return }
            let end = min(count, bestCount)
            var i = compared
            while i < end && bytes[i] == best[i] { i += 1 }
            compared = count
            if i < end {
                order = bytes[i] < best[i] ? -1 : 1
            } else if count > bestCount {
                order = 1
            }
        }

        /// Inline, and the writer kept in a local while a code is written: then nothing but
        /// a store is left of it (a writer in memory was read again after every byte stored).
        @inline(__always)
        mutating func put(_ value: Int) {
            // Most values are one byte.
            precondition(count < bytes.count, "StateCode.View.codeBound is too small")
            if UInt(bitPattern: value) < 0x80 {
                bytes[count] = UInt8(truncatingIfNeeded: value)
                count += 1
            } else {
                count = Self.putLong(UInt(bitPattern: value), into: bytes, at: count)
            }
        }

        /// `put` of a value of two bytes or more at `count`; the count after it.
        private static func putLong(_ value: UInt, into bytes: UnsafeMutableBufferPointer<UInt8>, at count: Int) -> Int {
            var (v, count) = (value, count)
            while v >= 0x80 {
                precondition(count < bytes.count, "StateCode.View.codeBound is too small")
                bytes[count] = UInt8(truncatingIfNeeded: v & 0x7f) | 0x80
                count += 1
                v >>= 7
            }
            precondition(count < bytes.count, "StateCode.View.codeBound is too small")
            bytes[count] = UInt8(truncatingIfNeeded: v)
            return count + 1
        }
    }
}
