import Testing
@testable import VizModel

/// Who holds a MSG_ZEROCOPY object's references, step by step through the send that makes
/// it: the send's own reference from `sock_zerocopy_alloc` to its `sock_zerocopy_put`, then
/// the buffer's alone (4.14 tcp_sendmsg_locked, skb_zerocopy_iter_stream).
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
}
