import Testing
@testable import VizModel

/// `StateCode` gives the same bytes as `StateCodeReference`, the code before it was rewritten
/// for speed: the explorer's files and counts depend on them.
struct StateCodeReferenceTests {
    @Test func sameCodesOnReachedStates() {
        var rng = SplitMix64(seed: 7)
        for s in CanonicalFormTests.reached {
            Self.expectSame(s)
            Self.expectSame(CanonicalFormTests.renamed(s, rng: &rng))
        }
    }

    /// States explore never reaches, with buffers no skb leads to: every skb, or every other,
    /// taken out.
    @Test func sameCodesWithBuffersNoSkbReaches() {
        var rng = SplitMix64(seed: 8)
        for s in CanonicalFormTests.reached where s.skbs.count > 1 {
            for drop in [{ (_: Int) in true }, { $0 % 2 == 0 }] {
                var t = s
                t.skbs = t.skbs.filter { !drop($0.key) }
                for (id, b) in t.data { t.data[id]!.fragList = b.fragList.filter { t.skbs[$0] != nil } }
                Self.expectSame(t)
                Self.expectSame(CanonicalFormTests.renamed(t, rng: &rng))
            }
        }
    }

    /// States beyond explore's bounds: every buffer with three more frags, whose lineages name
    /// every buffer twice.
    @Test func sameCodesBeyondTheBounds() {
        for s in CanonicalFormTests.reached.prefix(2000) {
            guard let page = s.pages.keys.first else { continue }
            var t = s
            let lineage = Lineage(Array(s.data.keys) + Array(s.data.keys))
            for id in s.data.keys {
                t.data[id]!.frags += (0..<3).map { Frag(page: page, off: $0, size: 1, lineage: lineage) }
            }
            Self.expectSame(t)
        }
    }

    /// Every transition's target up to depth 5, states merged by the reference's canonical code.
    @Test(arguments: [Design.origChain, .naive, .vanilla, .ubuf2011, .msgZerocopy2017])
    func sameCodesUpToDepthFive(design: Design) {
        var seen: Set<[UInt8]> = [StateCodeReference.canonical(SkbState())]
        var frontier = [SkbState()]
        var compared = 0
        for _ in 0..<5 {
            var next: [SkbState] = []
            for s in frontier {
                for letter in ExploreLetter.letters(of: s, design: design) {
                    var t = s
                    guard letter.run(on: &t, design: design) != nil, ExploreJudge.withinBounds(t) else { continue }
                    compared += 1
                    if !Self.expectSame(t) { return }
                    if seen.insert(StateCodeReference.canonical(t)).inserted { next.append(t) }
                }
            }
            frontier = next
        }
        #expect(compared > 5000)
    }

    @discardableResult
    static func expectSame(_ s: SkbState) -> Bool {
        let new = StateCode.codes(s, canonical: true), old = StateCodeReference.codes(s, canonical: true)
        #expect(new.concrete == old.concrete)
        #expect(new.canonical == old.canonical)
        #expect(StateCode.codes(s, canonical: false).canonical.isEmpty)
        return new.concrete == old.concrete && new.canonical == old.canonical
    }
}
