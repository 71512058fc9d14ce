extension StateCode {
    /// Writes codes as LEB128 varints (the model's values here are small), and when searching
    /// for the smallest code compares each code with the smallest so far as it is written, so
    /// that a code whose prefix is already greater is dropped at once.
    struct Writer {
        /// The code being written.
        private(set) var bytes: [UInt8] = []
        /// The smallest code so far (empty: none yet; a code is never empty).
        private(set) var best: [UInt8] = []
        /// `bytes` against `best` so far: −1 smaller (no more comparing), 0 the same prefix,
        /// 1 greater (nothing more is written).
        private var order = -1

        init() { bytes.reserveCapacity(128) }

        /// Whether the code being written is already greater than the smallest: its writer can stop.
        var isGreater: Bool { order > 0 }

        /// Starts a code to compare with the smallest so far.
        mutating func begin() {
            bytes.removeAll(keepingCapacity: true)
            order = best.isEmpty ? -1 : 0
        }

        /// Ends the code begun: it becomes the smallest if it precedes it (a proper prefix does).
        mutating func end() {
            if order < 0 || (order == 0 && bytes.count < best.count) { swap(&bytes, &best) }
        }

        /// Takes `code`, written already, as the smallest if it precedes it.
        mutating func offer(_ code: [UInt8]) {
            if best.isEmpty || code.lexicographicallyPrecedes(best) { best = code }
        }

        mutating func put(_ value: Int) {
            var v = UInt(value)
            while v >= 0x80 {
                append(UInt8(v & 0x7f) | 0x80)
                v >>= 7
            }
            append(UInt8(v))
        }

        private mutating func append(_ byte: UInt8) {
            if order == 0 {
                let i = bytes.count
                guard i < best.count, byte <= best[i] else {
                    order = 1
                    return
                }
                if byte < best[i] { order = -1 }
            } else if order > 0 {
                return
            }
            bytes.append(byte)
        }
    }
}
