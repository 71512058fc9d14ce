import Testing
@testable import VizModel

/// Two skbs on no list and equal in every field, on one buffer or each alone on a buffer that
/// holds nothing, can trade places without changing the state (`StateCode.twins`), so a letter
/// on one reaches the state its mirror on the other reaches, up to renaming, and is judged
/// alike: `explore` runs only the first.
struct MirrorTests {
    @Test func aCloneAndItsOriginalAreTwinsUntilOneChanges() {
        var s = SkbState()
        _ = ExploreLetter(call: .allocSkb).run(on: &s, design: .origChain)
        _ = ExploreLetter(call: .skbPut, skb: 0, value: 64).run(on: &s, design: .origChain)
        #expect(StateCode.twins(s).isEmpty)
        _ = ExploreLetter(call: .skbClone, skb: 0).run(on: &s, design: .origChain)
        _ = ExploreLetter(call: .allocSkb).run(on: &s, design: .origChain)
        #expect(StateCode.twins(s).map { [$0.id, $0.first] } == [[2, 1]])
        let letters = ExploreLetter.letters(of: s, design: .origChain)
        let mirrors = ExploreLetter.mirrors(letters, handles: ExploreLetter.Handles(s), twins: StateCode.twins(s))
        func image(of l: ExploreLetter) -> ExploreLetter? {
            letters.firstIndex(of: l).flatMap { mirrors[$0] }.map { letters[$0] }
        }
        for l in letters {
            switch (l.skb, l.other) {
            case (1, nil):
                #expect(image(of: l) == ExploreLetter(call: l.call, skb: 0, value: l.value), "\(l)")
            case (1, let t?):
                #expect(image(of: l) == ExploreLetter(call: l.call, skb: 0, other: t == 0 ? 1 : t, value: l.value), "\(l)")
            case (2, 1):
                #expect(image(of: l) == ExploreLetter(call: l.call, skb: 2, other: 0, value: l.value), "\(l)")
            default:
                #expect(image(of: l) == nil, "\(l)")
            }
        }
        #expect(letters.contains { $0.call == .skbSplit && $0.skb == 1 && $0.other == 2 })
        #expect(letters.contains { $0.call == .skbFragListAdd && $0.skb == 2 && $0.other == 1 })
        _ = ExploreLetter(call: .skbGet, skb: 1).run(on: &s, design: .origChain)
        #expect(StateCode.twins(s).isEmpty)
    }

    /// Two skbs each alone on a buffer that holds nothing trade places with their buffers:
    /// until one changes, takes a page, or its buffer is reached from elsewhere.
    @Test func twoBareSkbsAreTwinsUntilOneChanges() {
        func twins(_ s: SkbState) -> [[Int]] { StateCode.twins(s).map { [$0.id, $0.first] } }
        var s = SkbState()
        _ = ExploreLetter(call: .allocSkb).run(on: &s, design: .origChain)
        _ = ExploreLetter(call: .allocSkb).run(on: &s, design: .origChain)
        #expect(twins(s) == [[2, 1]])
        let letters = ExploreLetter.letters(of: s, design: .origChain)
        let mirrors = ExploreLetter.mirrors(letters, handles: ExploreLetter.Handles(s), twins: StateCode.twins(s))
        for (n, l) in letters.enumerated() {
            let image = mirrors[n].map { letters[$0] }
            switch (l.skb, l.other) {
            case (1, nil): #expect(image == ExploreLetter(call: l.call, skb: 0, value: l.value), "\(l)")
            case (1, 0): #expect(image == ExploreLetter(call: l.call, skb: 0, other: 1, value: l.value), "\(l)")
            default: #expect(image == nil, "\(l)")
            }
        }
        var put = s
        _ = ExploreLetter(call: .skbPut, skb: 1, value: 64).run(on: &put, design: .origChain)
        #expect(twins(put).isEmpty)
        _ = ExploreLetter(call: .skbPut, skb: 0, value: 64).run(on: &put, design: .origChain)
        #expect(twins(put) == [[2, 1]])
        // A page: the buffer holds a frag; the other's buffer, the same frag: still no swap of
        // the two skbs alone maps the state onto itself when they share the page.
        var paged = s
        _ = ExploreLetter(call: .allocPage).run(on: &paged, design: .origChain)
        _ = ExploreLetter(call: .skbAddRxFrag, skb: 0, other: 0, value: 0).run(on: &paged, design: .origChain)
        #expect(twins(paged).isEmpty)
        // An orig parent: the buffer of a copy made by pskb_expand_head is named by its child.
        var expanded = s
        _ = ExploreLetter(call: .setDataDestructor, skb: 0).run(on: &expanded, design: .origChain)
        _ = ExploreLetter(call: .setDataDestructor, skb: 1).run(on: &expanded, design: .origChain)
        #expect(twins(expanded) == [[2, 1]])
        _ = ExploreLetter(call: .pskbExpandHead, skb: 0).run(on: &expanded, design: .origChain)
        #expect(twins(expanded).isEmpty)
    }

    /// Every mirrored letter from every state explore expands up to depth 4 (decoded from its
    /// concrete code, as explore does), against its image: both fail or neither does, and they
    /// reach the same state up to renaming with the same violation kinds and the same leak.
    @Test(arguments: Design.allCases)
    func aMirrorIsJudgedAsItsImage(design: Design) {
        var compared = 0
        ExploredStates.walk(design: design, depth: 4, decoded: true) { source in
            let letters = source.letters, results = source.results
            let mirrors = ExploreLetter.mirrors(letters, handles: source.handles, twins: StateCode.twins(source.state))
            for (n, m) in mirrors.enumerated() {
                guard let m else { continue }
                compared += 1
                #expect(m < n)
                let what = "\(design.rawValue) \(letters[n]) mirrors \(letters[m])"
                let (violations, t) = results[n], (image, u) = results[m]
                #expect((violations == nil) == (image == nil), "\(what): fails one way only")
                guard let violations, let image else { continue }
                #expect(StateCode.canonical(t) == StateCode.canonical(u), "\(what): states")
                let kinds = violations.map(\.kind.rawValue).sorted(), imageKinds = image.map(\.kind.rawValue).sorted()
                #expect(kinds == imageKinds, "\(what): violations")
                #expect(ExploreJudge.leaks(t, design: design) == ExploreJudge.leaks(u, design: design), "\(what): leak")
            }
        }
        #expect(compared > 50)
    }
}
