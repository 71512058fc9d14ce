import Testing
@testable import VizModel

/// `changedParts` answers a removal at either end of a slice that shares its storage without
/// comparing, and exactly as the comparisons do: the same members, at the same indices.
@Suite struct ChangedPartsTests {
    /// The common prefix, then the common suffix, found by comparing members.
    static func compared(_ a: ArraySlice<Int>, _ b: ArraySlice<Int>) -> (removed: ArraySlice<Int>, added: ArraySlice<Int>) {
        if a == b { return ([], []) }
        let common = min(a.count, b.count)
        var prefix = 0
        while prefix < common && a[a.startIndex + prefix] == b[b.startIndex + prefix] { prefix += 1 }
        var suffix = 0
        while suffix < common - prefix && a[a.endIndex - 1 - suffix] == b[b.endIndex - 1 - suffix] { suffix += 1 }
        return (a[(a.startIndex + prefix)..<(a.endIndex - suffix)], b[(b.startIndex + prefix)..<(b.endIndex - suffix)])
    }

    static func expectSame(_ a: ArraySlice<Int>, _ b: ArraySlice<Int>) {
        let got = changedParts(a, b), want = compared(a, b)
        #expect(got.removed == want.removed && got.removed.indices == want.removed.indices, "\(a) → \(b)")
        #expect(got.added == want.added && got.added.indices == want.added.indices, "\(a) → \(b)")
    }

    @Test func sharedStorageAnswersAsComparing() {
        var rng = SplitMix64(seed: 29)
        for _ in 0..<3_000 {
            // Few values, so that members repeat (a frag_list's do not; the answer must not care).
            let whole = (0..<Int(rng.next() % 9)).map { _ in Int(rng.next() % 3) }
            let start = whole.isEmpty ? 0 : Int(rng.next() % UInt64(whole.count + 1))
            let a = whole[start...]
            let k = a.isEmpty ? 0 : Int(rng.next() % UInt64(a.count + 1))
            Self.expectSame(a, a.dropFirst(k))
            Self.expectSame(a, a.dropLast(k))
            Self.expectSame(a.dropFirst(k), a)
            Self.expectSame(a, ArraySlice(Array(a.dropFirst(k))))
            Self.expectSame(a, a.dropFirst(k) + [Int(rng.next() % 3)])
        }
    }

    @Test func anUnlinkAndATrimOfALongList() {
        let list = ArraySlice(Array(2...10_001))
        let unlinked = changedParts(list, list.dropFirst())
        #expect(unlinked.removed == [2] && unlinked.added.isEmpty)
        let trimmed = changedParts(list, list.prefix(3))
        #expect(trimmed.removed == list.dropFirst(3) && trimmed.added.isEmpty)
    }
}
