import Testing
import VizModel

@Suite struct SplitTests {
    static let insideHeader = src(
        "a = alloc_skb(200)",
        "skb_reserve(a, 16)",
        "skb_put(a, 100)",
        "p1 = alloc_page()",
        "skb_add_rx_frag(a, 0, p1, 0, 500)",
        "set_data_destructor(a, zc)",
        "b = alloc_skb(200)",
        "skb_split(a, b, 40)")

    @Test(arguments: Design.of2008)
    func insideTheHeader(design: Design) {
        let r = run(Self.insideHeader, design: design)
        #expect(r.completed)
        #expect(r.events(8) == [])
        let chain = design == .origChain
        let dtor = design == .vanilla ? "-" : "zc"
        #expect(lines(r.state(8)) == [
            "s1 a users=1 cloned=\(chain ? 1 : 0) nohdr=0 fclone=none len=40 data_len=0 room=16/40/200 d1 destructor=-",
            "s2 b users=1 cloned=0 nohdr=0 fclone=none len=560 data_len=500 room=0/60/196 d2 destructor=-",
            "d1 size=256 dataref=0x\(chain ? "10002" : "1") frags=[] list=[] orig=- destructor=\(dtor)",
            "d2 size=256 dataref=0x1 frags=[p1+0:500] list=[] orig=\(chain ? "d1" : "-") destructor=-",
            "p1=1",
        ])
    }

    static let straddling = src(
        "a = alloc_skb(100)",
        "skb_put(a, 50)",
        "p1 = alloc_page()",
        "p2 = alloc_page()",
        "p3 = alloc_page()",
        "skb_add_rx_frag(a, 0, p1, 0, 100)",
        "skb_add_rx_frag(a, 1, p2, 200, 100)",
        "skb_add_rx_frag(a, 2, p3, 0, 100)",
        "set_data_destructor(a, zc)",
        "b = alloc_skb(0)",
        "skb_split(a, b, 200)",
        "kfree_skb(a)",
        "kfree_skb(b)")

    static func straddlingState(_ design: Design) -> [String] {
        let chain = design == .origChain
        return [
            "s1 a users=1 cloned=\(chain ? 1 : 0) nohdr=0 fclone=none len=200 data_len=150 room=0/50/78 d1 destructor=-",
            "s2 b users=1 cloned=0 nohdr=0 fclone=none len=150 data_len=150 room=0/0/0 d2 destructor=-",
            "d1 size=128 dataref=0x\(chain ? "10002" : "1") frags=[p1+0:100,p2+200:50] list=[] orig=- destructor=\(design == .vanilla ? "-" : "zc")",
            "d2 size=0 dataref=0x1 frags=[p2+250:50,p3+0:100] list=[] orig=\(chain ? "d1" : "-") destructor=-",
            "p1=1", "p2=2", "p3=1",
        ]
    }

    @Test func acrossAStraddlingFragOrigChain() {
        let r = run(Self.straddling, design: .origChain)
        #expect(r.completed)
        #expect(lines(r.state(11)) == Self.straddlingState(.origChain))
        #expect(r.events(12) == ["free_skb s1"])
        #expect(r.state(12).data[1]?.dataref == 0x10001)
        #expect(r.outcomes(13) == ["free_page p3", "free_head d2", "free_page p1", "free_page p2",
                                   "data_destructor d1 zc", "free_head d1", "free_skb s2"])
    }

    @Test func acrossAStraddlingFragNaive() {
        let r = run(Self.straddling, design: .naive)
        #expect(lines(r.state(11)) == Self.straddlingState(.naive))
        #expect(r.outcomes(12) == [
            "free_page p1", "data_destructor d1 zc",
            "! premature_destructor data=d1 page=p2 holder=d2 frag=0",
            "! premature_destructor data=d1 page=p3 holder=d2 frag=1",
            "free_head d1", "free_skb s1",
        ])
        #expect(r.outcomes(13) == ["free_page p2", "free_page p3", "free_head d2", "free_skb s2"])
    }

    @Test func acrossAStraddlingFragVanilla() {
        let r = run(Self.straddling, design: .vanilla)
        #expect(lines(r.state(11)) == Self.straddlingState(.vanilla))
        #expect(r.events(12) == ["free_page p1", "free_head d1", "free_skb s1"])
        #expect(r.events(13) == ["free_page p2", "free_page p3", "free_head d2", "free_skb s2"])
    }

    @Test func cutAtAFragBoundaryTakesNoPageReference() {
        let r = run(src(
            "a = alloc_skb(100)",
            "skb_put(a, 50)",
            "p1 = alloc_page()",
            "p2 = alloc_page()",
            "skb_add_rx_frag(a, 0, p1, 0, 100)",
            "skb_add_rx_frag(a, 1, p2, 0, 100)",
            "b = alloc_skb(0)",
            "skb_split(a, b, 150)"))
        #expect(lines(r.state(8)).suffix(4) == [
            "d1 size=128 dataref=0x1 frags=[p1+0:100] list=[] orig=- destructor=-",
            "d2 size=0 dataref=0x1 frags=[p2+0:100] list=[] orig=- destructor=-",
            "p1=1", "p2=1",
        ])
        #expect(r.state(8).skbs[1]?.dataLen == 100)
        #expect(r.state(8).skbs[2]?.len == 100)
    }
}

@Suite struct SegmentTests {
    /// 14 header bytes before data, 30 linear payload bytes, frags p1 +0:1000 and p2 +0:500.
    static let source = src(
        "a = alloc_skb(100)",
        "skb_reserve(a, 64)",
        "skb_put(a, 44)",
        "skb_pull(a, 14)",
        "p1 = alloc_page()",
        "p2 = alloc_page()",
        "skb_add_rx_frag(a, 0, p1, 0, 1000)",
        "skb_add_rx_frag(a, 1, p2, 0, 500)",
        "set_data_destructor(a, zc)",
        "g = skb_segment(a, 600, 14)",
        "kfree_skb(a)",
        "kfree_skb(g[0])",
        "kfree_skb(g[1])",
        "kfree_skb(g[2])")

    @Test(arguments: Design.of2008)
    func aFragSpanningTwoSegments(design: Design) {
        let r = run(Self.source, design: design)
        #expect(r.completed)
        #expect(line(r.state(9).skbs[1]!) == "s1 a users=1 cloned=0 nohdr=0 fclone=none len=1530 data_len=1500 room=78/30/20 d1 destructor=-")
        #expect(r.events(10) == [])
        let chain = design == .origChain
        let orig = chain ? "d1" : "-"
        #expect(lines(r.state(10)) == [
            "s1 a users=1 cloned=\(chain ? 1 : 0) nohdr=0 fclone=none len=1544 data_len=1500 room=64/44/20 d1 destructor=-",
            "s2 g[0] users=1 cloned=0 nohdr=0 fclone=none len=614 data_len=570 room=64/44/20 d2 destructor=-",
            "s3 g[1] users=1 cloned=0 nohdr=0 fclone=none len=614 data_len=600 room=64/14/50 d3 destructor=-",
            "s4 g[2] users=1 cloned=0 nohdr=0 fclone=none len=344 data_len=330 room=64/14/50 d4 destructor=-",
            "d1 size=128 dataref=0x\(chain ? "30004" : "1") frags=[p1+0:1000,p2+0:500] list=[] orig=- destructor=\(design == .vanilla ? "-" : "zc")",
            "d2 size=128 dataref=0x1 frags=[p1+0:570] list=[] orig=\(orig) destructor=-",
            "d3 size=128 dataref=0x1 frags=[p1+570:430,p2+0:170] list=[] orig=\(orig) destructor=-",
            "d4 size=128 dataref=0x1 frags=[p2+170:330] list=[] orig=\(orig) destructor=-",
            "p1=3", "p2=3",
        ])
        #expect(r.state(10).bindings["g"] == .list([2, 3, 4]))
        if chain {
            #expect(r.events(11) == ["free_skb s1"])
            #expect(r.state(11).data[1]?.dataref == 0x30003)
            #expect(r.events(12) == ["free_head d2", "free_skb s2"])
            #expect(r.state(12).data[1]?.dataref == 0x20002)
            #expect(r.events(13) == ["free_head d3", "free_skb s3"])
            #expect(r.events(14) == ["free_head d4", "free_page p1", "free_page p2", "data_destructor d1 zc", "free_head d1", "free_skb s4"])
        } else {
            #expect(r.events(11) == (design == .naive
                ? ["data_destructor d1 zc", "free_head d1", "free_skb s1"]
                : ["free_head d1", "free_skb s1"]))
            if design == .naive {
                #expect(r.violations(11).map { fieldText($0.fields[2].1) + "/" + fieldText($0.fields[3].1) } == ["d2/0", "d3/0", "d3/1", "d4/0"])
            }
            #expect(r.events(12) == ["free_head d2", "free_skb s2"])
            #expect(r.events(13) == ["free_page p1", "free_head d3", "free_skb s3"])
            #expect(r.events(14) == ["free_page p2", "free_head d4", "free_skb s4"])
        }
        #expect(lines(r.final) == [])
    }

    @Test func emptySkbGivesOneSegment() {
        let r = run(src("a = alloc_skb(10)", "g = skb_segment(a, 100, 0)"), design: .vanilla)
        #expect(r.completed)
        #expect(lines(r.state(2)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=0 data_len=0 room=0/0/64 d1 destructor=-",
            "s2 g[0] users=1 cloned=0 nohdr=0 fclone=none len=0 data_len=0 room=0/0/0 d2 destructor=-",
            "d1 size=64 dataref=0x1 frags=[] list=[] orig=- destructor=-",
            "d2 size=0 dataref=0x1 frags=[] list=[] orig=- destructor=-",
        ])
    }

    @Test func unboundSegmentsHaveNoNameAndLeak() {
        let r = run(src("a = alloc_skb(100)", "skb_put(a, 100)", "skb_segment(a, 60, 0)", "kfree_skb(a)"))
        #expect(r.completed)
        #expect(r.state(3).skbs[2]?.name == nil && r.state(3).skbs[3]?.name == nil)
        #expect(r.state(3).skbs[2]?.len == 60 && r.state(3).skbs[3]?.len == 40)
        #expect(Checker.leaks(in: r.final).map { $0.fields[0].0 + "=" + fieldText($0.fields[0].1) } == ["skb=s2", "skb=s3", "data=d2", "data=d3"])
    }
}

@Suite struct CopyTests {
    @Test(arguments: Design.of2008)
    func skbCopyIsLinearAndPrivate(design: Design) {
        let r = run(src(
            "a = alloc_skb(100)",
            "skb_reserve(a, 16)",
            "skb_put(a, 30)",
            "p1 = alloc_page()",
            "skb_add_rx_frag(a, 0, p1, 0, 1000)",
            "m = alloc_skb(10)",
            "skb_put(m, 7)",
            "skb_frag_list_add(a, m)",
            "skb_set_owner_w(a)",
            "set_data_destructor(a, zc)",
            "c = skb_copy(a)"), design: design)
        #expect(r.completed)
        #expect(r.events(11) == [])
        // SKB_DATA_ALIGN(128 + 1007) = 1152; tailroom 1152 − 16 − 1037 = 99.
        #expect(line(r.state(11).skbs[3]!) == "s3 c users=1 cloned=0 nohdr=0 fclone=none len=1037 data_len=0 room=16/1037/99 d3 destructor=-")
        #expect(line(r.state(11).data[3]!, in: r.state(11)) == "d3 size=1152 dataref=0x1 frags=[] list=[] orig=- destructor=-")
        var before = r.state(10)
        before.skbs[3] = nil; before.data[3] = nil
        var after = r.state(11)
        after.skbs[3] = nil; after.data[3] = nil; after.bind("c", to: nil)
        #expect(after.skbs == before.skbs && after.data == before.data && after.pages == before.pages)
    }

    static let pskbCopyFragList = src(
        "a = alloc_skb(100)",
        "skb_reserve(a, 10)",
        "skb_put(a, 20)",
        "m = alloc_skb(50)",
        "skb_put(m, 30)",
        "skb_frag_list_add(a, m)",
        "set_data_destructor(a, zc)",
        "skb_set_owner_w(a)",
        "c = pskb_copy(a)",
        "kfree_skb(a)",
        "kfree_skb(c)")

    @Test(arguments: Design.of2008)
    func pskbCopyWithAFragListTakesNoParentReference(design: Design) {
        let r = run(Self.pskbCopyFragList, design: design)
        #expect(r.completed)
        let dtor = design == .vanilla ? "-" : "zc"
        #expect(lines(r.state(9)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=50 data_len=30 room=10/20/98 d1 destructor=sock_wfree",
            "s2 m users=2 cloned=0 nohdr=0 fclone=none len=30 data_len=0 room=0/30/34 d2 destructor=-",
            "s3 c users=1 cloned=0 nohdr=0 fclone=none len=50 data_len=30 room=10/20/98 d3 destructor=-",
            "d1 size=128 dataref=0x1 frags=[] list=[s2] orig=- destructor=\(dtor)",
            "d2 size=64 dataref=0x1 frags=[] list=[] orig=- destructor=-",
            "d3 size=128 dataref=0x1 frags=[] list=[s2] orig=- destructor=-",
        ])
        #expect(r.events(9) == [])
        #expect(r.outcomes(10) == ["skb_destructor s1 sock_wfree"]
                + (design == .vanilla ? ["free_head d1"] : ["data_destructor d1 zc", "free_head d1"]) + ["free_skb s1"])
        #expect(r.state(10).skbs[2]?.users == 1)
        #expect(r.events(11) == ["free_head d2", "free_skb s2", "free_head d3", "free_skb s3"])
    }

    @Test(arguments: Design.of2008)
    func pskbCopyWithFragsSharesPages(design: Design) {
        let r = run(src(
            "a = alloc_skb(100)",
            "skb_put(a, 20)",
            "p1 = alloc_page()",
            "skb_add_rx_frag(a, 0, p1, 5, 100)",
            "set_data_destructor(a, zc)",
            "c = pskb_copy(a)"), design: design)
        let chain = design == .origChain
        #expect(lines(r.state(6)) == [
            "s1 a users=1 cloned=\(chain ? 1 : 0) nohdr=0 fclone=none len=120 data_len=100 room=0/20/108 d1 destructor=-",
            "s2 c users=1 cloned=0 nohdr=0 fclone=none len=120 data_len=100 room=0/20/108 d2 destructor=-",
            "d1 size=128 dataref=0x\(chain ? "10002" : "1") frags=[p1+5:100] list=[] orig=- destructor=\(design == .vanilla ? "-" : "zc")",
            "d2 size=128 dataref=0x1 frags=[p1+5:100] list=[] orig=\(chain ? "d1" : "-") destructor=-",
            "p1=2",
        ])
    }
}

/// Releasing a buffer: `skb_release_data` puts each frag's page but leaves the slots in place
/// until the head is freed, as the kernel does.
@Suite struct ReleaseTests {
    /// The original skb, with its destructor set only after a copy took its frag, goes on the
    /// copy's own `frag_list`: freeing the copy puts its frag, then drops the list, and the
    /// original's destructor fires while the copy's buffer, its head not yet freed, still has
    /// the slot copied out of it.
    static let destructorDuringFragListDrop = src(
        "x = alloc_skb(64)",
        "p = alloc_page()",
        "skb_add_rx_frag(x, 0, p, 0, 100)",
        "k = pskb_copy(x)",
        "set_data_destructor(x, tun_free)",
        "skb_frag_list_add(k, x)",
        "kfree_skb(k)")

    @Test(arguments: [Design.naive, .origChain])
    func aSlotWhosePageWasPutStillCounts(design: Design) {
        let r = run(Self.destructorDuringFragListDrop, design: design)
        #expect(r.completed)
        #expect(r.outcomes(7) == [
            "free_page p", "data_destructor d1 tun_free",
            "! premature_destructor data=d1 page=p holder=d2 frag=0",
            "free_head d1", "free_skb s1", "free_head d2", "free_skb s2",
        ])
        #expect(invariantViolations(r) == [])
        // The put_page step leaves d2's slot in place, owning no reference; nr_frags stays 1.
        guard case .page(let p)? = r.final.bindings["p"] else { Issue.record("p names no page"); return }
        let put = r.records[6].steps.first { $0.events.contains(.freePage(page: "p")) == false && $0.deltas.contains { $0.key == .page(p) } }
        let d2 = put?.deltas.first { $0.key == .data(2) }?.after
        guard case .data(let b)? = d2 else { Issue.record("no d2 change at the put_page step"); return }
        #expect(b.nrFrags == 1 && b.frags[0].page == p && !b.frags[0].owned)
        #expect(put?.changes(in: r.final).contains { $0.path.hasPrefix("d2.") } == false, "the trace's fields of d2 do not change")
    }

    @Test func vanillaHasNoDestructorToFire() {
        let r = run(Self.destructorDuringFragListDrop, design: .vanilla)
        #expect(r.outcomes(7) == ["free_page p", "free_head d1", "free_skb s1", "free_head d2", "free_skb s2"])
    }
}
