import Testing
@testable import VizModel

/// A state that keeps no referrers (`keepsReferrers` false, explore's states) answers who
/// refers to an object by walking its objects, with the answers of the kept index, so every
/// call judges it alike.
struct UnkeptReferrersTests {
    /// The same state, answering by walking.
    static func unkept(_ s: SkbState) -> SkbState {
        var u = s
        u.keepsReferrers = false
        return u
    }

    /// The states explore reaches up to depth 4, and each of them with a buffer's frags
    /// owning no page (as after `skb_release_data`, which calls do not leave behind).
    static let states: [SkbState] = CanonicalFormTests.reached.flatMap { s -> [SkbState] in
        guard var b = s.data.values.first(where: { !$0.frags.isEmpty }) else { return [s] }
        var released = s
        for i in b.frags.indices { b.frags[i].owned = false }
        released[.data(b.id)] = .data(b)
        return [s, released]
    }

    @Test func everyQuestionHasTheKeptAnswer() {
        #expect(CanonicalFormTests.reached.count > 1000)
        for s in Self.states {
            let u = Self.unkept(s)
            for id in s.skbs.keys {
                #expect(u.isOnFragList(id) == s.isOnFragList(id))
                #expect(u.fragListHolders(of: id).map { [$0.buffer, $0.times] } == s.fragListHolders(of: id).map { [$0.buffer, $0.times] })
            }
            for id in s.data.keys {
                #expect(heads(of: id, in: u).sorted() == heads(of: id, in: s).sorted())
                #expect(u.headCount(id) == s.headCount(id))
                let premature = Checker.prematureDestructor(of: id, fn: "tun_free", in: u).map(\.message)
                #expect(premature == Checker.prematureDestructor(of: id, fn: "tun_free", in: s).map(\.message))
            }
            for id in s.pages.keys { #expect(u.ownedSlots(id) == s.ownedSlots(id)) }
        }
    }

    private func heads(of id: Int, in state: SkbState) -> [Int] {
        var out: [Int] = []
        state.forEachHead(of: id) { out.append($0) }
        return out
    }

    /// Every letter from every state up to depth 5 of each design, run on the state and on the
    /// same state keeping no referrers: the same findings, the same state after, and the
    /// same failures.
    @Test(arguments: Design.allCases)
    func everyCallIsJudgedAlike(design: Design) {
        var kinds: Set<ViolationKind> = []
        ExploredStates.walk(design: design, depth: 5) { source in
            for (letter, (kept, t)) in zip(source.letters, source.results) {
                var u = Self.unkept(source.state)
                let walked = letter.run(on: &u, design: design, handles: source.handles)
                let what = "\(design.rawValue) \(letter)"
                #expect(kept.map { $0.map(\.message) } == walked.map { $0.map(\.message) }, "\(what): findings")
                #expect(t == u, "\(what): state")
                kinds.formUnion(kept?.map(\.kind) ?? [])
            }
        }
        // The comparison covers the premature destructor's walk over the buffers.
        if design == .naive { #expect(kinds.contains(.prematureDestructor)) }
    }
}
