import Testing
import VizModel

@Suite struct PullTailTests {
    /// a: 64 headroom, 20 linear bytes, 940 tailroom; frags p1 +0:100, p2 +100:200, p3 +0:300.
    static let threeFrags = [
        "a = alloc_skb(1000)",
        "skb_reserve(a, 64)",
        "skb_put(a, 20)",
        "p1 = alloc_page()",
        "p2 = alloc_page()",
        "p3 = alloc_page()",
        "skb_add_rx_frag(a, 0, p1, 0, 100)",
        "skb_add_rx_frag(a, 1, p2, 100, 200)",
        "skb_add_rx_frag(a, 2, p3, 0, 300)",
    ]

    @Test(arguments: Design.of2008)
    func acrossFragsWithoutExpand(design: Design) {
        let r = run((Self.threeFrags + ["__pskb_pull_tail(a, 150)", "x = alloc_skb(1)"]).joined(separator: "\n"), design: design)
        #expect(r.completed)
        #expect(line(r.state(9).skbs[1]!) == "s1 a users=1 cloned=0 nohdr=0 fclone=none len=620 data_len=600 room=64/20/940 d1 destructor=-")
        #expect(r.events(10) == ["free_page p1"])
        #expect(lines(r.state(10)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=620 data_len=450 room=64/170/790 d1 destructor=-",
            "d1 size=1024 dataref=0x1 frags=[p2+150:150,p3+0:300] list=[] orig=- destructor=-",
            "p2=1", "p3=1",
        ])
        // No buffer was allocated: the next skb is s2 on d2.
        #expect(r.state(11).skbs[2]?.data == 2)
    }

    @Test func deltaZeroOnlyChecksRoom() {
        let r = run((Self.threeFrags + ["__pskb_pull_tail(a, 0)"]).joined(separator: "\n"))
        #expect(r.completed)
        #expect(r.state(10) == r.state(9))
        #expect(r.events(10) == [])
    }

    @Test func withExpandWhenTheTailroomIsShort() {
        // eat = 50 − 12 = 38 > 0: pskb_expand_head(a, 0, 166): SKB_DATA_ALIGN(128 + 166) = 320.
        let r = run(src(
            "a = alloc_skb(100)",
            "skb_reserve(a, 16)",
            "skb_put(a, 100)",
            "p1 = alloc_page()",
            "get_page(p1)",
            "skb_add_rx_frag(a, 0, p1, 0, 1000)",
            "__pskb_pull_tail(a, 50)",
            "b = alloc_skb(1)"))
        #expect(r.completed)
        #expect(r.events(7) == ["free_head d1"])
        #expect(lines(r.state(7)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=1100 data_len=950 room=16/150/154 d2 destructor=-",
            "d2 size=320 dataref=0x1 frags=[p1+50:950] list=[] orig=- destructor=-",
            "p1=2",
        ])
        #expect(r.state(7).page(named: "p1")?.held == 1)
        #expect(r.state(8).skbs[2]?.data == 3)
    }

    @Test(arguments: Design.of2008)
    func clonedSkbIsExpandedFirst(design: Design) {
        let r = run(src(
            "a = alloc_skb(1000)",
            "skb_reserve(a, 64)",
            "skb_put(a, 20)",
            "p1 = alloc_page()",
            "skb_add_rx_frag(a, 0, p1, 0, 100)",
            "b = skb_clone(a)",
            "__pskb_pull_tail(a, 30)"), design: design)
        #expect(r.completed)
        #expect(r.events(7) == [])
        #expect(lines(r.state(7)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=120 data_len=70 room=64/50/910 d2 destructor=-",
            "s2 b users=1 cloned=1 nohdr=0 fclone=none len=120 data_len=100 room=64/20/940 d1 destructor=-",
            "d1 size=1024 dataref=0x1 frags=[p1+0:100] list=[] orig=- destructor=-",
            "d2 size=1024 dataref=0x1 frags=[p1+30:70] list=[] orig=- destructor=-",
            "p1=2",
        ])
    }

    /// a: 10 linear bytes, frag p1 +0:100, frag_list [m1 (40 bytes), m2 (60 bytes)].
    static func fragListSource(sharedM2: Bool) -> String {
        ([
            "a = alloc_skb(1000)",
            "skb_put(a, 10)",
            "p1 = alloc_page()",
            "skb_add_rx_frag(a, 0, p1, 0, 100)",
            "m1 = alloc_skb(100)",
            "skb_put(m1, 40)",
            "m2 = alloc_skb(100)",
            "skb_put(m2, 60)",
        ] + (sharedM2 ? ["skb_get(m2)"] : []) + [
            "skb_frag_list_add(a, m1)",
            "skb_frag_list_add(a, m2)",
            "__pskb_pull_tail(a, 170)",
            "x = alloc_skb(1)",
        ]).joined(separator: "\n")
    }

    @Test func intoASharedFragListMember() {
        // rest = 170 − 100 = 70: m1 (40) eaten whole, m2 (60 > 30) shared: cloned to s4, which
        // loses 30 bytes; then m1 and the list's reference to m2 are freed, s4 goes to the head.
        let r = run(Self.fragListSource(sharedM2: true))
        #expect(r.completed)
        #expect(line(r.state(11).skbs[1]!) == "s1 a users=1 cloned=0 nohdr=0 fclone=none len=210 data_len=200 room=0/10/1014 d1 destructor=-")
        #expect(r.events(12) == ["free_head d2", "free_skb s2", "free_page p1"])
        #expect(lines(r.state(12)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=210 data_len=30 room=0/180/844 d1 destructor=-",
            "s3 m2 users=1 cloned=1 nohdr=0 fclone=none len=60 data_len=0 room=0/60/68 d3 destructor=-",
            "s4 - users=1 cloned=1 nohdr=0 fclone=none len=30 data_len=0 room=30/30/68 d3 destructor=-",
            "d1 size=1024 dataref=0x1 frags=[] list=[s4] orig=- destructor=-",
            "d3 size=128 dataref=0x2 frags=[] list=[] orig=- destructor=-",
        ])
        #expect(r.state(13).skbs[5]?.data == 4)
        #expect(invariantViolations(r) == [])
    }

    @Test func intoAnUnsharedFragListMember() {
        let r = run(Self.fragListSource(sharedM2: false))
        #expect(r.completed)
        #expect(r.events(11) == ["free_head d2", "free_skb s2", "free_page p1"])
        #expect(lines(r.state(11)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=210 data_len=30 room=0/180/844 d1 destructor=-",
            "s3 m2 users=1 cloned=0 nohdr=0 fclone=none len=30 data_len=0 room=30/30/68 d3 destructor=-",
            "d1 size=1024 dataref=0x1 frags=[] list=[s3] orig=- destructor=-",
            "d3 size=128 dataref=0x1 frags=[] list=[] orig=- destructor=-",
        ])
        // No clone was made: the next skb is s4.
        #expect(r.state(12).skbs[4] != nil)
    }

    @Test func mayPullPullAndLinearize() {
        let base = Self.threeFrags
        let r = run((base + [
            "pskb_may_pull(a, 20)",      // already linear
            "pskb_may_pull(a, 621)",     // more than len: false, nothing
            "pskb_may_pull(a, 70)",      // __pskb_pull_tail(a, 50)
            "pskb_pull(a, 100)",         // __pskb_pull_tail(a, 30), then pull 100
            "pskb_pull(a, 1000)",        // more than len: NULL, nothing
            "skb_linearize(a)",
            "skb_linearize(a)",
        ]).joined(separator: "\n"))
        #expect(r.completed)
        #expect(r.state(10) == r.state(9))
        #expect(r.state(11) == r.state(10))
        #expect(lines(r.state(12)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=620 data_len=550 room=64/70/890 d1 destructor=-",
            "d1 size=1024 dataref=0x1 frags=[p1+50:50,p2+100:200,p3+0:300] list=[] orig=- destructor=-",
            "p1=1", "p2=1", "p3=1",
        ])
        #expect(r.events(13) == [])
        #expect(lines(r.state(13)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=520 data_len=520 room=164/0/860 d1 destructor=-",
            "d1 size=1024 dataref=0x1 frags=[p1+80:20,p2+100:200,p3+0:300] list=[] orig=- destructor=-",
            "p1=1", "p2=1", "p3=1",
        ])
        #expect(r.state(14) == r.state(13))
        #expect(r.events(15) == ["free_page p1", "free_page p2", "free_page p3"])
        #expect(lines(r.state(15)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=520 data_len=0 room=164/520/340 d1 destructor=-",
            "d1 size=1024 dataref=0x1 frags=[] list=[] orig=- destructor=-",
        ])
        #expect(r.state(16) == r.state(15))
    }
    /// a: 10 linear bytes, no frags; members m1 (40 bytes), z (empty), m2 (60 bytes) added in `order`.
    static func zeroLengthSource(order: [String], delta: Int) -> String {
        (["a = alloc_skb(1000)", "skb_put(a, 10)", "m1 = alloc_skb(100)", "skb_put(m1, 40)", "z = alloc_skb(10)",
          "m2 = alloc_skb(100)", "skb_put(m2, 60)"]
         + order.map { "skb_frag_list_add(a, \($0))" } + ["__pskb_pull_tail(a, \(delta))"]).joined(separator: "\n")
    }

    @Test func zeroLengthMemberRightAfterTheEatenOnesStays() {
        let r = run(Self.zeroLengthSource(order: ["m1", "z", "m2"], delta: 40))
        #expect(r.completed)
        #expect(r.events(11) == ["free_head d2", "free_skb s2"])
        #expect(line(r.state(11).skbs[1]!) == "s1 a users=1 cloned=0 nohdr=0 fclone=none len=110 data_len=60 room=0/50/974 d1 destructor=-")
        #expect(r.state(11).data[1]?.fragList == [3, 4])
    }

    @Test func zeroLengthMemberMetWhileBytesRemainIsEaten() {
        let r = run(Self.zeroLengthSource(order: ["z", "m1", "m2"], delta: 20))
        #expect(r.completed)
        #expect(r.events(11) == ["free_head d3", "free_skb s3"])
        #expect(line(r.state(11).skbs[1]!) == "s1 a users=1 cloned=0 nohdr=0 fclone=none len=110 data_len=80 room=0/30/994 d1 destructor=-")
        #expect(line(r.state(11).skbs[2]!) == "s2 m1 users=1 cloned=0 nohdr=0 fclone=none len=20 data_len=0 room=20/20/88 d2 destructor=-")
        #expect(r.state(11).data[1]?.fragList == [2, 4])
    }
}
