import Testing
@testable import VizModel

/// Designs are values with capabilities; every list of designs is `allCases`.
struct DesignTests {
    @Test func capabilitiesOfEachDesign() {
        #expect(Design.allCases.map(\.hasDataDestructor) == [false, true, true, false, false])
        #expect(Design.allCases.map(\.keepsOrigChain) == [false, false, true, false, false])
        #expect(Design.allCases.map(\.zerocopy) == [nil, nil, nil, .copyOnShare, .refcounted])
        #expect(Design.standard == .origChain)
    }

    @Test func theViewerCyclesThroughEveryDesignInOrder() {
        var seen: [Design] = []
        var d = Design.allCases[0]
        for _ in Design.allCases {
            seen.append(d)
            d = d.next
        }
        #expect(seen == Design.allCases)
        #expect(d == Design.allCases[0])
    }

    @Test func namesAreListedFromAllCases() {
        #expect(Design.names("or") == "vanilla, naive, orig-chain, ubuf-2011 or msg-zerocopy-2017")
        #expect(Design.names("and") == "vanilla, naive, orig-chain, ubuf-2011 and msg-zerocopy-2017")
    }

    @Test func compareRunsEveryDesign() {
        let program = Parser.parse("a = alloc_skb(10)\n", file: "t.skb")
        #expect(DesignComparison(program).designs == Design.allCases)
    }
}
