import Testing
@testable import VizModel

/// `StateCode` on states explore never reaches, which its slower paths handle: buffers no skb
/// leads to (numbered by their own key, ties permuted) and states beyond explore's bounds (read
/// again with room for all). Each code is invariant under renaming and decodes to its state.
struct StateCodeTests {
    /// Reached states with every skb, or every other, taken out.
    static let unreachedBuffers: [SkbState] = CanonicalFormTests.reached.filter { $0.skbs.count > 1 }.flatMap { s in
        [{ (_: Int) in true }, { $0 % 2 == 0 }].map { drop in
            var t = s
            t.skbs = t.skbs.filter { !drop($0.key) }
            for (id, b) in t.data { t.data[id]!.fragList = b.fragList.filter { t.skbs[$0] != nil } }
            return t
        }
    }

    /// Reached states whose buffers have three more frags, with lineages naming every buffer twice.
    static let beyondTheBounds: [SkbState] = CanonicalFormTests.reached.compactMap { s in
        guard let page = s.pages.keys.first else { return nil }
        var t = s
        let lineage = Lineage(Array(s.data.keys) + Array(s.data.keys))
        for id in s.data.keys {
            t.data[id]!.frags += (0..<3).map { Frag(page: page, off: $0, size: 1, lineage: lineage) }
        }
        return t
    }

    @Test func unreachedBuffersInvariantAndDecoded() {
        Self.expectInvariantAndDecoded(Self.unreachedBuffers)
    }

    @Test func beyondTheBoundsInvariantAndDecoded() {
        Self.expectInvariantAndDecoded(Self.beyondTheBounds)
    }

    static func expectInvariantAndDecoded(_ states: [SkbState]) {
        var rng = SplitMix64(seed: 9)
        #expect(states.count > 1000)
        for s in states {
            let (concrete, canonical) = StateCode.codes(s, canonical: true)
            #expect(StateCode.canonical(CanonicalFormTests.renamed(s, rng: &rng)) == canonical)
            #expect(StateCode.codes(StateCode.decode(concrete), canonical: false).concrete == concrete)
            #expect(StateCode.canonical(StateCode.decode(canonical)) == canonical)
        }
    }
}
