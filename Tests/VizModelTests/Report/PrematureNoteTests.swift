import Testing
import VizModel

/// The note under a frag slot a premature violation names: how the slot got the page out of
/// the buffer the destructor or the completion belonged to, as the kernel handed it on.
@Suite struct PrematureNoteTests {
    /// The notes of the first step with a premature violation, one for each slot it names, in
    /// the state of that step (as the objects pane and the pictures draw them).
    private static func notesAtFirstViolation(_ source: String, design: Design) throws -> [String] {
        var session = try ViewerFixture.session(source, file: "t.skb", design: design)
        try ViewerFixture.press(&session, "v")
        let state = session.history.state
        let position = session.history.position.step
        try #require(position > 0)
        let step = session.shownSteps[position - 1]
        return Describe.prematureSlots(step.violations).compactMap { slot in
            guard let frag = state.sortedData.first(where: { $0.ref == slot.holder })?.frags[slot.frag] else { return nil }
            return Describe.prematureNote(slot, frag: frag, in: state, mark: "↑")
        }
    }

    /// 3.1: `pskb_expand_head` of an skb that is not cloned moves the frag from d1 to d2
    /// (`kfree(skb->head)`, no `get_page`); u1 is attached to d2; `skb_segment` then `get_page`s
    /// d2's frag into each segment. When a's release calls back, each segment's slot holds a
    /// reference it took itself, out of d2, by skb_segment: not one moved out of d1.
    @Test func aCompletionNamesTheHandOnOutOfTheBufferThatCarriesIt() throws {
        let source = src(
            "a = alloc_skb(256)", "skb_reserve(a, 64)", "skb_put(a, 54)", "skb_pull(a, 54)",
            "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 2000)",
            "pskb_expand_head(a, 32, 0)", "set_data_destructor(a, tun_free)",
            "segs = skb_segment(a, 1000, 54)", "kfree_skb(a)")
        let note = "↑ premature_completion: u1's callback ran; this slot still holds its user page, copied out of d2 by skb_segment"
        #expect(try Self.notesAtFirstViolation(source, design: .ubuf2011) == [note, note])
    }

    /// A slot copied out of d1 before the attach (`pskb_copy`) and then handed on twice: the
    /// hand-on out of d1, the buffer u1 was attached to and whose release calls back, under
    /// both zero-copy designs; under the 2008 designs the destructor's note says the same of d1.
    @Test func aCopyBeforeTheAttachNamesTheCopyOutOfTheCarrier() throws {
        let source = src(
            "a = alloc_skb(200)", "skb_reserve(a, 64)", "skb_put(a, 54)", "p1 = alloc_page()",
            "skb_add_rx_frag(a, 0, p1, 0, 100)", "c = pskb_copy(a)", "set_data_destructor(a, tun_free)",
            "t = alloc_skb(200)", "skb_split(c, t, 60)", "pskb_expand_head(t, 16, 0)", "kfree_skb(a)")
        let completion = "↑ premature_completion: u1's callback ran; this slot still holds its user page, copied out of d1 by pskb_copy"
        #expect(try Self.notesAtFirstViolation(source, design: .ubuf2011) == [completion, completion])
        #expect(try Self.notesAtFirstViolation(source, design: .msgZerocopy2017) == [completion, completion])
        let destructor = "↑ premature_destructor: d1's data destructor fired; this slot still holds its page, copied out of it by pskb_copy"
        #expect(try Self.notesAtFirstViolation(source, design: .naive) == [destructor, destructor])
    }

    /// A slot that came out of no buffer carrying the object (the user page was copied out of
    /// d1 into d2 before u1 was attached to d2): the note does not say how.
    @Test func noHandOnOutOfACarrierSaysNoHow() throws {
        let source = src(
            "a = alloc_skb(200)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 100)",
            "c = pskb_copy(a)", "set_data_destructor(c, tun_free)", "kfree_skb(c)")
        #expect(try Self.notesAtFirstViolation(source, design: .ubuf2011)
                == ["↑ premature_completion: u1's callback ran; this slot still holds its user page"])
    }

    /// The original put on its copy's `frag_list` (naive): c's release puts d2's reference on
    /// p, then drops the list, and a's release puts the last one and fires tun_free. d2 is
    /// still allocated, so the checker names its slot, which owns no reference any more.
    @Test func aSlotWhoseReferenceIsPutOnlyNamesItsPage() throws {
        let source = src("a = alloc_skb(64)", "p = alloc_page()", "skb_add_rx_frag(a, 0, p, 0, 100)", "c = pskb_copy(a)",
                         "set_data_destructor(a, tun_free)", "skb_frag_list_add(c, a)", "kfree_skb(c)")
        #expect(try Self.notesAtFirstViolation(source, design: .naive)
                == ["↑ premature_destructor: d1's data destructor fired; this slot still names its page (d2's release already put its reference), copied out of it by pskb_copy"])
    }
}
