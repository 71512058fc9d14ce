/// The states `explore` has stored: their keys in a `CodeArena`, found again through an
/// open-addressing table of 64-bit slots (32 bits of hash, 32 bits of index).
///
/// Two keys are the same state only when their bytes are equal: the hash only finds the
/// candidates (spec §8: a hash alone is not enough).
struct StateTable: Sendable {
    private var keys = CodeArena()
    private var slots: [UInt64] = Array(repeating: 0, count: 1 << 12)

    var count: Int { keys.count }

    /// The index of the state stored under `key`, if any.
    func find(_ key: [UInt8], hash: UInt64) -> Int? {
        let mask = slots.count - 1
        let tag = hash >> 32
        var at = Int(truncatingIfNeeded: hash) & mask
        while slots[at] != 0 {
            let slot = slots[at]
            if slot >> 32 == tag {
                let i = Int(slot & 0xffff_ffff) - 1
                if keys.equals(i, key) { return i }
            }
            at = (at + 1) & mask
        }
        return nil
    }

    /// Stores `key` (not stored yet, at most 255 bytes) and returns its index.
    mutating func insert(_ key: [UInt8], hash: UInt64) -> Int {
        // Up to four fifths full, as `HashedStates`: a probe compares 32-bit tags first.
        if (count + 1) * 5 > slots.count * 4 { grow() }
        let i = keys.append(key)
        place(i, hash: hash)
        return i
    }

    private mutating func place(_ i: Int, hash: UInt64) {
        let mask = slots.count - 1
        var at = Int(truncatingIfNeeded: hash) & mask
        while slots[at] != 0 { at = (at + 1) & mask }
        slots[at] = (hash >> 32) << 32 | UInt64(i + 1)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for i in 0..<count { place(i, hash: StateHash.first(keys[i])) }
    }

    /// Bytes held, for the memory figures.
    var bytes: Int { keys.bytes + slots.count * 8 }
}

/// Two independent 64-bit hashes of a code: the last depth keeps only these (spec §8).
enum StateHash {
    /// The table's hash (`StateTable` places a key by it, and again when it grows).
    static func first<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var h = firstSeed
        for b in bytes { h = firstStep(h, b) }
        return mix(h)
    }

    /// `first`, and a second hash of other constants, in one pass over the bytes: the two
    /// hashes a state of the last depth is kept as.
    static func both(_ bytes: [UInt8]) -> (first: UInt64, second: UInt64) {
        var h1 = firstSeed
        var h2: UInt64 = 0x9e37_79b9_7f4a_7c15 ^ UInt64(bytes.count)
        bytes.withUnsafeBufferPointer { bytes in
            for b in bytes {
                h1 = firstStep(h1, b)
                h2 = (h2 ^ UInt64(b)) &* 0xff51_afd7_ed55_8ccd
                h2 ^= h2 >> 29
            }
        }
        return (mix(h1), mix(h2))
    }

    private static let firstSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One byte of `first` (FNV-1a).
    @inline(__always) private static func firstStep(_ h: UInt64, _ b: UInt8) -> UInt64 {
        (h ^ UInt64(b)) &* 0x100_0000_01b3
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
