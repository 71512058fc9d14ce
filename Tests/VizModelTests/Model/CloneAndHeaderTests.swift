import Testing
import VizModel

@Suite struct CloneAndHeaderTests {
    @Test func allocAndLinearCalls() {
        let r = run(src(
            "a = alloc_skb(100)",       // SKB_DATA_ALIGN(100) = 128
            "skb_reserve(a, 32)",
            "skb_put(a, 40)",
            "skb_push(a, 12)",
            "skb_pull(a, 20)",
            "skb_pull(a, 33)",          // more than len: returns NULL, nothing changes
            "b = alloc_skb(0)",
            "c = alloc_skb(65)"))
        #expect(r.completed)
        #expect(lines(r.state(1)) == ["s1 a users=1 cloned=0 nohdr=0 fclone=none len=0 data_len=0 room=0/0/128 d1 destructor=-",
                                      "d1 size=128 dataref=0x1 frags=[] list=[] orig=- destructor=-"])
        #expect(line(r.state(2).skbs[1]!) == "s1 a users=1 cloned=0 nohdr=0 fclone=none len=0 data_len=0 room=32/0/96 d1 destructor=-")
        #expect(line(r.state(3).skbs[1]!) == "s1 a users=1 cloned=0 nohdr=0 fclone=none len=40 data_len=0 room=32/40/56 d1 destructor=-")
        #expect(line(r.state(4).skbs[1]!) == "s1 a users=1 cloned=0 nohdr=0 fclone=none len=52 data_len=0 room=20/52/56 d1 destructor=-")
        #expect(line(r.state(5).skbs[1]!) == "s1 a users=1 cloned=0 nohdr=0 fclone=none len=32 data_len=0 room=40/32/56 d1 destructor=-")
        #expect(r.state(6) == r.state(5))
        #expect(r.state(7).data[2]?.size == 0)
        #expect(r.state(8).data[3]?.size == 128)
        #expect(r.records.allSatisfy { r.events($0.op).isEmpty })
    }

    @Test func skbDestructorGetAndOrphan() {
        let r = run(src(
            "a = alloc_skb(10)",
            "skb_set_owner_w(a)",
            "skb_get(a)",
            "kfree_skb(a)",             // users 2 → 1: nothing happens
            "b = skb_clone(a)",         // the clone has no destructor
            "skb_orphan(a)",
            "skb_orphan(a)",            // nothing left to call
            "skb_set_owner_w(a)",
            "kfree_skb(a)",
            "kfree_skb(b)"))
        #expect(r.completed)
        #expect(line(r.state(3).skbs[1]!) == "s1 a users=2 cloned=0 nohdr=0 fclone=none len=0 data_len=0 room=0/0/64 d1 destructor=sock_wfree")
        #expect(r.events(4) == [])
        #expect(r.state(4).skbs[1]?.users == 1)
        #expect(r.state(5).skbs[2]?.destructor == nil)
        #expect(r.events(6) == ["skb_destructor s1 sock_wfree"])
        #expect(r.state(6).skbs[1]?.destructor == nil)
        #expect(r.events(7) == [])
        #expect(r.events(9) == ["skb_destructor s1 sock_wfree", "free_skb s1"])
        #expect(r.state(9).data[1]?.dataref == 1)
        #expect(r.events(10) == ["free_head d1", "free_skb s2"])
    }

    @Test func fcloneOrigReleasedFirst() {
        let r = run(src(
            "a = alloc_skb_fclone(100)",
            "b = skb_clone(a)",
            "kfree_skb(a)",
            "c = alloc_skb(10)",
            "kfree_skb(b)",
            "kfree_skb(c)"))
        #expect(r.completed)
        #expect(lines(r.state(1)) == ["s1 a users=1 cloned=0 nohdr=0 fclone=orig/1 len=0 data_len=0 room=0/0/128 d1 destructor=-",
                                      "d1 size=128 dataref=0x1 frags=[] list=[] orig=- destructor=-"])
        #expect(lines(r.state(2)) == ["s1 a users=1 cloned=1 nohdr=0 fclone=orig/2 len=0 data_len=0 room=0/0/128 d1 destructor=-",
                                      "s2 b users=1 cloned=1 nohdr=0 fclone=clone len=0 data_len=0 room=0/0/128 d1 destructor=-",
                                      "d1 size=128 dataref=0x2 frags=[] list=[] orig=- destructor=-"])
        #expect(r.events(3) == ["free_skb s1"])
        #expect(lines(r.state(3)) == ["s2 b users=1 cloned=1 nohdr=0 fclone=clone len=0 data_len=0 room=0/0/128 d1 destructor=-",
                                      "d1 size=128 dataref=0x1 frags=[] list=[] orig=- destructor=-"])
        #expect(r.state(4).skbs[3] != nil && r.state(4).data[2] != nil)
        #expect(r.events(5) == ["free_head d1", "free_skb s2"])
        #expect(r.events(6) == ["free_head d2", "free_skb s3"])
        #expect(lines(r.final) == [])
    }

    @Test func fcloneCloneReleasedFirstThenReused() {
        let r = run(src(
            "a = alloc_skb_fclone(100)",
            "b = skb_clone(a)",
            "kfree_skb(b)",
            "c = skb_clone(a)",          // the companion again, under a new id
            "d = skb_clone(a)",          // companion busy: plain struct
            "kfree_skb(c)",
            "kfree_skb(d)",
            "kfree_skb(a)"))
        #expect(r.completed)
        #expect(r.events(3) == ["free_skb s2"])
        #expect(lines(r.state(3)) == ["s1 a users=1 cloned=1 nohdr=0 fclone=orig/1 len=0 data_len=0 room=0/0/128 d1 destructor=-",
                                      "d1 size=128 dataref=0x1 frags=[] list=[] orig=- destructor=-"])
        #expect(line(r.state(4).skbs[3]!) == "s3 c users=1 cloned=1 nohdr=0 fclone=clone len=0 data_len=0 room=0/0/128 d1 destructor=-")
        #expect(r.state(4).skbs[1]?.fcloneRef == 2)
        #expect(r.state(4).data[1]?.dataref == 2)
        #expect(r.state(5).skbs[4]?.fclone == FcloneKind.none)
        #expect(r.state(5).skbs[1]?.fcloneRef == 2)
        #expect(r.state(5).data[1]?.dataref == 3)
        #expect(r.events(6) == ["free_skb s3"])
        #expect(r.state(6).skbs[1]?.fcloneRef == 1)
        #expect(r.events(7) == ["free_skb s4"])
        #expect(r.state(7).data[1]?.dataref == 1)
        // a is still marked cloned: it counts dataref down to 0 and frees the head.
        #expect(r.events(8) == ["free_head d1", "free_skb s1"])
        #expect(r.state(7).skbs[1]?.cloned == true)
    }

    @Test func freedCompanionIsAUseAfterFree() {
        let r = run(src(
            "a = alloc_skb_fclone(100)",
            "b = skb_clone(a)",
            "kfree_skb(b)",
            "c = skb_clone(a)",
            "skb_get(b)"))
        #expect(r.failure?.op == 5)
        #expect(r.failure?.line == 5 && r.failure?.column == 9)
        #expect(r.failure?.message == "use after free: b (s2) was freed at line 3 by kfree_skb(b)")
    }

    static let headerSource = src(
        "a = alloc_skb(200)",
        "skb_reserve(a, 64)",
        "skb_put(a, 100)",
        "set_data_destructor(a, zc)",
        "skb_header_release(a)",
        "b = skb_clone(a)",
        "pskb_expand_head(a, 0, 0)",
        "kfree_skb(b)",
        "kfree_skb(a)")

    @Test func headerReleaseCloneExpandOrigChain() {
        let r = run(Self.headerSource, design: .origChain)
        #expect(r.completed)
        #expect(lines(r.state(5)) == ["s1 a users=1 cloned=0 nohdr=1 fclone=none len=100 data_len=0 room=64/100/92 d1 destructor=-",
                                      "d1 size=256 dataref=0x10001 frags=[] list=[] orig=- destructor=zc"])
        #expect(lines(r.state(6)) == ["s1 a users=1 cloned=1 nohdr=1 fclone=none len=100 data_len=0 room=64/100/92 d1 destructor=-",
                                      "s2 b users=1 cloned=1 nohdr=0 fclone=none len=100 data_len=0 room=64/100/92 d1 destructor=-",
                                      "d1 size=256 dataref=0x10002 frags=[] list=[] orig=- destructor=zc"])
        // Parent reference: 0x10002 + 0x10001 = 0x20003; then a's nohdr reference: − 0x10001.
        #expect(lines(r.state(7)) == ["s1 a users=1 cloned=0 nohdr=0 fclone=none len=100 data_len=0 room=64/100/92 d2 destructor=-",
                                      "s2 b users=1 cloned=1 nohdr=0 fclone=none len=100 data_len=0 room=64/100/92 d1 destructor=-",
                                      "d1 size=256 dataref=0x10002 frags=[] list=[] orig=- destructor=zc",
                                      "d2 size=256 dataref=0x1 frags=[] list=[] orig=d1 destructor=-"])
        #expect(r.events(7) == [])
        #expect(r.events(8) == ["free_skb s2"])
        #expect(r.state(8).data[1]?.dataref == 0x10001)
        #expect(r.events(9) == ["free_head d2", "data_destructor d1 zc", "free_head d1", "free_skb s1"])
    }

    @Test func headerReleaseCloneExpandNaive() {
        let r = run(Self.headerSource, design: .naive)
        #expect(r.completed)
        #expect(lines(r.state(7)) == ["s1 a users=1 cloned=0 nohdr=0 fclone=none len=100 data_len=0 room=64/100/92 d2 destructor=-",
                                      "s2 b users=1 cloned=1 nohdr=0 fclone=none len=100 data_len=0 room=64/100/92 d1 destructor=-",
                                      "d1 size=256 dataref=0x1 frags=[] list=[] orig=- destructor=zc",
                                      "d2 size=256 dataref=0x1 frags=[] list=[] orig=- destructor=-"])
        #expect(r.outcomes(8) == ["data_destructor d1 zc", "free_head d1", "free_skb s2"])
        #expect(r.events(9) == ["free_head d2", "free_skb s1"])
    }

    @Test func headerReleaseCloneExpandVanilla() {
        let r = run(Self.headerSource, design: .vanilla)
        #expect(r.completed)
        #expect(r.state(4) == r.state(3))      // no destructor field in vanilla
        #expect(lines(r.state(7)) == ["s1 a users=1 cloned=0 nohdr=0 fclone=none len=100 data_len=0 room=64/100/92 d2 destructor=-",
                                      "s2 b users=1 cloned=1 nohdr=0 fclone=none len=100 data_len=0 room=64/100/92 d1 destructor=-",
                                      "d1 size=256 dataref=0x1 frags=[] list=[] orig=- destructor=-",
                                      "d2 size=256 dataref=0x1 frags=[] list=[] orig=- destructor=-"])
        #expect(r.events(8) == ["free_head d1", "free_skb s2"])
        #expect(r.events(9) == ["free_head d2", "free_skb s1"])
    }

    @Test func expandKeepsFragsAndFragListReferences() {
        // nhead 16, ntail 40: SKB_DATA_ALIGN(16 + 128 + 40) = 192.
        let r = run(src(
            "a = alloc_skb(100)",
            "skb_reserve(a, 8)",
            "skb_put(a, 20)",
            "p = alloc_page()",
            "skb_add_rx_frag(a, 0, p, 10, 30)",
            "m = alloc_skb(10)",
            "skb_put(m, 5)",
            "skb_frag_list_add(a, m)",
            "pskb_expand_head(a, 16, 40)",
            "kfree_skb(a)"), design: .vanilla)
        #expect(r.completed)
        #expect(lines(r.state(9)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=55 data_len=35 room=24/20/148 d3 destructor=-",
            "s2 m users=1 cloned=0 nohdr=0 fclone=none len=5 data_len=0 room=0/5/59 d2 destructor=-",
            "d2 size=64 dataref=0x1 frags=[] list=[] orig=- destructor=-",
            "d3 size=192 dataref=0x1 frags=[p+10:30] list=[s2] orig=- destructor=-",
            "p=1",
        ])
        // The old buffer is freed outright (a not cloned): its page and list references go.
        #expect(r.events(9) == ["free_head d1"])
        #expect(r.events(10) == ["free_page p", "free_head d2", "free_skb s2", "free_head d3", "free_skb s1"])
    }
}
