extension StateCode {
    /// Writes codes as LEB128 varints (the model's values here are small) into space the caller
    /// allocated, at most `View.codeBound` bytes a code. When searching for the smallest code it
    /// compares each code with the smallest so far as it is written, so that a code whose
    /// prefix is already greater is dropped at once.
    struct Writer {
        /// The code being written, and the smallest so far.
        private var bytes: UnsafeMutableBufferPointer<UInt8>
        private var best: UnsafeMutableBufferPointer<UInt8>
        private(set) var count = 0
        /// 0: none yet (a code is never empty).
        private var bestCount = 0
        /// `bytes` against `best` so far: −1 smaller (no more comparing), 0 the same prefix,
        /// 1 greater (nothing more is written).
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
        var isGreater: Bool { order > 0 }

        /// Starts a code to compare with the smallest so far.
        mutating func begin() {
            count = 0
            order = bestCount == 0 ? -1 : 0
        }

        /// Ends the code begun: it becomes the smallest if it precedes it (a proper prefix does).
        mutating func end() {
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

        mutating func put(_ value: Int) {
            // Most values are one byte, and most codes are written with nothing to compare.
            if order < 0 && UInt(value) < 0x80 && count < bytes.count {
                bytes[count] = UInt8(value)
                count += 1
                return
            }
            var v = UInt(value)
            while v >= 0x80 {
                append(UInt8(v & 0x7f) | 0x80)
                v >>= 7
            }
            append(UInt8(v))
        }

        private mutating func append(_ byte: UInt8) {
            if order == 0 {
                guard count < bestCount, byte <= best[count] else {
                    order = 1
                    return
                }
                if byte < best[count] { order = -1 }
            } else if order > 0 {
                return
            }
            precondition(count < bytes.count, "StateCode.View.codeBound is too small")
            bytes[count] = byte
            count += 1
        }
    }
}
