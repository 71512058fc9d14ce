import Testing
@testable import VizModel

/// A frag slot in the middle of `pskb_expand_head`: after the memcpy of the shinfo and before
/// the `get_page` (or, in a zero-copy design, the free of the old head) the new slot is a
/// copied descriptor that owns no page reference yet; its lineage says memcpy until then.
@Suite struct LineageInBetweenTests {
    /// The slots of buffer `data` at step `step` of call `call`, with their lineage, as the
    /// objects pane writes them.
    private static func slots(_ source: String, design: Design, call: Int, step: Int, data: Int) throws -> [String] {
        var session = try ViewerFixture.session(source, file: "t.skb", design: design)
        session.go(to: session.history.start(ofCall: call) + step)
        let b = try #require(session.history.state.data[data])
        return b.frags.map { f in "\(f.owned ? "owned" : "not owned") " + (Describe.lineage(of: f, in: b, arrow: "←", ellipsis: "…") ?? "-") }
    }

    /// 2.6.28: memcpy (step 3), then `get_page` each frag (step 4).
    @Test func getPageFollowsTheMemcpy() throws {
        let expand = try #require(DemoCatalog.named("expand")).source
        #expect(try Self.slots(expand, design: .origChain, call: 8, step: 3, data: 2) == ["not owned ← d1.frags[0] (memcpy, pskb_expand_head)"])
        #expect(try Self.slots(expand, design: .origChain, call: 8, step: 4, data: 2) == ["owned ← d1.frags[0] (get_page, pskb_expand_head)"])
    }

    /// 3.1's fast path: memcpy (step 3), then `kfree(skb->head)` of the old head, which hands
    /// the references on as they are (step 4).
    @Test func theFastPathMovesTheReferencesWhenItFreesTheOldHead() throws {
        let source = src("a = alloc_skb(256)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 2000)", "pskb_expand_head(a, 32, 0)")
        #expect(try Self.slots(source, design: .ubuf2011, call: 4, step: 3, data: 2) == ["not owned ← d1.frags[0] (memcpy, pskb_expand_head)"])
        #expect(try Self.slots(source, design: .ubuf2011, call: 4, step: 4, data: 2) == ["owned ← d1.frags[0] (moved, pskb_expand_head)"])
    }

    /// After `skb_release_data` put the pages, a slot owns no reference either, but it had
    /// one: the lineage keeps saying how it got it.
    @Test func aReleasedSlotKeepsItsGetPage() throws {
        let source = src("a = alloc_skb(256)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 2000)", "pskb_expand_head(a, 32, 0)",
                         "kfree_skb(a)")
        #expect(try Self.slots(source, design: .vanilla, call: 5, step: 3, data: 2) == ["not owned ← d1.frags[0] (get_page, pskb_expand_head)"])
    }
}
