import Testing
import VizModel

/// Each call model-later.md §5 changes, under `ubuf-2011`, `msg-zerocopy-2017` with a
/// MSG_ZEROCOPY send (`sock_zerocopy_callback`) and with a legacy vhost / tun callback: exact
/// events, flags, completion objects and pages.
@Suite struct ZerocopyCallTests {
    /// The three ways a `set_data_destructor` attaches a completion object.
    enum Attach: String, CaseIterable, CustomTestStringConvertible {
        case ubuf, msg, legacy
        var design: Design { self == .ubuf ? .ubuf2011 : .msgZerocopy2017 }
        var fn: String { self == .msg ? "sock_zerocopy_callback" : "tun_free" }
        var testDescription: String { rawValue }
    }

    /// `a` with 100 user bytes of `p1` in one frag, then the attach: call 4 is the attach.
    static func base(_ attach: Attach, _ calls: String...) -> ScenarioResult {
        run(src("a = alloc_skb(128)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 100)",
                "set_data_destructor(a, \(attach.fn))") + calls.map { $0 + "\n" }.joined(), design: attach.design)
    }

    /// What the zero-copy designs add to a state, one line each: the buffers carrying an
    /// object (`d1:u1`), the listed objects, the error queue, the pages.
    static func zc(_ s: SkbState) -> [String] {
        s.sortedData.filter(\.zc).map { "d\($0.id):u\($0.ubuf ?? 0)" }
            + s.listedUbufs.map { u in
                "u\(u.id) \(u.kind.rawValue) refcnt=\(u.refcnt.map(String.init) ?? "-") done=\(u.completions)"
                    + (u.lo.map { " lo=\($0) zerocopy=\(u.zerocopy == true ? 1 : 0)" } ?? "")
            }
            + s.socket.errqueue.map(\.label)
            + s.sortedPages.map { "\(s.pageRef($0.id))=\($0.count)" }
    }

    @Test(arguments: Attach.allCases)
    func theAttach(attach: Attach) {
        let r = Self.base(attach)
        #expect(r.completed)
        #expect(r.events(4) == [])
        switch attach {
        case .ubuf: #expect(Self.zc(r.state(4)) == ["d1:u1", "u1 ubuf refcnt=- done=0", "p1=1"])
        case .msg: #expect(Self.zc(r.state(4)) == ["d1:u1", "u1 msg refcnt=1 done=0 lo=0 zerocopy=1", "p1=1"])
        case .legacy: #expect(Self.zc(r.state(4)) == ["d1:u1", "u1 legacy refcnt=1 done=0", "p1=1"])
        }
        #expect(invariantViolations(r) == [])
    }

    @Test(arguments: Attach.allCases)
    func skbClone(attach: Attach) {
        let r = Self.base(attach, "b = skb_clone(a)", "kfree_skb(b)", "kfree_skb(a)")
        #expect(r.completed)
        switch attach {
        case .ubuf, .legacy:
            // 3.1's skb_clone and 4.14's skb_orphan_frags copy the user pages away first.
            let success = attach == .ubuf ? "null" : "false"
            #expect(r.events(5) == ["free_page p1", "zerocopy_callback u1 tun_free success=\(success) via=copy"])
            #expect(lines(r.state(5)).contains("d1 size=128 dataref=0x2 frags=[k1+0:100] list=[] orig=- destructor=-"))
            #expect(Self.zc(r.state(5)) == ["k1=1"])
            #expect(r.events(7) == ["free_page k1", "free_head d1", "free_skb s1"])
        case .msg:
            // The clone shares the buffer and its one reference.
            #expect(r.events(5) == [])
            #expect(Self.zc(r.state(5)) == ["d1:u1", "u1 msg refcnt=1 done=0 lo=0 zerocopy=1", "p1=1"])
            #expect(r.events(7) == ["free_page p1", "zerocopy_callback u1 sock_zerocopy_callback success=true via=release",
                                    "zerocopy_notify u1 0-0 copied=false merged=false", "free_head d1", "free_skb s1"])
            #expect(Self.zc(r.state(7)) == ["[0..0]"])
        }
        #expect(r.violations(7) == [])
    }

    @Test(arguments: Attach.allCases)
    func pskbCopy(attach: Attach) {
        let r = Self.base(attach, "c = pskb_copy(a)", "kfree_skb(a)", "kfree_skb(c)")
        #expect(r.completed)
        switch attach {
        case .ubuf, .legacy:
            let success = attach == .ubuf ? "null" : "false"
            #expect(r.events(5) == ["free_page p1", "zerocopy_callback u1 tun_free success=\(success) via=copy"])
            #expect(Self.zc(r.state(5)) == ["k1=2"])
            #expect(r.events(6) == ["free_head d1", "free_skb s1"])
        case .msg:
            // skb_zerocopy_clone: the copy's buffer takes a reference on u1.
            #expect(r.events(5) == [])
            #expect(Self.zc(r.state(5)) == ["d1:u1", "d2:u1", "u1 msg refcnt=2 done=0 lo=0 zerocopy=1", "p1=2"])
            #expect(r.events(6) == ["free_head d1", "free_skb s1"])
            #expect(r.events(7) == ["free_page p1", "zerocopy_callback u1 sock_zerocopy_callback success=true via=release",
                                    "zerocopy_notify u1 0-0 copied=false merged=false", "free_head d2", "free_skb s2"])
        }
        #expect(invariantViolations(r) == [])
    }

    /// Not cloned: the old head is only freed, the object moves with the shinfo, no hook runs.
    @Test(arguments: Attach.allCases)
    func pskbExpandHeadOfAPrivateHead(attach: Attach) {
        let r = Self.base(attach, "pskb_expand_head(a, 32, 0)")
        #expect(r.events(5) == ["free_head d1"])
        let refcnt = attach == .ubuf ? "-" : "1"
        #expect(Self.zc(r.state(5)).prefix(2) == ["d2:u1", "u1 \(attach.rawValue) refcnt=\(refcnt) done=0"
                                                    + (attach == .msg ? " lo=0 zerocopy=1" : "")])
        #expect(Self.zc(r.state(5)).last == "p1=1")
    }

    /// 3.1, cloned, flag and no frags: `skb_copy_ubufs` of the old buffer calls back and
    /// clears only its flag; the new head keeps its copy and calls back again on release.
    @Test func ubufExpandOfACloneWithoutFragsCallsBackTwice() {
        let r = run(src("design ubuf-2011", "a = alloc_skb(64)", "b = skb_clone(a)", "set_data_destructor(a, tun_free)",
                        "pskb_expand_head(a, 0, 0)", "kfree_skb(a)", "kfree_skb(b)"))
        #expect(r.completed)
        #expect(r.outcomes(4) == ["zerocopy_callback u1 tun_free success=null via=copy"])
        #expect(Self.zc(r.state(4)) == ["d2:u1", "u1 ubuf refcnt=- done=1"])
        #expect(r.outcomes(5) == ["zerocopy_callback u1 tun_free success=null via=release", "! double_completion ubuf=u1",
                                  "free_head d2", "free_skb s1"])
    }

    @Test(arguments: Attach.allCases)
    func pullingEveryPagedByte(attach: Attach) {
        let r = Self.base(attach, "__pskb_pull_tail(a, 100)", "kfree_skb(a)")
        #expect(r.completed)
        switch attach {
        case .ubuf:
            // 3.1 has no tx_flags line in __pskb_pull_tail: the callback waits for the release.
            #expect(r.events(5) == ["free_page p1"])
            #expect(Self.zc(r.state(5)) == ["d1:u1", "u1 ubuf refcnt=- done=0"])
            #expect(r.events(6) == ["zerocopy_callback u1 tun_free success=null via=release", "free_head d1", "free_skb s1"])
        case .msg:
            #expect(r.events(5) == ["free_page p1", "zerocopy_callback u1 sock_zerocopy_callback success=false via=pull",
                                    "zerocopy_notify u1 0-0 copied=true merged=false"])
            #expect(Self.zc(r.state(5)) == ["[0..0] copied"])
        case .legacy:
            #expect(r.events(5) == ["free_page p1", "zerocopy_callback u1 tun_free success=false via=pull"])
            #expect(Self.zc(r.state(5)) == [])
        }
    }

    /// Trimming drops user pages one by one; no design calls back for it.
    @Test(arguments: Attach.allCases)
    func trimmingTheUserPagesAway(attach: Attach) {
        let r = Self.base(attach, "pskb_trim(a, 0)")
        #expect(r.events(5) == ["free_page p1"])
        #expect(Self.zc(r.state(5)).first == "d1:u1")
    }

    /// 3.1's skb_split gives `t` user pages and no flag: the completion at `a`'s release is
    /// premature. 4.14's `skb_zerocopy_clone(t, s, 0)` makes `t` a holder.
    @Test(arguments: Attach.allCases)
    func skbSplit(attach: Attach) {
        let r = Self.base(attach, "t = alloc_skb(64)", "skb_split(a, t, 40)", "kfree_skb(a)", "kfree_skb(t)")
        #expect(r.completed)
        #expect(lines(r.state(6)).contains("d2 size=64 dataref=0x1 frags=[p1+40:60] list=[] orig=- destructor=-"))
        switch attach {
        case .ubuf:
            #expect(Self.zc(r.state(6)) == ["d1:u1", "u1 ubuf refcnt=- done=0", "p1=2"])
            #expect(r.outcomes(7) == ["zerocopy_callback u1 tun_free success=null via=release",
                                      "! premature_completion ubuf=u1 page=p1 holder=d2 frag=0", "free_head d1", "free_skb s1"])
        case .msg:
            #expect(Self.zc(r.state(6)) == ["d1:u1", "d2:u1", "u1 msg refcnt=2 done=0 lo=0 zerocopy=1", "p1=2"])
            #expect(r.events(7) == ["free_head d1", "free_skb s1"])
            #expect(r.events(8).contains("zerocopy_callback u1 sock_zerocopy_callback success=true via=release"))
        case .legacy:
            // The legacy object is inert-counted: both heads call back.
            #expect(Self.zc(r.state(6)) == ["d1:u1", "d2:u1", "u1 legacy refcnt=2 done=0", "p1=2"])
            #expect(r.outcomes(7) == ["zerocopy_callback u1 tun_free success=true via=release",
                                      "! premature_completion ubuf=u1 page=p1 holder=d2 frag=0", "free_head d1", "free_skb s1"])
            #expect(r.outcomes(8) == ["free_page p1", "zerocopy_callback u1 tun_free success=true via=release",
                                      "! double_completion ubuf=u1", "free_head d2", "free_skb s2"])
        }
    }

    /// The 4.14.0 `skb_copy_ubufs` packs the paged bytes into as few kernel pages as hold them,
    /// the last allocated filled first; 3.1 copies frag by frag. Kernel pages are `k1, k2, …`.
    @Test func kernelPagesAreNamedInAllocationOrder() {
        let body = src("a = alloc_skb(128)", "p1 = alloc_page()", "p2 = alloc_page()", "p3 = alloc_page()",
                       "skb_add_rx_frag(a, 0, p1, 0, 3000)", "skb_add_rx_frag(a, 1, p2, 0, 3000)", "skb_add_rx_frag(a, 2, p3, 0, 3000)",
                       "set_data_destructor(a, tun_free)", "b = skb_clone(a)")
        let old = run("design ubuf-2011\n" + body)
        #expect(lines(old.state(9)).contains("d1 size=128 dataref=0x2 frags=[k1+0:3000,k2+0:3000,k3+0:3000] list=[] orig=- destructor=-"))
        let new = run("design msg-zerocopy-2017\n" + body)
        #expect(lines(new.state(9)).contains("d1 size=128 dataref=0x2 frags=[k3+0:4096,k2+0:4096,k1+0:808] list=[] orig=- destructor=-"))
        #expect(new.events(9) == ["free_page p1", "free_page p2", "free_page p3", "zerocopy_callback u1 tun_free success=false via=copy"])
        // Which user pages' bytes each kernel page holds: the screens' `k3  ← copy of p1, p2`.
        let copies = new.state(9).sortedPages.map { p in "\(new.state(9).pageRef(p.id)):" + p.copyOf.map { new.state(9).pageRef($0) }.joined(separator: ",") }
        #expect(copies == ["k1:p3", "k2:p2,p3", "k3:p1,p2"])
        #expect(old.state(9).sortedPages.map(\.copyOf).map { $0.map { old.state(9).pageRef($0) } } == [["p1"], ["p2"], ["p3"]])
        // A second copy goes on from k4.
        let again = run("design ubuf-2011\n" + body + src("c = alloc_skb(64)", "p4 = alloc_page()", "skb_add_rx_frag(c, 0, p4, 0, 10)",
                                                          "set_data_destructor(c, tun_free)", "d = skb_clone(c)"))
        #expect(Self.zc(again.state(14)).suffix(4) == ["k1=1", "k2=1", "k3=1", "k4=1"])
    }

    @Test(arguments: [Design.ubuf2011, .msgZerocopy2017])
    func kernelPageNamesAreReserved(design: Design) {
        let r = run(src("a = alloc_skb(10)", "k1 = alloc_page()", "  k07 = alloc_page()", "k = alloc_page()", "kx = alloc_page()", "k2 = alloc_skb(5)"),
                    design: design)
        #expect(r.readingErrors == [
            "2:1: name 'k1' is reserved in design \(design.rawValue) for the pages the kernel allocates (k1, k2, ...)",
            "3:3: name 'k07' is reserved in design \(design.rawValue) for the pages the kernel allocates (k1, k2, ...)",
        ])
        #expect(run(src("k1 = alloc_page()"), design: .vanilla).completed)
    }

    /// A reserved page name is a reading error like the others: reported with them, in order.
    @Test(arguments: [Design.ubuf2011, .msgZerocopy2017])
    func reservedNamesAreReportedWithTheOtherReadingErrors(design: Design) {
        let r = run(src("skb_put(zz, 1)", "k1 = alloc_page()", "kfree_skb(5)"), design: design)
        #expect(r.readingErrors == [
            "1:9: name 'zz' is not bound before this line",
            "2:1: name 'k1' is reserved in design \(design.rawValue) for the pages the kernel allocates (k1, k2, ...)",
            "3:11: argument 1 of kfree_skb must be an skb, not an integer",
        ])
    }

    /// `sock_zerocopy_callback` extends the queue's tail when the ids follow on, whatever its
    /// COPIED code; otherwise it queues a new notification.
    @Test func notificationsMergeOnlyWhenTheIdsFollowOn() {
        let sends = src("design msg-zerocopy-2017",
                        "a = alloc_skb(64)", "set_data_destructor(a, sock_zerocopy_callback)",
                        "b = alloc_skb(64)", "set_data_destructor(b, sock_zerocopy_callback)",
                        "c = alloc_skb(64)", "set_data_destructor(c, sock_zerocopy_callback)")
        let inOrder = run(sends + src("kfree_skb(a)", "kfree_skb(b)", "kfree_skb(c)"))
        #expect(inOrder.events(8).contains("zerocopy_notify u2 1-1 copied=false merged=true"))
        #expect(inOrder.state(9).socket.errqueue.map(\.label) == ["[0..2]"])
        let outOfOrder = run(sends + src("kfree_skb(b)", "kfree_skb(a)", "kfree_skb(c)"))
        #expect(outOfOrder.events(8).contains("zerocopy_notify u1 0-0 copied=false merged=false"))
        #expect(outOfOrder.state(9).socket.errqueue.map(\.label) == ["[1..1]", "[0..0]", "[2..2]"])
        #expect(outOfOrder.state(9).socket.zckey == 3)
    }

    @Test(arguments: [Design.vanilla, .naive, .origChain, .ubuf2011])
    func theOrphanCallsDoNothingBefore414(design: Design) {
        let r = run(src("a = alloc_skb(128)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 100)",
                        "set_data_destructor(a, tun_free)", "skb_orphan_frags(a)", "skb_orphan_frags_rx(a)"), design: design)
        #expect(r.completed)
        #expect(r.records[4].steps.flatMap(\.deltas).isEmpty && r.records[5].steps.flatMap(\.deltas).isEmpty)
    }

    @Test func theOrphanCallsOf414() {
        let legacy = Self.base(.legacy, "skb_orphan_frags(a)")
        #expect(legacy.events(5) == ["free_page p1", "zerocopy_callback u1 tun_free success=false via=copy"])
        let msg = Self.base(.msg, "skb_orphan_frags(a)", "skb_orphan_frags_rx(a)")
        #expect(msg.events(5) == [])
        #expect(msg.events(6) == ["free_page p1", "zerocopy_callback u1 sock_zerocopy_callback success=false via=copy",
                                  "zerocopy_notify u1 0-0 copied=true merged=false"])
        // B-nofrag: without frags skb_copy_ubufs returns at once and the object stays.
        let nofrag = run(src("design msg-zerocopy-2017", "a = alloc_skb(64)", "set_data_destructor(a, sock_zerocopy_callback)",
                             "skb_orphan_frags_rx(a)"))
        #expect(nofrag.outcomes(3) == ["! orphan_incomplete ubuf=u1 data=d1"])
    }

    /// Every error these designs add refuses the call and leaves the state, counters
    /// included, as it was.
    @Test func refusedCallsChangeNothing() {
        let ubuf = runThroughFailures(src(
            "a = alloc_skb(128)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 100)",
            "b = skb_clone(a)", "set_data_destructor(a, tun_free)",
            "set_data_destructor(b, tun_free)",
            "pskb_expand_head(a, 0, 0)"), design: .ubuf2011)
        #expect(ubuf.failures.map { String($0.prefix(while: { $0 != " " })) } == ["6:1:", "7:1:"])
        #expect(ubuf.failures[1].contains("hazard H-expand"))
        let msg = runThroughFailures(src(
            "a = alloc_skb(128)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 100)",
            "set_data_destructor(a, vhost_zerocopy_callback)", "skb_get(a)",
            "b = skb_clone(a)", "c = pskb_copy(a)", "skb_orphan_frags(a)", "set_data_destructor(a, sock_zerocopy_callback)",
            "x = alloc_skb(128)", "p2 = alloc_page()", "skb_add_rx_frag(x, 0, p2, 0, 100)", "y = skb_clone(x)",
            "set_data_destructor(x, tun_free)", "pskb_expand_head(x, 0, 0)", "z = skb_clone(x)", "g = skb_segment(x, 50, 0)",
            "k1 = alloc_page()"), design: .msgZerocopy2017)
        #expect(msg.failures.map { String($0.prefix(while: { $0 != " " })) } == ["6:5:", "7:5:", "8:1:", "9:1:", "15:1:", "16:5:", "17:5:", "18:1:"])
        #expect(msg.failures[0].contains("returns -EINVAL, so skb_clone fails"))
        #expect(msg.failures[4...6].allSatisfy { $0.contains("hazard H-recurse") })
    }

    /// `skb_segment` checks model.md's length rule (2.6.28's `BUG_ON(i >= nfrags)`) before its
    /// loop runs 4.14's `skb_orphan_frags`: with bytes in a `frag_list` that rule is what a
    /// shared skb with a legacy object reports (README, "Model notes"); without them, the
    /// orphan's −EINVAL.
    @Test func skbSegmentChecksItsLengthBeforeTheOrphan() {
        let start = ["a = alloc_skb(256)", "skb_reserve(a, 64)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 100)"]
        let shared = ["set_data_destructor(a, vhost_zerocopy_callback)", "skb_get(a)", "g = skb_segment(a, 1000, 0)"]
        let member = ["m = alloc_skb(128)", "skb_put(m, 50)", "skb_frag_list_add(a, m)"]
        let listed = runThroughFailures(src(start + member + shared), design: .msgZerocopy2017)
        #expect(listed.failures == [
            "10:5: BUG: BUG_ON(i >= nfrags) in skb_segment: 50 bytes of a (s1) lie beyond its page frags (frag_list)",
        ])
        let frags = runThroughFailures(src(start + shared), design: .msgZerocopy2017)
        #expect(frags.failures == [
            "7:5: skb_copy_ubufs(a (s1)): skb_shared (users 2) returns -EINVAL, so skb_segment fails (NULL / error return)",
        ])
    }
}
