import Testing
@testable import VizModel

/// The canonical form of spec §8 is complete: invariant under renaming of skbs, buffers and
/// pages, and it describes the state up to renaming (so non-isomorphic states differ).
struct CanonicalFormTests {
    /// States reached by every letter sequence up to depth 4 of orig-chain, naive and the two
    /// zero-copy designs (no merging).
    static let reached: [SkbState] = {
        var out: [SkbState] = []
        for design in [Design.origChain, .naive, .ubuf2011, .msgZerocopy2017] {
            var frontier = [SkbState()]
            for _ in 0..<4 {
                var next: [SkbState] = []
                for s in frontier {
                    for letter in ExploreLetter.letters(of: s, design: design) {
                        var t = s
                        if letter.run(on: &t, design: design) != nil, ExploreJudge.withinBounds(t) { next.append(t) }
                    }
                }
                out += next
                frontier = next
            }
        }
        return out
    }()

    @Test func invariantUnderRandomRenamings() {
        var rng = SplitMix64(seed: 12)
        #expect(Self.reached.count > 1000)
        for s in Self.reached {
            let code = StateCode.canonical(s)
            for _ in 0..<2 {
                #expect(StateCode.canonical(Self.renamed(s, rng: &rng)) == code)
            }
        }
    }

    /// The canonical code asked for alone (a last-depth state, whose search starts from no
    /// concrete code) is the one the search from the concrete code finds, on reached states
    /// and on the slower paths' states (buffers no skb leads to, states beyond the bounds).
    @Test func theCanonicalCodeAloneIsTheSame() {
        var storage: [Int] = []
        for s in Self.reached + StateCodeTests.unreachedBuffers + StateCodeTests.beyondTheBounds {
            let both = StateCode.codes(s, canonical: true)
            let alone = StateCode.codes(s, canonical: true, concrete: false, storage: &storage)
            #expect(alone.canonical == both.canonical && alone.concrete.isEmpty)
        }
    }

    /// The canonical code, read back, is the same state up to renaming: two states with the
    /// same code are isomorphic.
    @Test func theCodeDescribesTheState() {
        for s in Self.reached.prefix(1500) {
            let back = StateCode.decode(StateCode.canonical(s))
            #expect(Self.isomorphic(s, back))
        }
    }

    @Test func nonIsomorphicStatesDiffer() {
        var a = SkbState(), b = SkbState()
        _ = ExploreLetter(call: .allocSkb).run(on: &a, design: .origChain)
        _ = ExploreLetter(call: .allocSkb).run(on: &b, design: .origChain)
        _ = ExploreLetter(call: .skbGet, skb: 0).run(on: &b, design: .origChain)
        #expect(StateCode.canonical(a) != StateCode.canonical(b))
        #expect(!Self.isomorphic(a, b))
    }

    /// A lineage is a set (explore.md §2): the order of its hand-ons and a buffer named twice
    /// make no other state, a buffer more or less does. The depth-8 counts of every design
    /// depend on it (about 50 states a design are the same frags handed on in another order).
    @Test func aLineageIsASet() {
        var reordered = 0, grown = 0
        for s in Self.reached + StateCodeTests.beyondTheBounds {
            guard let (id, slot) = s.data.values.lazy.compactMap({ b in
                b.frags.firstIndex { !$0.lineage.isEmpty }.map { (b.id, $0) }
            }).first else { continue }
            let code = StateCode.canonical(s)
            let buffers = s.data[id]!.frags[slot].lineage.buffers
            var t = s
            t.data[id]!.frags[slot].lineage = Lineage(buffers.reversed() + buffers)
            #expect(StateCode.canonical(t) == code)
            // The brute force on the first states only: it tries every bijection.
            if reordered < 300 { #expect(Self.isomorphic(s, t)) }
            reordered += 1
            guard let other = s.data.keys.first(where: { !buffers.contains($0) }) else { continue }
            var u = s
            u.data[id]!.frags[slot].lineage = Lineage(buffers + [other])
            #expect(StateCode.canonical(u) != code)
            if grown < 300 { #expect(!Self.isomorphic(s, u)) }
            grown += 1
        }
        #expect(reordered > 1000 && grown >= 20)
    }

    /// The same state with fresh random ids for its skbs, buffers and pages.
    static func renamed(_ s: SkbState, rng: inout SplitMix64) -> SkbState {
        func mapping(_ ids: [Int]) -> [Int: Int] {
            var fresh = Array(1...(ids.count + 10))
            rng.shuffle(&fresh)
            return Dictionary(uniqueKeysWithValues: zip(ids, fresh))
        }
        let sk = mapping(Array(s.skbs.keys)), dm = mapping(Array(s.data.keys)), pm = mapping(Array(s.pages.keys))
        let um = mapping(Array(s.ubufs.keys))
        let om = mapping(Array(Set(s.data.values.flatMap { $0.frags.map(\.origin) }.filter { $0 != 0 })))
        var out = SkbState()
        for skb in s.skbs.values {
            var n = skb
            n.id = sk[skb.id]!
            n.data = dm[skb.data]!
            out.skbs[n.id] = n
        }
        for b in s.data.values {
            var n = b
            n.id = dm[b.id]!
            n.orig = b.orig.map { dm[$0]! }
            n.fragList = b.fragList.map { sk[$0]! }[...]
            n.frags = b.frags.map { f in
                Frag(page: pm[f.page]!, off: f.off, size: f.size, lineage: Lineage(f.lineage.buffers.map { dm[$0] ?? 1000 + $0 }), owned: f.owned,
                     origin: f.origin == 0 ? 0 : om[f.origin]!)
            }
            n.ubuf = b.ubuf.map { um[$0]! }
            out.data[n.id] = n
        }
        for u in s.ubufs.values {
            var n = u
            n.id = um[u.id]!
            n.userData = u.userData.map { om[$0] ?? 1000 + $0 }
            out.ubufs[n.id] = n
        }
        out.socket = s.socket
        for p in s.pages.values {
            var n = p
            n.id = pm[p.id]!
            out.pages[n.id] = n
        }
        return out
    }

    /// Brute force: some bijection of skbs, buffers and pages maps every field and reference.
    static func isomorphic(_ a: SkbState, _ b: SkbState) -> Bool {
        guard a.skbs.count == b.skbs.count, a.data.count == b.data.count, a.pages.count == b.pages.count else { return false }
        let (sa, sb) = (a.sortedSkbs, b.sortedSkbs), (da, db) = (a.sortedData, b.sortedData)
        let (pa, pb) = (a.pages.values.sorted { $0.id < $1.id }, b.pages.values.sorted { $0.id < $1.id })
        for ps in permutations(sa.count) {
            let sm = Dictionary(uniqueKeysWithValues: sa.indices.map { (sa[$0].id, sb[ps[$0]].id) })
            for pd in permutations(da.count) {
                let dm = Dictionary(uniqueKeysWithValues: da.indices.map { (da[$0].id, db[pd[$0]].id) })
                for pp in permutations(pa.count) {
                    let pm = Dictionary(uniqueKeysWithValues: pa.indices.map { (pa[$0].id, pb[pp[$0]].id) })
                    if maps(a, b, sm, dm, pm) { return true }
                }
            }
        }
        return false
    }

    private static func maps(_ a: SkbState, _ b: SkbState, _ sm: [Int: Int], _ dm: [Int: Int], _ pm: [Int: Int]) -> Bool {
        for s in a.skbs.values {
            let t = b.skbs[sm[s.id]!]!
            guard s.users == t.users, s.cloned == t.cloned, s.nohdr == t.nohdr, s.held == t.held, s.headroom == t.headroom,
                  s.headlen == t.headlen, s.len == t.len, s.dataLen == t.dataLen, dm[s.data] == t.data else { return false }
        }
        for d in a.data.values {
            let e = b.data[dm[d.id]!]!
            guard d.size == e.size, d.dataref == e.dataref, (d.destructor == nil) == (e.destructor == nil),
                  d.orig.map({ dm[$0]! }) == e.orig, d.fragList.map({ sm[$0]! }) == Array(e.fragList),
                  d.frags.count == e.frags.count else { return false }
            for (f, g) in zip(d.frags, e.frags) {
                let live = Set(f.lineage.buffers.compactMap { dm[$0] }), liveB = Set(g.lineage.buffers.filter { b.data[$0] != nil })
                guard pm[f.page] == g.page, f.off == g.off, f.size == g.size, live == liveB else { return false }
            }
        }
        for p in a.pages.values {
            let q = b.pages[pm[p.id]!]!
            guard p.count == q.count, p.held == q.held else { return false }
        }
        return true
    }

    private static func permutations(_ n: Int) -> [[Int]] {
        guard n > 0 else { return [[]] }
        return permutations(n - 1).flatMap { p in (0...p.count).map { i in var q = p; q.insert(n - 1, at: i); return q } }
    }
}
