import Testing
@testable import VizModel

/// The per-depth counts of spec explore.md §11: with a complete canonical form they are exact.
struct ExploreCountTests {
    static let expected: [Design: [(new: Int, transitions: Int)]] = [
        .origChain: [(1, 0), (2, 2), (8, 13), (48, 126), (321, 996), (2417, 8156), (20185, 68413)],
        .naive: [(1, 0), (2, 2), (8, 13), (46, 126), (289, 962), (2023, 7441), (15859, 58558)],
        .vanilla: [(1, 0), (2, 2), (7, 12), (38, 105), (229, 762), (1551, 5574), (11805, 41645)],
    ]

    @Test(arguments: Design.of2008)
    func countsUpToDepthFive(design: Design) {
        var explorer = Explorer(options: ExploreOptions(design: design, depth: 5))
        let result = explorer.run()
        let got = result.depths.map { ($0.new, $0.transitions) }
        let want = Self.expected[design]!.prefix(6)
        #expect(got.map(\.0) == want.map(\.new))
        #expect(got.map(\.1) == want.map(\.transitions))
    }

    /// The last depth's states are kept as hashes only, and its codes are not all kept: it
    /// counts as it does when a deeper search stores it, under every kind of merging.
    @Test(arguments: ExploreDedup.allCases)
    func theLastDepthCountsLikeTheOthers(dedup: ExploreDedup) {
        var last = Explorer(options: ExploreOptions(design: .origChain, depth: 3, dedup: dedup))
        var inner = Explorer(options: ExploreOptions(design: .origChain, depth: 4, dedup: dedup))
        let counts = { (r: ExploreResult) in r.depths.prefix(4).map { [$0.new, $0.total, $0.transitions] } }
        #expect(counts(last.run()) == counts(inner.run()))
    }
}
