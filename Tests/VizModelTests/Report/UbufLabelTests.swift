import Testing
@testable import VizModel

/// How a buffer's line names the completion object it carries, and its count: a MSG_ZEROCOPY
/// object's count is what its completion waits for; a legacy one's is inert in 4.14.0, and
/// the line says so, as the object's own line does.
@Suite struct UbufLabelTests {
    /// 4.14.0's `skb_segment` with a legacy (tun/vhost) object: segs[0] takes u1
    /// (`skb_zerocopy_clone`, refcnt 1 → 2) before the first frag's `skb_orphan_frags` copies
    /// and calls back; the count is never put.
    @Test func aLegacyObjectsCountIsSaidToBeUnused() throws {
        let demo = try #require(DemoCatalog.named("segment"))
        var session = try ViewerFixture.session(demo.source, file: "demos/segment.skb", design: .msgZerocopy2017)
        let call = try #require(Parser.parse(demo.source, file: "demos/segment.skb").calls.firstIndex { $0.text.hasPrefix("segs = skb_segment") }) + 1
        session.go(to: session.history.start(ofCall: call) + 3)
        let state = session.history.state
        #expect(session.shownSteps[2].text == "skb_zcopy_set(d2, u1): refcnt 1 → 2; tx_flags |= SKBTX_ZEROCOPY_FRAG")
        #expect(Describe.zerocopy(of: state.data[1]!, in: state) == "zc  ubuf u1 (legacy, refcnt 2, unused)")
        #expect(Describe.ubuf(state.ubufs[1]!, in: state).hasPrefix("u1  legacy zc_done  refcnt 2 (unused)  not completed  carried by d1 (g), d2"))
        // The count moved, not d1's flag: the count is marked, in the same words.
        let lines = ViewerLayout.grid(session, size: Size(width: 160, height: 50), options: ViewerFixture.noColor).lines
        #expect(lines.contains { $0.contains("zc  ubuf u1 (legacy, refcnt 2*, unused)") })
    }

    @Test func aMsgObjectsCountAndA31Object() throws {
        let msg = run(src("design msg-zerocopy-2017", "a = alloc_skb(100)", "p = alloc_page()", "skb_add_rx_frag(a, 0, p, 0, 100)",
                          "set_data_destructor(a, sock_zerocopy_callback)", "b = skb_clone(a)", "pskb_expand_head(a, 0, 0)")).final
        #expect(Describe.zerocopy(of: msg.data[1]!, in: msg) == "zc  ubuf u1 (msg, refcnt 2)")
        #expect(Describe.zerocopy(of: msg.data[2]!, in: msg) == "zc  ubuf u1 (msg, refcnt 2)")
        let ubuf = run(src("design ubuf-2011", "a = alloc_skb(100)", "set_data_destructor(a, vhost_zerocopy_callback)")).final
        #expect(Describe.zerocopy(of: ubuf.data[1]!, in: ubuf) == "zc  ubuf u1 (ubuf)")
    }
}
