import Foundation
import Testing
import VizModel

/// What the screens say of the zero-copy designs (model-later.md): the flag and the completion
/// object on each buffer, every object with the buffers that carry it, the kernel's pages, the
/// MSG_ZEROCOPY error queue; in the viewer, in `run`'s drawing and in golden screens of the
/// worked example under both designs.
@Suite struct ZerocopyScreenTests {
    static let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Conformance/later/cases")
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden/zerocopy")

    static func source(_ name: String) throws -> String {
        try String(contentsOf: cases.appendingPathComponent(name + ".skb"), encoding: .utf8)
    }

    static func screen(_ name: String, keys: String, size: Size, options: ViewerOptions = ViewerFixture.noColor) throws -> [String] {
        var s = try ViewerFixture.session(try source(name), file: name + ".skb")
        try ViewerFixture.press(&s, keys)
        return ViewerLayout.grid(s, size: size, options: options).lines
    }

    @Test func theMsgObjectAndItsCarriersAfterTheExpand() throws {
        let lines = try Self.screen("worked_example_msg", keys: "8N", size: Size(width: 160, height: 50)).joined(separator: "\n")
        #expect(lines.components(separatedBy: "zc  ubuf u1 (msg, refcnt 2)").count == 3, "both heads carry u1")
        #expect(lines.contains("u1  msg sock_zerocopy_callback  refcnt 2  id 0  zerocopy 1  not completed  carried by d1 (b), d2 (a)"))
        #expect(lines.contains("sk_error_queue (empty)  (sk_zckey 1)"))
    }

    @Test func theNotificationAndTheCompletedObjectAtTheLastRelease() throws {
        let lines = try Self.screen("worked_example_msg", keys: "9N c n n", size: Size(width: 160, height: 50)).joined(separator: "\n")
        #expect(lines.contains("sk_error_queue [0..0]  (sk_zckey 1)*"))
        #expect(lines.contains("zerocopy_notify u1 0-0 copied=false merged=false"))
    }

    @Test func theKernelsCopyUnder31() throws {
        let lines = try Self.screen("worked_example_ubuf", keys: "7N", size: Size(width: 160, height: 50)).joined(separator: "\n")
        #expect(lines.contains("k1  count 1   ← copy of p1  held by d1 frags[0]"))
        #expect(!lines.contains("zc  ubuf"), "the copy cleared the flag")
        // At the callback's step the object is drawn, completed, carried by no buffer.
        let callback = try Self.screen("worked_example_ubuf", keys: "6N c n", size: Size(width: 160, height: 50)).joined(separator: "\n")
        #expect(callback.contains("u1  ubuf tun_free  no refcount  completed*  carried by d1 (a)"))
    }

    /// A design switch that makes a call fail says so first, with the hazard; the events pane
    /// gives the whole diagnostic, and where it is not on the screen the message says which
    /// key shows it.
    @Test func aDesignSwitchThatFailsSaysWhyAt80Columns() throws {
        let source = try Self.source("err_s4_h_expand_ubuf").replacingOccurrences(of: "design ubuf-2011", with: "design orig-chain")
        var s = try ViewerFixture.session(source, file: "h_expand.skb")
        try ViewerFixture.press(&s, "G d")
        #expect(s.scenario.design == .ubuf2011)
        // The events pane is not on an 80-column screen: the message names the key that shows it.
        let bar = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines.suffix(3)
        #expect(Array(bar) == [" design ubuf-2011: call 9 fails (hazard H-expand; S-Tab shows why in the events",
                               "   pane); 2 events differ from orig-chain (1 call of the 8 both ran): 2 marked",
                               "   ≠"])
        try ViewerFixture.press(&s, "<S-Tab>")
        let events = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines.joined(separator: "\n")
        #expect(events.contains("call 9   failed: pskb_expand_head(a (s1)) on a cloned buffer with"), "the ≠ column between call and text")
        // Under msg-zerocopy-2017 the legacy object's copy recurses (4.14's H-recurse); the events
        // pane is focused, so on the screen.
        try ViewerFixture.press(&s, "d")
        #expect(s.status?.hasPrefix("design msg-zerocopy-2017: call 6 fails (hazard H-recurse; the events pane says why);") == true)
        try ViewerFixture.press(&s, "<Tab> <Tab> d d d d")
        #expect(s.focus == .steps && s.status?.hasPrefix("design ubuf-2011: call 9 fails (hazard H-expand; Tab shows why in the events pane);") == true)
        s.screenSize = Size(width: 120, height: 40)
        try ViewerFixture.press(&s, "d d d d d")
        #expect(s.status?.hasPrefix("design ubuf-2011: call 9 fails (hazard H-expand; the events pane says why);") == true, "side by side from 120 columns")
    }

    @Test func runDrawsTheObjectsInASCII() {
        let r = run(src("design msg-zerocopy-2017", "a = alloc_skb(128)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 100)",
                        "set_data_destructor(a, sock_zerocopy_callback)", "c = pskb_copy(a)"))
        let text = AsciiDrawing(width: 100).lines(r.final)
        #expect(text.contains("  zc  ubuf u1 (msg, refcnt 2)"))
        #expect(text.contains("u1  msg sock_zerocopy_callback  refcnt 2  id 0  zerocopy 1  not completed  carried by d1 (a), d2 (c)"))
        #expect(text.last == "sk_error_queue (empty)  (sk_zckey 1)")
        let old = run(src("a = alloc_skb(128)", "set_data_destructor(a, tun_free)"), design: .vanilla)
        #expect(!AsciiDrawing(width: 100).lines(old.final).contains { $0.contains("zc") || $0.contains("sk_error_queue") })
    }

    @Test func theChangedCountIsMarkedOnTheObjectAndOnEveryCarrier() throws {
        // pskb_expand_head's skb_zcopy: refcount_inc(&u1->refcnt), d2 already carries u1.
        let lines = try Self.screen("worked_example_msg", keys: "7N 5n", size: Size(width: 160, height: 50)).joined(separator: "\n")
        #expect(lines.components(separatedBy: "zc  ubuf u1 (msg, refcnt 2*)").count == 3)
        #expect(lines.contains("u1  msg sock_zerocopy_callback  refcnt 2*  id 0  zerocopy 1  not completed  carried by d1 (a, b), d2\u{20}"))
        // kfree_skb(b) releases d1: the put, then d1's flag cleared: d1 no longer carries u1.
        let put = try Self.screen("worked_example_msg", keys: "8N 4n", size: Size(width: 160, height: 50)).joined(separator: "\n")
        #expect(put.contains("u1  msg sock_zerocopy_callback  refcnt 1*  id 0  zerocopy 1  not completed\u{20}"))
        #expect(put.contains("    carried by d1, d2 (a); 1 reference already put (skb_zcopy_clear clears the flag next)\u{20}"))
        let cleared = try Self.screen("worked_example_msg", keys: "8N 5n", size: Size(width: 160, height: 50)).joined(separator: "\n")
        #expect(cleared.contains("u1  msg sock_zerocopy_callback  refcnt 1  id 0  zerocopy 1  not completed  carried by d2 (a)*"))
    }

    /// Each carrier of a completion object is named with the skbs on it: the skbs whose
    /// release lets the callback (or the last put) run, as "waits for" names them under the
    /// 2008 designs.
    @Test func theCarriersNameTheirSkbs() throws {
        let lines = try Self.screen("worked_example_msg", keys: "8N", size: Size(width: 160, height: 50)).joined(separator: "\n")
        #expect(lines.contains("carried by d1 (b), d2 (a)"))
    }

    @Test func theEventsPaneShowsANotificationAsTheQueueDoes() throws {
        let merge = try Self.screen("notify_merge", keys: "G", size: Size(width: 160, height: 50)).joined(separator: "\n")
        #expect(merge.contains("event zerocopy_notify u1 [0..0] not copied"))
        #expect(merge.contains("event zerocopy_notify u2 [1..1] not copied (merged)"))
        #expect(merge.contains("event zerocopy_notify u3 [2..2] copied (merged)"))
        #expect(merge.contains("call 15  event zerocopy_callback u3 sock_zerocopy_callback "), "the callback keeps its line")
        #expect(merge.contains("success=false via=copy"))
        // The merge keeps the tail's mark: the queue says [0..2] without "copied".
        let objects = try Self.screen("notify_merge", keys: "G 40j", size: Size(width: 80, height: 24)).joined(separator: "\n")
        #expect(objects.contains("sk_error_queue [0..2]  (sk_zckey 3)"))
    }

    // MARK: Golden screens

    /// The telling steps of the worked example: under 3.1 the clone's copy (the callback's
    /// step) and the state after it; under 4.14 MSG_ZEROCOPY the two heads sharing u1 after
    /// the expand, and the notification at the last release.
    static let moments: [(file: String, name: String, keys: String)] = [
        ("worked_example_ubuf", "ubuf-clone-callback", "6N c n"),
        ("worked_example_ubuf", "ubuf-after-clone", "7N"),
        ("worked_example_msg", "msg-after-expand", "8N"),
        ("worked_example_msg", "msg-notify", "9N c n n"),
    ]

    /// At 80×24 what lies below the buffers, scrolled to (the completion objects and the
    /// error queue), and the events pane (Tab twice) with the callback and the notification.
    static let moments80: [(file: String, name: String, keys: String)] = [
        ("worked_example_ubuf", "ubuf-clone-callback-objects", "6N c n 30j"),
        ("worked_example_msg", "msg-expand-refcount-objects", "7N 5n 30j"),
        ("worked_example_msg", "msg-after-expand-objects", "8N 30j"),
        ("worked_example_msg", "msg-notify-objects", "9N c n n 30j"),
        ("worked_example_msg", "msg-notify-events", "9N c n n <Tab> <Tab>"),
        ("notify_merge", "merge-events", "15N <Tab> <Tab>"),
    ]

    static let goldenCases: [(Int, Size)] = moments.indices.flatMap { i in
        [(i, Size(width: 80, height: 24)), (i, Size(width: 160, height: 50))]
    } + moments80.indices.map { (moments.count + $0, Size(width: 80, height: 24)) }

    @Test(arguments: 0..<goldenCases.count)
    func screenMatchesGolden(index: Int) throws {
        let (m, size) = Self.goldenCases[index]
        let moment = (Self.moments + Self.moments80)[m]
        let lines = try Self.screen(moment.file, keys: moment.keys, size: size, options: ViewerFixture.noColor)
        let file = Self.goldens.appendingPathComponent("\(moment.name)-\(size.width)x\(size.height).txt")
        let actual = "keys: \(moment.keys)\n" + lines.joined(separator: "\n") + "\n"
        try Golden.check(actual, against: file)
    }
}
