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
        key.withUnsafeBufferPointer { find($0, hash: hash) }
    }

    /// `find`, of a key where it was written.
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
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
    static func first(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBufferPointer { both($0).first }
    }

    /// `first`, and a second hash of other constants, in one pass over the bytes: the two
    /// hashes a state of the last depth is kept as. Eight bytes a step (a short last word
    /// padded with zeros), then the length, so that a code and the same code with zeros after
    /// it differ (a step is one-to-one: codes of as many words that differ in one word differ
    /// in both hashes).
    static func both(_ bytes: UnsafeBufferPointer<UInt8>) -> (first: UInt64, second: UInt64) {
        let n = bytes.count
        var h1: UInt64 = 0xcbf2_9ce4_8422_2325
        var h2: UInt64 = 0x9e37_79b9_7f4a_7c15
        func step(_ w: UInt64) {
            h1 = (h1 ^ w) &* 0x87c3_7b91_1142_53d5
            h1 ^= h1 >> 32
            h2 = (h2 ^ w) &* 0x4cf5_ad43_2745_937f
            h2 ^= h2 >> 29
        }
        let raw = UnsafeRawBufferPointer(bytes)
        var k = 0
        while k + 8 <= n {
            step(raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
            k += 8
        }
        if k < n {
            var w: UInt64 = 0
            for j in k..<n { w |= UInt64(bytes[j]) << (8 * UInt64(j - k)) }
            step(w)
        }
        step(UInt64(n))
        return (mix(h1), mix(h2))
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
