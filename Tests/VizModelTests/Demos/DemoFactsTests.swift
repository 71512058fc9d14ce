import Testing
@testable import VizModel

// The telling facts of each demo, computed by hand from model.md (not copied from a run).
// Ids: skbs s1, s2, … and buffers d1, d2, … in allocation order.

@Suite("Demo facts")
struct DemoFactsTests {
    @Test func expand() {
        let r = DemoRun("expand")
        // d1.dataref after each call that touches it (model.md §6).
        #expect(r.after("b = skb_clone(a)").data[1]?.dataref == 2)
        #expect(r.after("pskb_expand_head(a, 32, 0)").data[1]?.dataref == 0x0001_0002)
        #expect(r.after("kfree_skb(b)").data[1]?.dataref == 0x0001_0001)
        #expect(r.after("kfree_skb(a)").data[1] == nil)
        // The new head: 320 bytes, the shinfo copied (frag, destructor cleared), get_page, orig.
        let e = r.after("pskb_expand_head(a, 32, 0)")
        #expect(e.skbs[1]?.data == 2)
        #expect(e.data[2]?.size == 320)
        #expect(e.data[2]?.dataref == 1)
        #expect(e.data[2]?.orig == 1)
        #expect(e.data[2]?.destructor == nil)
        #expect(e.data[1]?.destructor == "tun_free")
        #expect(demoFrags(e.data[2], in: e) == ["p1 0 4096"])
        #expect(e.page(named: "p1")?.count == 2)
        #expect(e.skbs[1]?.cloned == false)
        #expect(e.skbs[1]?.headroom == 96 && e.skbs[1]?.tailroom == 170)
        // tun_free waits for the last holder of d1's data.
        #expect(r.events("kfree_skb(b)") == [.freeSkb(skb: 2)])
        #expect(r.events("kfree_skb(a)") == [
            .freeHead(data: 2), .freePage(page: "p1"),
            .dataDestructor(data: 1, fn: "tun_free"), .freeHead(data: 1), .freeSkb(skb: 1),
        ])
    }

    @Test func pullTail() {
        let r = DemoRun("pull-tail")
        // 54 bytes from {p1 0 14}{p2 0 1500}: frags[0] eaten and put, frags[1] from off 40.
        let a = r.after("pskb_may_pull(r, 54)")
        #expect(r.events("pskb_may_pull(r, 54)") == [.freePage(page: "p1")])
        #expect(demoFrags(a.data[1], in: a) == ["p2 40 1460"])
        #expect(a.skbs[1]?.headlen == 54 && a.skbs[1]?.dataLen == 1460 && a.skbs[1]?.len == 1514)
        // Cloned: pskb_expand_head(r, 0, 0) first; only the new buffer's frag moves.
        let b = r.after("pskb_may_pull(r, 74)")
        #expect(b.skbs[1]?.data == 2)
        #expect(b.data[2]?.size == 256)
        #expect(b.data[1]?.dataref == 1)
        #expect(demoFrags(b.data[1], in: b) == ["p2 40 1460"])
        #expect(demoFrags(b.data[2], in: b) == ["p2 60 1440"])
        #expect(b.page(named: "p2")?.count == 2)
        #expect(b.skbs[1]?.headlen == 74 && b.skbs[1]?.tailroom == 118)
        // Across the frag_list: m1 (s4) eaten whole, shared m2 (s5) replaced by its clone s6.
        let c = r.after("pskb_may_pull(h, 94)")
        #expect(c.data[3]?.fragList == [6])
        #expect(c.skbs[6]?.headroom == 64 + 24 && c.skbs[6]?.len == 1448 - 24)
        #expect(c.skbs[5]?.users == 1 && c.skbs[5]?.len == 1448)
        #expect(c.data[5]?.dataref == 2)
        #expect(c.skbs[3]?.headlen == 94 && c.skbs[3]?.dataLen == 1424 && c.skbs[3]?.len == 1518)
        #expect(r.events("pskb_may_pull(h, 94)") == [.freeHead(data: 4), .freeSkb(skb: 4)])
    }

    @Test func clone() {
        let r = DemoRun("clone")
        let a = r.after("b = skb_clone(a)")
        #expect(a.data[1]?.dataref == 2)
        #expect(a.skbs[1]?.cloned == true && a.skbs[2]?.cloned == true)
        #expect(a.skbs[2]?.data == 1)
        // Original first: the clone frees the head.
        #expect(r.events("kfree_skb(a)") == [.freeSkb(skb: 1)])
        #expect(r.events("kfree_skb(b)") == [.freeHead(data: 1), .freeSkb(skb: 2)])
        // Clones first: lower half 3; clones take no page reference; the original frees the head.
        #expect(r.after("d = skb_clone(c)").data[2]?.dataref == 2)
        let e = r.after("e = skb_clone(c)")
        #expect(e.data[2]?.dataref == 3)
        #expect(e.page(named: "p1")?.count == 1)
        #expect(r.after("kfree_skb(e)").data[2]?.dataref == 1)
        #expect(r.after("kfree_skb(e)").skbs[3]?.cloned == true)
        #expect(r.events("kfree_skb(c)") == [.freePage(page: "p1"), .freeHead(data: 2), .freeSkb(skb: 3)])
    }

    @Test func headerRelease() {
        let r = DemoRun("header-release")
        #expect(r.after("skb_header_release(a)").data[1]?.dataref == 0x0001_0001)
        #expect(r.after("skb_header_release(a)").skbs[1]?.nohdr == true)
        let b = r.after("b = skb_clone(a)")
        #expect(b.data[1]?.dataref == 0x0001_0002)
        #expect(demoHeaderCloned(2, in: b) == false)   // 2 − 1 = 1 header user
        let t = r.after("t = skb_clone(b)")
        #expect(t.data[1]?.dataref == 0x0001_0003)
        #expect(demoHeaderCloned(2, in: t) == true)    // 3 − 1 = 2 header users
        #expect(t.skbs[3]?.nohdr == false)
        let x = r.after("pskb_expand_head(b, 0, 0)")
        #expect(x.data[1]?.dataref == 0x0001_0002)     // b dropped a full reference
        #expect(x.skbs[2]?.data == 2 && x.page(named: "p1")?.count == 2)
        #expect(r.after("kfree_skb(t)").data[1]?.dataref == 0x0001_0001)
        // a's release subtracts 0x10001 and reaches zero.
        #expect(r.events("kfree_skb(a)") == [.freePage(page: "p1"), .freeHead(data: 1), .freeSkb(skb: 1)])
    }

    @Test func fclone() {
        let r = DemoRun("fclone")
        #expect(r.after("a = alloc_skb_fclone(160)").skbs[1]?.fclone == .orig)
        #expect(r.after("a = alloc_skb_fclone(160)").skbs[1]?.fcloneRef == 1)
        let b = r.after("b = skb_clone(a)")
        #expect(b.skbs[2]?.fclone == .clone && b.skbs[1]?.fcloneRef == 2 && b.skbs[1]?.companion == 2)
        let c = r.after("c = skb_clone(a)")
        #expect(c.skbs[3]?.fclone == FcloneKind.none && c.skbs[1]?.fcloneRef == 2)
        let k = r.after("kfree_skb(b)")
        #expect(k.skbs[1]?.fcloneRef == 1 && k.skbs[1]?.companion == nil)
        let d = r.after("d = skb_clone(a)")
        #expect(d.skbs[4]?.fclone == .clone && d.skbs[1]?.fcloneRef == 2 && d.data[1]?.dataref == 3)
        #expect(r.events("kfree_skb(a)") == [.freeSkb(skb: 1)])
        #expect(r.after("kfree_skb(a)").skbs[4] != nil)
        #expect(r.events("kfree_skb(d)") == [.freePage(page: "p1"), .freeHead(data: 1), .freeSkb(skb: 4)])
    }

    @Test func pskbCopy() {
        let r = DemoRun("pskb-copy")
        // No data destructor: no parent reference.
        let a = r.after("c1 = pskb_copy(a)")
        #expect(a.skbs[2]?.data == 2 && a.data[2]?.size == 256 && a.skbs[2]?.headlen == 54)
        #expect(a.data[2]?.orig == nil && a.data[1]?.dataref == 1 && a.skbs[1]?.cloned == false)
        #expect(a.page(named: "p1")?.count == 2 && demoFrags(a.data[2], in: a) == ["p1 0 4096"])
        // With one: d3.orig = d1, payload reference, a cloned.
        let b = r.after("c2 = pskb_copy(a)")
        #expect(b.data[3]?.orig == 1 && b.data[1]?.dataref == 0x0001_0002 && b.skbs[1]?.cloned == true)
        #expect(b.page(named: "p1")?.count == 2)
        #expect(r.events("kfree_skb(a)") == [.freeSkb(skb: 1)])
        #expect(r.events("kfree_skb(c2)") == [
            .freeHead(data: 3), .freePage(page: "p1"),
            .dataDestructor(data: 1, fn: "tun_free"), .freeHead(data: 1), .freeSkb(skb: 3),
        ])
    }

    @Test func split() {
        let r = DemoRun("split")
        // Inside the linear part: bytes 100..120 copied, the frag moved without a page reference.
        let a = r.after("skb_split(a, t, 100)")
        #expect(a.skbs[1]?.len == 100 && a.skbs[1]?.headlen == 100 && a.skbs[1]?.dataLen == 0)
        #expect(a.data[1]?.frags.isEmpty == true)
        #expect(a.skbs[2]?.headlen == 20 && a.skbs[2]?.dataLen == 1448 && a.skbs[2]?.len == 1468)
        #expect(demoFrags(a.data[2], in: a) == ["p1 0 1448"] && a.page(named: "p1")?.count == 1)
        // Across a straddling frag, with a data destructor on b's d3.
        let b = r.after("skb_split(b, t2, 2950)")
        #expect(demoFrags(b.data[3], in: b) == ["p2 0 2896"])
        #expect(demoFrags(b.data[4], in: b) == ["p2 2896 1200", "p3 0 2048"])
        #expect(b.page(named: "p2")?.count == 2 && b.page(named: "p3")?.count == 1)
        #expect(b.skbs[3]?.len == 2950 && b.skbs[3]?.dataLen == 2896 && b.skbs[4]?.len == 3248)
        #expect(b.data[4]?.orig == 3 && b.data[3]?.dataref == 0x0001_0002 && b.skbs[3]?.cloned == true)
        #expect(r.events("kfree_skb(b)") == [.freeSkb(skb: 3)])
        #expect(r.events("kfree_skb(t2)") == [
            .freePage(page: "p3"), .freeHead(data: 4), .freePage(page: "p2"),
            .dataDestructor(data: 3, fn: "zc_done"), .freeHead(data: 3), .freeSkb(skb: 4),
        ])
    }

    @Test func segment() {
        let r = DemoRun("segment")
        let s = r.after("segs = skb_segment(g, 1448, 54)")
        // Two segments s2, s3 (d2, d3, SKB_DATA_ALIGN(0 + 54 + 64) = 128 bytes each).
        #expect(s.skbs.count == 3 && s.data[2]?.size == 128 && s.data[3]?.size == 128)
        #expect(demoFrags(s.data[2], in: s) == ["p1 2048 1448"])
        #expect(demoFrags(s.data[3], in: s) == ["p1 3496 600", "p2 0 848"])
        #expect(s.page(named: "p1")?.count == 3 && s.page(named: "p2")?.count == 2)
        #expect(s.data[2]?.orig == 1 && s.data[3]?.orig == 1)
        #expect(s.data[1]?.dataref == 0x0002_0003)
        #expect(s.skbs[1]?.cloned == true && s.skbs[1]?.headlen == 54 && s.skbs[1]?.len == 2950)
        // The original first, then the segments; zc_done waits for the last.
        #expect(r.events("kfree_skb(g)") == [.freeSkb(skb: 1)])
        #expect(r.after("kfree_skb(g)").data[1]?.dataref == 0x0002_0002)
        #expect(r.after("kfree_skb(segs[0])").data[1]?.dataref == 0x0001_0001)
        #expect(r.events("kfree_skb(segs[0])") == [.freeHead(data: 2), .freeSkb(skb: 2)])
        #expect(r.events("kfree_skb(segs[1])") == [
            .freeHead(data: 3), .freePage(page: "p1"), .freePage(page: "p2"),
            .dataDestructor(data: 1, fn: "zc_done"), .freeHead(data: 1), .freeSkb(skb: 3),
        ])
    }

    @Test func trim() {
        let r = DemoRun("trim")
        // Into the frags: frags[1] cut to 100, frags[2] put.
        let a = r.after("pskb_trim(a, 1602)")
        #expect(r.events("pskb_trim(a, 1602)") == [.freePage(page: "p3")])
        #expect(demoFrags(a.data[1], in: a) == ["p1 0 1448", "p2 0 100"])
        #expect(a.skbs[1]?.len == 1602 && a.skbs[1]?.dataLen == 1548)
        // Into the frag_list: m1 (s3) stays, shared m2 (s4) replaced by clone s6 trimmed to 1000, m3 (s5) dropped.
        let b = r.after("pskb_trim(h, 2502)")
        #expect(b.data[2]?.fragList == [3, 6])
        #expect(b.skbs[6]?.len == 1000 && b.skbs[6]?.data == 4)
        #expect(b.skbs[4]?.users == 1 && b.skbs[4]?.len == 1448)
        #expect(b.data[4]?.dataref == 2)
        #expect(b.skbs[2]?.len == 2502 && b.skbs[2]?.dataLen == 2448)
        #expect(r.events("pskb_trim(h, 2502)") == [.freeHead(data: 5), .freeSkb(skb: 5)])
        #expect(r.events("kfree_skb(h)") == [
            .freeHead(data: 3), .freeSkb(skb: 3), .freeHead(data: 4), .freeSkb(skb: 6),
            .freeHead(data: 2), .freeSkb(skb: 2),
        ])
    }

    @Test func tcpXmit() {
        let r = DemoRun("tcp-xmit")
        let a = r.after("c1 = skb_clone(s)")
        #expect(a.skbs[2]?.fclone == .clone && a.skbs[1]?.fcloneRef == 2 && a.data[1]?.dataref == 0x0001_0002)
        #expect(demoHeaderCloned(2, in: a) == false)
        // The retransmit: pskb_copy, plain cache, private d2, p1 shared.
        let b = r.after("c2 = pskb_copy(s)")
        #expect(b.skbs[3]?.fclone == FcloneKind.none && b.skbs[3]?.data == 2 && b.data[2]?.size == 192)
        #expect(b.page(named: "p1")?.count == 2 && b.data[2]?.orig == nil)
        #expect(r.events("kfree_skb(c1)") == [.skbDestructor(skb: 2, fn: "sock_wfree"), .freeSkb(skb: 2)])
        #expect(r.after("kfree_skb(c1)").skbs[1]?.fcloneRef == 1)
        #expect(r.after("kfree_skb(c1)").data[1]?.dataref == 0x0001_0001)
        // The ACK: s (nohdr) subtracts 0x10001; p1 lives on in the retransmit.
        #expect(r.events("kfree_skb(s)") == [.freeHead(data: 1), .freeSkb(skb: 1)])
        #expect(r.after("kfree_skb(s)").page(named: "p1")?.count == 1)
        #expect(r.events("kfree_skb(c2)") == [
            .skbDestructor(skb: 3, fn: "sock_wfree"), .freePage(page: "p1"), .freeHead(data: 2), .freeSkb(skb: 3),
        ])
    }

    @Test func naiveBug() throws {
        let naive = DemoRun("naive-bug")
        #expect(naive.program.design == .naive)
        #expect(naive.completed)
        // Exactly one violation: tun_free of d1 at kfree_skb(a), while d2 holds p1.
        #expect(naive.allViolations.count == 1)
        let v = try #require(naive.violations("kfree_skb(a)").first)
        #expect(v.kind == .prematureDestructor)
        #expect(v.fields.map(\.0) == ["data", "page", "holder", "frag"])
        #expect(v.fields.map(\.1) == [.id("d1"), .id("p1"), .id("d2"), .number(0)])
        #expect(naive.events("kfree_skb(a)").contains(.dataDestructor(data: 1, fn: "tun_free")))
        #expect(naive.after("c = pskb_copy(a)").data[2]?.orig == nil)
        #expect(naive.after("c = pskb_copy(a)").data[1]?.dataref == 1)

        // The same file under orig-chain: no violation, tun_free at the last kfree_skb.
        let chain = DemoRun("naive-bug", design: .origChain)
        #expect(chain.completed)
        #expect(chain.allViolations.isEmpty)
        #expect(chain.after("c = pskb_copy(a)").data[1]?.dataref == 0x0001_0002)
        #expect(chain.events("kfree_skb(a)") == [.freeSkb(skb: 1)])
        #expect(chain.events("kfree_skb(c)") == [
            .freeHead(data: 2), .freePage(page: "p1"),
            .dataDestructor(data: 1, fn: "tun_free"), .freeHead(data: 1), .freeSkb(skb: 2),
        ])
    }

    @Test func zerocopyTx() {
        let r = DemoRun("zerocopy-tx")
        // Three segments s3, s4, s5 on d2, d3, d4 of 192 bytes (0 + 54 + 138), no tailroom.
        let s = r.after("segs = skb_segment(c, 1448, 54)")
        #expect(s.data[2]?.size == 192 && s.skbs[3]?.tailroom == 0)
        #expect(demoFrags(s.data[2], in: s) == ["p1 2048 1448"])
        #expect(demoFrags(s.data[3], in: s) == ["p1 3496 600", "p2 0 848"])
        #expect(demoFrags(s.data[4], in: s) == ["p2 848 1448"])
        #expect(s.page(named: "p1")?.count == 4 && s.page(named: "p2")?.count == 4)
        #expect(s.data[1]?.dataref == 0x0004_0005)   // g, c, and three payload references
        // The driver's pull: no tailroom, so pskb_expand_head, and the chain d5 → d2 → d1.
        let p = r.after("__pskb_pull_tail(segs[0], 4)")
        #expect(p.skbs[3]?.data == 5 && p.data[5]?.size == 384)
        #expect(p.data[5]?.orig == 2 && p.data[2]?.orig == 1 && p.data[2]?.dataref == 0x0001_0001)
        #expect(demoFrags(p.data[5], in: p) == ["p1 2052 1444"] && p.page(named: "p1")?.count == 5)
        #expect(r.events("kfree_skb(segs[0])") == [.freeHead(data: 5), .freeHead(data: 2), .freeSkb(skb: 3)])
        #expect(r.after("kfree_skb(segs[0])").data[1]?.dataref == 0x0003_0003)
        // The ACK before the last TX completion: zc_done still waits.
        #expect(r.events("kfree_skb(g)") == [.freeSkb(skb: 1)])
        #expect(r.after("kfree_skb(g)").data[1]?.dataref == 0x0001_0001)
        // The last segment: zc_done, and only user space's own page references are left.
        #expect(r.events("kfree_skb(segs[2])") == [
            .freeHead(data: 4), .dataDestructor(data: 1, fn: "zc_done"), .freeHead(data: 1), .freeSkb(skb: 5),
        ])
        let z = r.after("kfree_skb(segs[2])")
        #expect(z.page(named: "p1")?.count == 1 && z.page(named: "p1")?.held == 1)
        #expect(z.page(named: "p2")?.count == 1 && z.page(named: "p2")?.held == 1)
        // No page is freed before user space gives its buffer back.
        let firstFree = r.allEvents.firstIndex { if case .freePage = $0 { true } else { false } }
        let destructor = r.allEvents.firstIndex(of: .dataDestructor(data: 1, fn: "zc_done"))
        #expect(firstFree != nil && destructor != nil && firstFree! > destructor!)
    }

    // MARK: The zero-copy designs Linux shipped (model-later.md)

    @Test func ubufTx() {
        let r = DemoRun("ubuf-tx")
        // 3.1's skb_clone: each user frag into a kernel page of its own, frag by frag.
        #expect(r.events("t = skb_clone(a)") == [
            .freePage(page: "p1"), .freePage(page: "p2"),
            .zerocopyCallback(ubuf: 1, fn: "vhost_zerocopy_callback", success: nil, via: .copy),
        ])
        let c = r.after("t = skb_clone(a)")
        #expect(demoFrags(c.data[1], in: c) == ["k1 0 4096", "k2 0 1000"])
        #expect(c.data[1]?.zc == false && c.data[1]?.dataref == 2)
        #expect(r.events("kfree_skb(a)") == [.freePage(page: "k1"), .freePage(page: "k2"), .freeHead(data: 1), .freeSkb(skb: 1)])
        #expect(r.records.flatMap { $0.steps.flatMap(\.violations) }.isEmpty)
    }

    @Test func ubufSegmentHole() {
        let r = DemoRun("ubuf-segment-hole")
        let s = r.after("segs = skb_segment(g, 1448, 54)")
        // The segments hold the user pages and no flag.
        #expect(s.data[2]?.zc == false && s.data[3]?.zc == false)
        #expect(s.page(named: "p1")?.count == 3 && s.page(named: "p2")?.count == 2)
        let freeG = r.records[r.program.calls.firstIndex { $0.text == "kfree_skb(g)" }!]
        let premature = freeG.steps.flatMap(\.violations).filter { $0.kind == .prematureCompletion }
        #expect(premature.map { $0.fields.map { fieldText($0.1) }.joined(separator: " ") } == [
            "u1 p1 d2 0", "u1 p1 d3 0", "u1 p2 d3 1",
        ])
    }

    @Test func msgZerocopy() {
        let r = DemoRun("msg-zerocopy")
        #expect(r.after("set_data_destructor(g, sock_zerocopy_callback)").ubufs[1]?.refcnt == 1)
        // Each segment with payload takes a reference: 1 + 2.
        #expect(r.after("segs = skb_segment(g, 1448, 54)").ubufs[1]?.refcnt == 3)
        #expect(r.after("kfree_skb(g)").ubufs[1]?.refcnt == 2)
        #expect(r.events("kfree_skb(segs[0])") == [.freeHead(data: 2), .freeSkb(skb: 2)])
        #expect(r.events("kfree_skb(segs[1])") == [
            .freePage(page: "p1"), .freePage(page: "p2"),
            .zerocopyCallback(ubuf: 1, fn: "sock_zerocopy_callback", success: true, via: .release),
            .zerocopyNotify(ubuf: 1, lo: 0, hi: 0, copied: false, merged: false),
            .freeHead(data: 3), .freeSkb(skb: 3),
        ])
        #expect(r.after("kfree_skb(h)").socket.errqueue == [ZerocopySocket.Notification(lo: 0, hi: 1, copied: false)])
    }

    @Test func msgLoopback() {
        let r = DemoRun("msg-loopback")
        // The tap's copy: t unclones (d2 takes a reference, refcnt 2), then puts it back.
        let t = r.after("skb_orphan_frags_rx(t)")
        #expect(t.ubufs[1]?.refcnt == 1 && t.ubufs[1]?.zerocopy == false)
        #expect(demoFrags(t.data[2], in: t) == ["k1 0 3000"] && t.page(named: "p1")?.count == 1)
        #expect(r.events("skb_orphan_frags_rx(a)") == [
            .freePage(page: "p1"),
            .zerocopyCallback(ubuf: 1, fn: "sock_zerocopy_callback", success: false, via: .copy),
            .zerocopyNotify(ubuf: 1, lo: 0, hi: 0, copied: true, merged: false),
        ])
        #expect(r.final.socket.errqueue.map(\.label) == ["[0..0] copied"])
    }

    /// The notes of `ubuf-segment-hole` under orig-chain and under 4.14 (B-segorder).
    @Test func ubufSegmentHoleUnderTheOtherDesigns() {
        let chain = DemoRun("ubuf-segment-hole", design: .origChain)
        #expect(chain.after("segs = skb_segment(g, 1448, 54)").data[1]?.dataref == 0x0002_0003)
        #expect(chain.after("kfree_skb(g)").data[1]?.dataref == 0x0002_0002)
        #expect(chain.after("kfree_skb(segs[0])").data[1]?.dataref == 0x0001_0001)
        #expect(chain.events("kfree_skb(segs[1])").contains(.dataDestructor(data: 1, fn: "vhost_zerocopy_callback")))
        let msg = DemoRun("ubuf-segment-hole", design: .msgZerocopy2017)
        let s = msg.after("segs = skb_segment(g, 1448, 54)")
        #expect(s.data[2]?.ubuf == 1 && s.data[3]?.ubuf == nil && s.data[1]?.ubuf == nil)
        func k1(_ state: SkbState) -> Int? { state.pages.first { state.pageRef($0.key) == "k1" }?.value.count }
        #expect(k1(s) == 3)
        #expect(k1(msg.after("kfree_skb(g)")) == 2)
        #expect(msg.violations("kfree_skb(segs[0])").map(\.kind) == [.doubleCompletion])
        #expect(!msg.events("kfree_skb(segs[1])").contains { $0.summary.hasPrefix("zerocopy_callback") })
    }

    /// `msg-zerocopy` under orig-chain: the payload references of the segments on d1.
    @Test func msgZerocopyUnderOrigChain() {
        let r = DemoRun("msg-zerocopy", design: .origChain)
        #expect(r.after("segs = skb_segment(g, 1448, 54)").data[1]?.dataref == 0x0002_0003)
        #expect(r.after("kfree_skb(g)").data[1]?.dataref == 0x0002_0002)
        #expect(r.after("kfree_skb(segs[0])").data[1]?.dataref == 0x0001_0001)
    }

    /// `expand` under the shipped designs: the clone copies, so the rest is vanilla's.
    @Test(arguments: [Design.ubuf2011, .msgZerocopy2017])
    func expandUnderTheShippedDesigns(design: Design) {
        let r = DemoRun("expand", design: design)
        #expect(r.events("b = skb_clone(a)") == [
            .freePage(page: "p1"),
            .zerocopyCallback(ubuf: 1, fn: "tun_free", success: design == .ubuf2011 ? nil : false, via: .copy),
        ])
        let e = r.after("pskb_expand_head(a, 32, 0)")
        #expect(demoFrags(e.data[2], in: e) == ["k1 0 4096"] && e.data[1]?.dataref == 1)
        #expect(r.events("kfree_skb(a)") == [.freePage(page: "k1"), .freeHead(data: 2), .freeSkb(skb: 1)])
    }
}
