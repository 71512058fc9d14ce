import Testing
@testable import VizModel

/// Who holds a MSG_ZEROCOPY object's references in the middle of a call, so that they add up
/// to its `refcnt` at every step: the send's own reference (4.14 tcp_sendmsg_locked,
/// skb_zerocopy_iter_stream), a head `pskb_expand_head` memcpy'd before its `refcount_inc`,
/// a reference `skb_zcopy_clear` put a step before it clears the flag.
@Suite struct UbufCarriersTests {
    @Test func theSendHoldsAReferenceUntilItPutsIt() throws {
        let source = src("design msg-zerocopy-2017", "a = alloc_skb(256)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 100)",
                         "set_data_destructor(a, sock_zerocopy_callback)")
        var session = try ViewerFixture.session(source, file: "t.skb")
        func line(_ step: Int) -> String? {
            session.go(to: session.history.start(ofCall: 4) + step)
            return session.history.state.ubufs[1].map { Describe.ubuf($0, in: session.history.state) }
        }
        #expect(line(1) == "u1  msg sock_zerocopy_callback  refcnt 1  id 0  zerocopy 1  not completed  carried by no buffer; 1 more held by the running call")
        #expect(line(2) == "u1  msg sock_zerocopy_callback  refcnt 2  id 0  zerocopy 1  not completed  carried by d1 (a); 1 more held by the running call")
        #expect(line(3) == "u1  msg sock_zerocopy_callback  refcnt 1  id 0  zerocopy 1  not completed  carried by d1 (a)")
    }

    /// A legacy object's count is not a holder's: nothing is added for it.
    @Test func aLegacyCountNamesNoHolder() throws {
        let state = run(src("design msg-zerocopy-2017", "a = alloc_skb(256)", "set_data_destructor(a, tun_free)")).final
        #expect(Describe.ubuf(state.ubufs[1]!, in: state) == "u1  legacy tun_free  refcnt 1 (unused)  not completed  carried by d1 (a)")
    }

    /// The worked example under msg-zerocopy-2017: `pskb_expand_head` of the cloned a, then
    /// `kfree_skb(b)` and `kfree_skb(a)`.
    @Test func aMemcpydHeadAndAPutReference() throws {
        let source = src("design msg-zerocopy-2017", "a = alloc_skb(200)", "skb_reserve(a, 64)", "skb_put(a, 54)", "p1 = alloc_page()",
                         "skb_add_rx_frag(a, 0, p1, 0, 4096)", "set_data_destructor(a, sock_zerocopy_callback)", "b = skb_clone(a)",
                         "pskb_expand_head(a, 32, 0)", "kfree_skb(b)")
        var session = try ViewerFixture.session(source, file: "t.skb")
        func step(_ call: Int, _ step: Int) -> (text: String, line: String?) {
            session.go(to: session.history.start(ofCall: call) + step)
            return (session.shownSteps[step - 1].text, session.history.state.ubufs[1].map { Describe.ubuf($0, in: session.history.state) })
        }
        let head = "u1  msg sock_zerocopy_callback  "
        #expect(step(8, 3).text.hasPrefix("memcpy d2's skb_shared_info from d1"))
        #expect(step(8, 3).line == head + "refcnt 1  id 0  zerocopy 1  not completed  carried by d1 (a, b), d2 (memcpy'd, no reference yet)")
        #expect(step(8, 5).text.hasPrefix("skb_zcopy(s1): refcount_inc(&u1->refcnt)"))
        #expect(step(8, 5).line == head + "refcnt 2  id 0  zerocopy 1  not completed  carried by d1 (a, b), d2")
        #expect(step(9, 4).text.hasPrefix("skb_zcopy_clear(d1, true)"))
        #expect(step(9, 4).line == head + "refcnt 1  id 0  zerocopy 1  not completed  carried by d1, d2 (a); 1 reference already put (skb_zcopy_clear clears the flag next)")
        #expect(step(9, 5).line == head + "refcnt 1  id 0  zerocopy 1  not completed  carried by d2 (a)")
    }

    /// The same expand of an skb that is not cloned: the old head's free hands its reference
    /// on to the memcpy'd head, which is never counted twice.
    @Test func theFastPathHandsTheReferenceOn() throws {
        let source = src("design msg-zerocopy-2017", "a = alloc_skb(200)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 4096)",
                         "set_data_destructor(a, sock_zerocopy_callback)", "pskb_expand_head(a, 32, 0)")
        var session = try ViewerFixture.session(source, file: "t.skb")
        let head = "u1  msg sock_zerocopy_callback  refcnt 1  id 0  zerocopy 1  not completed  carried by "
        session.go(to: session.history.start(ofCall: 5) + 3)
        #expect(Describe.ubuf(session.history.state.ubufs[1]!, in: session.history.state) == head + "d1 (a), d2 (memcpy'd, no reference yet)")
        session.go(to: session.history.start(ofCall: 5) + 4)
        #expect(Describe.ubuf(session.history.state.ubufs[1]!, in: session.history.state) == head + "d2")
    }

    /// Seven carriers are more than an 80-column line holds: the list goes on over the next
    /// line (it was cut at the pane's edge, `d5 (segs[3]`, and d6, d7 were lost).
    @Test func aLongListOfCarriersIsWrappedNotCut() throws {
        let source = src("design msg-zerocopy-2017", "g = alloc_skb(256)", "skb_reserve(g, 64)", "p1 = alloc_page()",
                         "skb_add_rx_frag(g, 0, p1, 0, 4000)", "set_data_destructor(g, sock_zerocopy_callback)", "segs = skb_segment(g, 700, 0)")
        var session = try ViewerFixture.session(source, file: "t.skb")
        try ViewerFixture.press(&session, "G 60j")
        let lines = ViewerLayout.grid(session, size: Size(width: 80, height: 60), options: ViewerFixture.noColor).lines
        let at = try #require(lines.firstIndex { $0.hasPrefix("│ u1  msg sock_zerocopy_callback  refcnt 7") })
        #expect(Array(lines[at + 1...at + 2]) == ["│     carried by d1 (g), d2 (segs[0]), d3 (segs[1]), d4 (segs[2]), d5          │",
                                                 "│     (segs[3]), d6 (segs[4]), d7 (segs[5])                                    │"])
    }
}
