import Testing
import VizModel

@Suite struct TrimTests {
    /// a: 20 linear bytes (tailroom 108), frags p1, p2, p3 of 100 bytes each, frag_list [m (5 bytes)].
    static func intoFrags(_ len: Int) -> String {
        src("a = alloc_skb(100)",
            "skb_put(a, 20)",
            "p1 = alloc_page()",
            "p2 = alloc_page()",
            "p3 = alloc_page()",
            "skb_add_rx_frag(a, 0, p1, 0, 100)",
            "skb_add_rx_frag(a, 1, p2, 0, 100)",
            "skb_add_rx_frag(a, 2, p3, 0, 100)",
            "m = alloc_skb(10)",
            "skb_put(m, 5)",
            "skb_frag_list_add(a, m)",
            "pskb_trim(a, \(len))")
    }

    @Test func cutExactlyAtAFragEndKeepsItWhole() {
        let r = run(Self.intoFrags(220))
        #expect(line(r.state(11).skbs[1]!) == "s1 a users=1 cloned=0 nohdr=0 fclone=none len=325 data_len=305 room=0/20/108 d1 destructor=-")
        #expect(r.events(12) == ["free_page p3", "free_head d2", "free_skb s2"])
        #expect(lines(r.state(12)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=220 data_len=200 room=0/20/108 d1 destructor=-",
            "d1 size=128 dataref=0x1 frags=[p1+0:100,p2+0:100] list=[] orig=- destructor=-",
            "p1=1", "p2=1",
        ])
    }

    @Test func cutInsideAFragShortensIt() {
        let r = run(Self.intoFrags(170))
        #expect(r.events(12) == ["free_page p3", "free_head d2", "free_skb s2"])
        #expect(lines(r.state(12)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=170 data_len=150 room=0/20/108 d1 destructor=-",
            "d1 size=128 dataref=0x1 frags=[p1+0:100,p2+0:50] list=[] orig=- destructor=-",
            "p1=1", "p2=1",
        ])
    }

    @Test func cutAtTheEndOfTheLastFragDropsOnlyTheList() {
        let r = run(Self.intoFrags(320))
        #expect(r.events(12) == ["free_head d2", "free_skb s2"])
        #expect(lines(r.state(12)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=320 data_len=300 room=0/20/108 d1 destructor=-",
            "d1 size=128 dataref=0x1 frags=[p1+0:100,p2+0:100,p3+0:100] list=[] orig=- destructor=-",
            "p1=1", "p2=1", "p3=1",
        ])
    }

    @Test(arguments: [10, 20])
    func cutInTheLinearPartDropsEveryFrag(len: Int) {
        let r = run(Self.intoFrags(len))
        #expect(r.events(12) == ["free_page p1", "free_page p2", "free_page p3", "free_head d2", "free_skb s2"])
        #expect(lines(r.state(12)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=\(len) data_len=0 room=0/\(len)/\(128 - len) d1 destructor=-",
            "d1 size=128 dataref=0x1 frags=[] list=[] orig=- destructor=-",
        ])
    }

    @Test(arguments: [325, 1000])
    func nothingToTrim(len: Int) {
        let r = run(Self.intoFrags(len))
        #expect(r.state(12) == r.state(11))
        #expect(r.events(12) == [])
    }

    @Test func clonedSkbIsExpandedFirst() {
        let r = run(src(
            "a = alloc_skb(100)",
            "skb_put(a, 20)",
            "p1 = alloc_page()",
            "skb_add_rx_frag(a, 0, p1, 0, 100)",
            "b = skb_clone(a)",
            "pskb_trim(a, 50)"))
        #expect(r.events(6) == [])
        #expect(lines(r.state(6)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=50 data_len=30 room=0/20/108 d2 destructor=-",
            "s2 b users=1 cloned=1 nohdr=0 fclone=none len=120 data_len=100 room=0/20/108 d1 destructor=-",
            "d1 size=128 dataref=0x1 frags=[p1+0:100] list=[] orig=- destructor=-",
            "d2 size=128 dataref=0x1 frags=[p1+0:30] list=[] orig=- destructor=-",
            "p1=2",
        ])
    }

    @Test func linearOrSharedButNotClonedIsTrimmedInPlace() {
        let r = run(src(
            "a = alloc_skb(100)",
            "skb_put(a, 20)",
            "b = skb_clone(a)",
            "pskb_trim(a, 5)",               // linear: no expand even though cloned
            "c = alloc_skb(100)",
            "skb_put(c, 20)",
            "p1 = alloc_page()",
            "skb_add_rx_frag(c, 0, p1, 0, 100)",
            "skb_get(c)",
            "pskb_trim(c, 50)"))             // shared, not cloned: trimmed in place
        #expect(r.completed)
        #expect(line(r.state(4).skbs[1]!) == "s1 a users=1 cloned=1 nohdr=0 fclone=none len=5 data_len=0 room=0/5/123 d1 destructor=-")
        #expect(r.state(4).data.count == 1)
        #expect(lines(r.state(10)).filter { $0.hasPrefix("s3") || $0.hasPrefix("d2") } == [
            "s3 c users=2 cloned=0 nohdr=0 fclone=none len=50 data_len=30 room=0/20/108 d2 destructor=-",
            "d2 size=128 dataref=0x1 frags=[p1+0:30] list=[] orig=- destructor=-",
        ])
    }

    /// a: 20 linear bytes, frag p1 +0:100, frag_list [m1, m2, m3] of 50 bytes each; m2 shared.
    static func intoFragList(_ len: Int) -> String {
        src("a = alloc_skb(100)",
            "skb_put(a, 20)",
            "p1 = alloc_page()",
            "skb_add_rx_frag(a, 0, p1, 0, 100)",
            "m1 = alloc_skb(100)",
            "skb_put(m1, 50)",
            "m2 = alloc_skb(100)",
            "skb_put(m2, 50)",
            "m3 = alloc_skb(100)",
            "skb_put(m3, 50)",
            "skb_get(m2)",
            "skb_frag_list_add(a, m1)",
            "skb_frag_list_add(a, m2)",
            "skb_frag_list_add(a, m3)",
            "pskb_trim(a, \(len))",
            "x = alloc_skb(1)")
    }

    @Test func cutInASharedMemberClonesAndTrimsIt() {
        // m1 ends at 170 < 195: kept; m2 (shared) replaced by its clone s5, which holds the
        // cut: pskb_trim(s5, 25); m3 dropped.
        let r = run(Self.intoFragList(195))
        #expect(r.completed)
        #expect(r.events(15) == ["free_head d4", "free_skb s4"])
        #expect(lines(r.state(15)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=195 data_len=175 room=0/20/108 d1 destructor=-",
            "s2 m1 users=1 cloned=0 nohdr=0 fclone=none len=50 data_len=0 room=0/50/78 d2 destructor=-",
            "s3 m2 users=1 cloned=1 nohdr=0 fclone=none len=50 data_len=0 room=0/50/78 d3 destructor=-",
            "s5 - users=1 cloned=1 nohdr=0 fclone=none len=25 data_len=0 room=0/25/103 d3 destructor=-",
            "d1 size=128 dataref=0x1 frags=[p1+0:100] list=[s2,s5] orig=- destructor=-",
            "d2 size=128 dataref=0x1 frags=[] list=[] orig=- destructor=-",
            "d3 size=128 dataref=0x2 frags=[] list=[] orig=- destructor=-",
            "p1=1",
        ])
        #expect(r.state(16).skbs[6]?.data == 5)
        #expect(invariantViolations(r) == [])
    }

    @Test func memberEndingExactlyAtTheCutStaysWhole() {
        let r = run(Self.intoFragList(170))
        #expect(r.completed)
        // m2 is after the member holding the cut: not visited, so not cloned; the list's
        // reference to it is dropped (users 2 → 1), m3 is freed.
        #expect(r.events(15) == ["free_head d4", "free_skb s4"])
        #expect(lines(r.state(15)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=170 data_len=150 room=0/20/108 d1 destructor=-",
            "s2 m1 users=1 cloned=0 nohdr=0 fclone=none len=50 data_len=0 room=0/50/78 d2 destructor=-",
            "s3 m2 users=1 cloned=0 nohdr=0 fclone=none len=50 data_len=0 room=0/50/78 d3 destructor=-",
            "d1 size=128 dataref=0x1 frags=[p1+0:100] list=[s2] orig=- destructor=-",
            "d2 size=128 dataref=0x1 frags=[] list=[] orig=- destructor=-",
            "d3 size=128 dataref=0x1 frags=[] list=[] orig=- destructor=-",
            "p1=1",
        ])
        #expect(r.state(16).skbs[5]?.data == 5)
    }

    @Test func cutInTheFirstMember() {
        let r = run(Self.intoFragList(150))
        #expect(r.events(15) == ["free_head d4", "free_skb s4"])
        #expect(lines(r.state(15)).prefix(3) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=150 data_len=130 room=0/20/108 d1 destructor=-",
            "s2 m1 users=1 cloned=0 nohdr=0 fclone=none len=30 data_len=0 room=0/30/98 d2 destructor=-",
            "s3 m2 users=1 cloned=0 nohdr=0 fclone=none len=50 data_len=0 room=0/50/78 d3 destructor=-",
        ])
        #expect(r.state(15).data[1]?.fragList == [2])
    }

    @Test func listEndingBeforeTheCutStillReplacesSharedMembers() {
        let r = run(src(
            "a = alloc_skb(100)",
            "skb_put(a, 20)",
            "m = alloc_skb(100)",
            "skb_put(m, 50)",
            "skb_get(m)",
            "skb_frag_list_add(a, m)",
            "pskb_trim(m, 10)",              // a's lengths are not updated
            "pskb_trim(a, 60)"))
        #expect(r.completed)
        #expect(r.events(8) == [])
        #expect(lines(r.state(8)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=60 data_len=40 room=0/20/108 d1 destructor=-",
            "s2 m users=1 cloned=1 nohdr=0 fclone=none len=10 data_len=0 room=0/10/118 d2 destructor=-",
            "s3 - users=1 cloned=1 nohdr=0 fclone=none len=10 data_len=0 room=0/10/118 d2 destructor=-",
            "d1 size=128 dataref=0x1 frags=[] list=[s3] orig=- destructor=-",
            "d2 size=128 dataref=0x2 frags=[] list=[] orig=- destructor=-",
        ])
    }
}
