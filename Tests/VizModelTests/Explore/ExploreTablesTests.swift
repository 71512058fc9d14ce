import Testing
@testable import VizModel

/// The search's flat tables: what goes in comes out, past their growth, and the last depth's
/// hashes keep what is known of each state's leak.
struct ExploreTablesTests {
    @Test func theArenaGivesEachCodeBackAcrossChunks() {
        var arena = CodeArena()
        var codes: [[UInt8]] = []
        for i in 0..<3000 {
            let code = (0..<(i % 200 + 1)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ i) }
            #expect(arena.append(code) == i)
            codes.append(code)
        }
        #expect(arena.bytes > (1 << 16) * 4)  // more than four chunks
        for (i, code) in codes.enumerated() { #expect(Array(arena[i]) == code) }
        // Equal only to its own bytes: a code differing in any one byte, or one byte shorter or
        // longer, is another.
        for (i, code) in codes.enumerated() where i % 7 == 0 {
            #expect(equals(arena, i, code))
            #expect(!equals(arena, i, code + [0]) && !equals(arena, i, Array(code.dropLast())))
            for k in code.indices {
                var other = code
                other[k] ^= 0x40
                #expect(!equals(arena, i, other))
            }
        }
    }

    private func equals(_ arena: CodeArena, _ i: Int, _ code: [UInt8]) -> Bool {
        code.withUnsafeBufferPointer { arena.equals(i, $0) }
    }

    private func both(_ key: [UInt8]) -> (first: UInt64, second: UInt64) {
        key.withUnsafeBufferPointer(StateHash.both)
    }

    @Test func theTableFindsByBytesNotByHash() {
        var table = StateTable()
        let keys = (0..<20000).map { i in [UInt8(i & 0xff), UInt8(i >> 8), 7] }
        for (i, k) in keys.enumerated() { #expect(table.insert(k, hash: StateHash.first(k[...])) == i) }
        for (i, k) in keys.enumerated() { #expect(table.find(k, hash: StateHash.first(k[...])) == i) }
        // Same hash, other bytes: not the same state.
        #expect(table.find([1, 2, 3, 4], hash: StateHash.first(keys[5][...])) == nil)
    }

    /// The search stores a key under the first of its two hashes, and the table's growth
    /// places it again by `first`: the two must agree; the second is another hash.
    @Test func theTwoHashesStartWithTheTablesOwn() {
        for n in 0..<300 {
            let key = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n) }
            let (h1, h2) = both(key)
            #expect(h1 == StateHash.first(key[...]))
            #expect(h1 != h2)
        }
    }

    /// The hashes read eight bytes a step: every byte of a word counts, and so does the
    /// length (a code and the same code with zeros after it are two states).
    @Test func everyByteAndTheLengthChangeBothHashes() {
        var seen1 = Set<UInt64>(), seen2 = Set<UInt64>()
        var count = 0
        for n in 1..<40 {
            let key = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
            for variant in [key, key + [0], key + [0, 0]] + key.indices.map({ k in
                var v = key
                v[k] ^= 0x01
                return v
            }) {
                let (h1, h2) = both(variant)
                seen1.insert(h1)
                seen2.insert(h2)
                count += 1
            }
        }
        #expect(seen1.count == count && seen2.count == count)
    }

    @Test func theLastDepthKeepsWhatIsKnownOfALeak() {
        var last = HashedStates()
        for i in 0..<50000 {
            let h1 = UInt64(i) &* 0x9e37_79b9_7f4a_7c15, h2 = UInt64(i) &* 0xbf58_476d_1ce4_e5b9
            #expect(last.find(h1, h2) == nil)
            last.insert(h1, h2, leak: i % 3 == 0 ? .yes : .unknown)
        }
        #expect(last.count == 50000)
        last.learn(UInt64(1) &* 0x9e37_79b9_7f4a_7c15, UInt64(1) &* 0xbf58_476d_1ce4_e5b9, leak: .no)
        #expect(last.find(UInt64(1) &* 0x9e37_79b9_7f4a_7c15, UInt64(1) &* 0xbf58_476d_1ce4_e5b9) == .no)
        #expect(last.find(UInt64(3) &* 0x9e37_79b9_7f4a_7c15, UInt64(3) &* 0xbf58_476d_1ce4_e5b9) == .yes)
        #expect(last.find(UInt64(2) &* 0x9e37_79b9_7f4a_7c15, UInt64(2) &* 0xbf58_476d_1ce4_e5b9) == .unknown)
        // A first hash of 0 is a state like any other; the second hash's two low bits are the leak's.
        last.insert(0, 4, leak: .no)
        #expect(last.find(0, 4) == .no)
        #expect(last.find(0, 8) == nil)
    }

    /// The merge's question for a state of the last depth: added when new; when there, it
    /// learns a leak only if none was known, and never forgets one.
    @Test func insertOrLearnAddsOnceAndLearnsOnlyWhatWasUnknown() {
        var last = HashedStates()
        let states = (0..<30000).map { i in (UInt64(i) &* 0x9e37_79b9_7f4a_7c15, UInt64(i) &* 0xbf58_476d_1ce4_e5b9) }
        for (i, (h1, h2)) in states.enumerated() {
            let added = last.insertOrLearn(h1, h2, leak: i % 2 == 0 ? .unknown : .yes)
            #expect(added)
        }
        #expect(last.count == 30000)
        for (i, (h1, h2)) in states.enumerated() {
            let learnt = last.insertOrLearn(h1, h2, leak: .no)
            #expect(!learnt)
            #expect(last.find(h1, h2) == (i % 2 == 0 ? .no : .yes))
            let kept = last.insertOrLearn(h1, h2, leak: .unknown)
            #expect(!kept)
            #expect(last.find(h1, h2) == (i % 2 == 0 ? .no : .yes))
        }
        #expect(last.count == 30000)
    }
}
