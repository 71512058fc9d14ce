import Testing
import VizModel

/// model.md §6, asserted call by call: the state after every call and the events of every call.
@Suite struct WorkedExampleTests {
    static let source = src(
        "a = alloc_skb(200)",
        "skb_reserve(a, 64)",
        "skb_put(a, 54)",
        "p1 = alloc_page()",
        "skb_add_rx_frag(a, 0, p1, 0, 4096)",
        "set_data_destructor(a, tun_free)",
        "b = skb_clone(a)",
        "pskb_expand_head(a, 32, 0)",
        "kfree_skb(b)",
        "kfree_skb(a)")

    /// The states of calls 1–7, the same in the two patched designs.
    static let firstSeven: [[String]] = [
        ["s1 a users=1 cloned=0 nohdr=0 fclone=none len=0 data_len=0 room=0/0/256 d1 destructor=-",
         "d1 size=256 dataref=0x1 frags=[] list=[] orig=- destructor=-"],
        ["s1 a users=1 cloned=0 nohdr=0 fclone=none len=0 data_len=0 room=64/0/192 d1 destructor=-",
         "d1 size=256 dataref=0x1 frags=[] list=[] orig=- destructor=-"],
        ["s1 a users=1 cloned=0 nohdr=0 fclone=none len=54 data_len=0 room=64/54/138 d1 destructor=-",
         "d1 size=256 dataref=0x1 frags=[] list=[] orig=- destructor=-"],
        ["s1 a users=1 cloned=0 nohdr=0 fclone=none len=54 data_len=0 room=64/54/138 d1 destructor=-",
         "d1 size=256 dataref=0x1 frags=[] list=[] orig=- destructor=-", "p1=1"],
        ["s1 a users=1 cloned=0 nohdr=0 fclone=none len=4150 data_len=4096 room=64/54/138 d1 destructor=-",
         "d1 size=256 dataref=0x1 frags=[p1+0:4096] list=[] orig=- destructor=-", "p1=1"],
        ["s1 a users=1 cloned=0 nohdr=0 fclone=none len=4150 data_len=4096 room=64/54/138 d1 destructor=-",
         "d1 size=256 dataref=0x1 frags=[p1+0:4096] list=[] orig=- destructor=tun_free", "p1=1"],
        ["s1 a users=1 cloned=1 nohdr=0 fclone=none len=4150 data_len=4096 room=64/54/138 d1 destructor=-",
         "s2 b users=1 cloned=1 nohdr=0 fclone=none len=4150 data_len=4096 room=64/54/138 d1 destructor=-",
         "d1 size=256 dataref=0x2 frags=[p1+0:4096] list=[] orig=- destructor=tun_free", "p1=1"],
    ]

    @Test func origChainRecordByRecord() {
        let r = run(Self.source, design: .origChain)
        #expect(r.completed)
        #expect(r.records.count == 10)
        for op in 1...7 {
            #expect(lines(r.state(op)) == Self.firstSeven[op - 1], "state after call \(op)")
            #expect(r.events(op) == [], "events of call \(op)")
        }
        // d2 = SKB_DATA_ALIGN(32 + 256) = 320; d1 gets the payload ref (2 + 0x10001) and loses a's (− 1).
        #expect(lines(r.state(8)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=4150 data_len=4096 room=96/54/170 d2 destructor=-",
            "s2 b users=1 cloned=1 nohdr=0 fclone=none len=4150 data_len=4096 room=64/54/138 d1 destructor=-",
            "d1 size=256 dataref=0x10002 frags=[p1+0:4096] list=[] orig=- destructor=tun_free",
            "d2 size=320 dataref=0x1 frags=[p1+0:4096] list=[] orig=d1 destructor=-",
            "p1=2",
        ])
        #expect(r.events(8) == [])
        #expect(lines(r.state(9)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=4150 data_len=4096 room=96/54/170 d2 destructor=-",
            "d1 size=256 dataref=0x10001 frags=[p1+0:4096] list=[] orig=- destructor=tun_free",
            "d2 size=320 dataref=0x1 frags=[p1+0:4096] list=[] orig=d1 destructor=-",
            "p1=2",
        ])
        #expect(r.events(9) == ["free_skb s2"])
        #expect(lines(r.state(10)) == [])
        #expect(r.outcomes(10) == ["free_head d2", "free_page p1", "data_destructor d1 tun_free", "free_head d1", "free_skb s1"])
        #expect(Checker.leaks(in: r.final).isEmpty)
        #expect(invariantViolations(r) == [])
    }

    @Test func naiveFiresTheDestructorEarly() {
        let r = run(Self.source, design: .naive)
        #expect(r.completed)
        for op in 1...7 {
            #expect(lines(r.state(op)) == Self.firstSeven[op - 1], "state after call \(op)")
        }
        // No parent reference: d1 only loses a's reference.
        #expect(lines(r.state(8)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=4150 data_len=4096 room=96/54/170 d2 destructor=-",
            "s2 b users=1 cloned=1 nohdr=0 fclone=none len=4150 data_len=4096 room=64/54/138 d1 destructor=-",
            "d1 size=256 dataref=0x1 frags=[p1+0:4096] list=[] orig=- destructor=tun_free",
            "d2 size=320 dataref=0x1 frags=[p1+0:4096] list=[] orig=- destructor=-",
            "p1=2",
        ])
        #expect(r.outcomes(9) == [
            "data_destructor d1 tun_free",
            "! premature_destructor data=d1 page=p1 holder=d2 frag=0",
            "free_head d1", "free_skb s2",
        ])
        #expect(lines(r.state(9)) == [
            "s1 a users=1 cloned=0 nohdr=0 fclone=none len=4150 data_len=4096 room=96/54/170 d2 destructor=-",
            "d2 size=320 dataref=0x1 frags=[p1+0:4096] list=[] orig=- destructor=-",
            "p1=1",
        ])
        #expect(r.outcomes(10) == ["free_page p1", "free_head d2", "free_skb s1"])
        #expect(lines(r.final) == [])
        #expect(invariantViolations(r) == [])
    }

    @Test func vanillaHasNoDataDestructor() {
        let r = run(Self.source, design: .vanilla)
        #expect(r.completed)
        #expect(lines(r.state(6)) == Self.firstSeven[4])
        #expect(r.state(8).data[1]?.dataref == 1)
        #expect(r.state(8).data[2]?.orig == nil)
        #expect(r.events(9) == ["free_head d1", "free_skb s2"])
        #expect(r.events(10) == ["free_page p1", "free_head d2", "free_skb s1"])
        #expect(lines(r.final) == [])
    }
}
