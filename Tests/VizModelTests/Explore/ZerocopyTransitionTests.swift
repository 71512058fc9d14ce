import Testing
@testable import VizModel

/// The zero-copy designs' transitions judged one by one (spec explore.md §12), for the paths
/// the README names: 3.1's `skb_segment` and `skb_split` holes, which 4.14's refcounted object
/// closes, 4.14's `WARN_ON_ONCE` in `skb_split`, and 3.1's `skb_orphan_frags_rx` that changes
/// nothing. These lie deeper than the depth the test suite searches.
struct ZerocopyTransitionTests {
    /// One letter of the alphabet, found among the state's letters by its call and handles.
    struct Pick {
        var call: CallName
        var skb: Int?
        var other: Int?
        var value: Int?

        init(_ call: CallName, _ skb: Int? = nil, other: Int? = nil, value: Int? = nil) {
            self.call = call
            self.skb = skb
            self.other = other
            self.value = value
        }
    }

    /// Runs the picks from the initial state, each a transition; returns the last one's kinds
    /// and the states before and after it.
    static func judge(_ picks: [Pick], design: Design) throws -> (kinds: [ExploreKind], before: SkbState, after: SkbState) {
        var state = SkbState()
        var kinds: [ExploreKind] = []
        var before = state
        for pick in picks {
            let letter = try #require(ExploreLetter.letters(of: state, design: design).first {
                $0.call == pick.call && $0.skb == pick.skb && $0.other == pick.other && (pick.value == nil || $0.value == pick.value)
            }, "\(pick.call.rawValue) is not a letter here")
            before = state
            let violations = try #require(letter.run(on: &state, design: design), "\(pick.call.rawValue) failed")
            #expect(ExploreJudge.withinBounds(state))
            kinds = ExploreJudge.kinds(violations: violations, sourceLeaks: ExploreJudge.leaks(before, design: design),
                                       afterLeaks: ExploreJudge.leaks(state, design: design), left: ExploreJudge.closed(state, design: design))
        }
        return (kinds, before, state)
    }

    /// x1 gets a frag of p1 and the completion object.
    static let attached = [Pick(.allocSkb), Pick(.allocPage), Pick(.skbAddRxFrag, 0, other: 0), Pick(.setDataDestructor, 0)]

    /// 3.1's `skb_segment` gives the segments the user page and no flag: releasing x1 runs the
    /// callback while they hold p1. Under 4.14 each segment holds a reference on the object.
    @Test func theSegmentHole() throws {
        let path = Self.attached + [Pick(.skbSegment, 0), Pick(.kfreeSkb, 0)]
        #expect(try Self.judge(path, design: .ubuf2011).kinds == [.prematureCompletion])
        #expect(try Self.judge(path, design: .msgZerocopy2017).kinds == [])
    }

    /// 3.1's `skb_split` into a fresh skb leaves the second half with part of p1 and no flag.
    @Test func theSplitHole() throws {
        let path = [Pick(.allocSkb), Pick(.allocPage), Pick(.skbAddRxFrag, 0, other: 0), Pick(.allocSkb), Pick(.setDataDestructor, 0),
                    Pick(.skbSplit, 0, other: 1, value: 1), Pick(.kfreeSkb, 0)]
        #expect(try Self.judge(path, design: .ubuf2011).kinds == [.prematureCompletion])
        #expect(try Self.judge(path, design: .msgZerocopy2017).kinds == [])
    }

    /// 4.14's `skb_split` into an skb that carries an object of its own: `WARN_ON_ONCE`, and
    /// the second half keeps its own object (no caller of `skb_split` passes such an skb).
    @Test func theSplitWarning() throws {
        let path = [Pick(.allocSkb), Pick(.skbPut, 0), Pick(.setDataDestructor, 0), Pick(.allocSkb), Pick(.setDataDestructor, 1),
                    Pick(.skbSplit, 0, other: 1, value: 1)]
        #expect(try Self.judge(path, design: .msgZerocopy2017).kinds == [.kernelWarn])
    }

    /// 3.1 has no `skb_orphan_frags_rx`: the letter is a transition back to the same state.
    @Test func orphanRxChangesNothingUnder3_1() throws {
        let (kinds, before, after) = try Self.judge(Self.attached + [Pick(.skbOrphanFragsRx, 0)], design: .ubuf2011)
        #expect(kinds == [])
        #expect(StateCode.canonical(after) == StateCode.canonical(before))
        // 4.14 copies the user page away and completes the object as copied.
        let msg = try Self.judge(Self.attached + [Pick(.skbOrphanFragsRx, 0)], design: .msgZerocopy2017)
        #expect(StateCode.canonical(msg.after) != StateCode.canonical(msg.before))
        #expect(msg.after.socket.errqueue == [ZerocopySocket.Notification(lo: 0, hi: 0, copied: true)])
    }

    /// Template 5 names the design's callback and needs a buffer without an object.
    @Test func theAttachLetter() throws {
        for (design, text) in [(Design.ubuf2011, "set_data_destructor(x1, tun_free)"),
                               (.msgZerocopy2017, "set_data_destructor(x1, sock_zerocopy_callback)")] {
            let (_, _, state) = try Self.judge([Pick(.allocSkb), Pick(.setDataDestructor, 0)], design: design)
            let letters = ExploreLetter.letters(of: state, design: design)
            #expect(!letters.contains { $0.call == .setDataDestructor })
            #expect(letters.last?.call == .skbOrphanFragsRx)
            #expect(ExploreLetter(call: .setDataDestructor, skb: 0).text(skbNames: ["x1"], pageNames: [], result: nil, design: design) == text)
        }
    }
}
