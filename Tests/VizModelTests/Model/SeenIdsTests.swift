import Testing
@testable import VizModel

/// `SeenIds` answers as a set would, in its short list and past it.
struct SeenIdsTests {
    @Test func answersAsASet() {
        var rng = SplitMix64(seed: 5)
        for range in [4, 20, 200] {
            var seen = SeenIds(), set: Set<Int> = []
            for _ in 0..<1000 {
                let id = Int(rng.next() % UInt64(range))
                #expect(seen.insert(id) == set.insert(id).inserted)
            }
        }
    }
}
