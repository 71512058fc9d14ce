import Testing
@testable import VizModel

/// "Where was this set?": the objects pane's cursor, `[` and `]`, and the touched list (`t`).
@Suite struct ObjectCursorTests {
    static func screen(_ s: ViewerSession) -> [String] {
        ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
    }

    /// `expand` at the end of `pskb_expand_head` (call 8, step 20 of the walk), the cursor on d1.
    static func onD1() throws -> ViewerSession {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "8N <Enter> j j")
        return s
    }

    @Test func enterPutsTheCursorOnTheFirstObjectAndJKMoveItInThePanesOrder() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "8N <Tab> <Enter>")
        #expect(s.selected == .skb(1) && s.focus == .objects)
        // Named as the steps pane names an skb (`kfree_skb(a (s1))`), in the status and the pane's title.
        #expect(s.status == "cursor on a (s1): [/] last/next change  t touched  Esc lets go")
        #expect(Self.screen(s)[2].hasPrefix("┌─ ▶objects  ▸ a (s1) ─"))
        var order: [ObjectKey?] = [s.selected]
        for _ in 0..<5 {
            try ViewerFixture.press(&s, "j")
            order.append(s.selected)
        }
        #expect(order == [.skb(1), .skb(2), .data(1), .data(2), .page(1), .page(1)], "stops at the last object")
        try ViewerFixture.press(&s, "<Up> k")
        #expect(s.selected == .data(1))
        let lines = Self.screen(s)
        #expect(lines[2].hasPrefix("┌─ ▶objects  ▸ d1 ──"))
        #expect(lines[3].hasPrefix("│▸d1 256 B  head"), "the mark in the margin of its first line, scrolled into view")
        #expect(lines.filter { $0.contains("▸") }.count == 2)
    }

    /// At the step that frees it, an skb under the cursor keeps the name the step gives it.
    @Test func aFreedSkbIsNamedAsItsFreeingStepNamesIt() throws {
        var s = try ViewerFixture.session("a = alloc_skb(64)\nkfree_skb(a)\n", file: "free.skb")
        try ViewerFixture.press(&s, "n <Enter> G")
        #expect(s.selected == .skb(1) && s.history.state.skbs[1] == nil)
        let title = try #require(Self.screen(s).first { $0.contains("objects") })
        #expect(title.hasPrefix("┌─ ▶objects  ▸ a (s1) ─"), "\(title)")
    }

    @Test func escLetsGoAndJScrollsAgain() throws {
        var s = try Self.onD1()
        try ViewerFixture.press(&s, "<Esc>")
        #expect(s.selected == nil)
        try ViewerFixture.press(&s, "j")
        #expect(s.scroll[.objects] != nil, "j scrolls the pane again")
        try ViewerFixture.press(&s, "[")
        #expect(s.status == "no object under the cursor: Enter puts the objects pane's cursor on one")
    }

    @Test func bracketsGoToTheLastAndNextChange() throws {
        var s = try Self.onD1()
        #expect(s.history.cursor == 20)
        try ViewerFixture.press(&s, "[")
        #expect(s.history.cursor == 18 && s.history.position == .init(call: 8, step: 6), "dataref 0x10003 → 0x10002")
        try ViewerFixture.press(&s, "[")
        #expect(s.history.position == .init(call: 8, step: 5), "skb_ref_data_parent: dataref += 0x10001")
        try ViewerFixture.press(&s, "[ [")
        #expect(s.history.position == .init(call: 6, step: 1), "set_data_destructor")
        try ViewerFixture.press(&s, "]")
        #expect(s.history.position == .init(call: 7, step: 3))
        try ViewerFixture.press(&s, "G ]")
        #expect(s.status == "no step after this one changes d1")
        try ViewerFixture.press(&s, "g [")
        #expect(s.history.cursor == 0)
        #expect(s.status == "no step before this one changed d1")
        #expect(s.selected == .data(1), "the cursor stays on d1 where it is not allocated")
        #expect(Self.screen(s)[2].hasPrefix("┌─ ▶objects  ▸ d1 ──"))
    }

    @Test func tListsEveryStepThatChangedIt() throws {
        var s = try Self.onD1()
        try ViewerFixture.press(&s, "t")
        let list = try #require(s.touched)
        #expect(list.object == "d1")
        #expect(list.touches.map { "call \($0.call) step \($0.stepInCall): \($0.change)" } == [
            "call 1 step 2: created",
            "call 1 step 4: dataref 0x00000000 → 0x00000001, shinfo not initialised → live",
            "call 5 step 1: nr_frags 0 → 1, frags [] → [p1 +0 4096]",
            "call 6 step 1: destructor NULL → tun_free",
            "call 7 step 3: dataref 0x00000001 → 0x00000002",
            "call 8 step 5: dataref 0x00000002 → 0x00010003",
            "call 8 step 6: dataref 0x00010003 → 0x00010002",
            "call 9 step 2: dataref 0x00010002 → 0x00010001",
            "call 10 step 5: dataref 0x00010001 → 0x00000000, shinfo live → released",
            "call 10 step 6: frags own no page ref (put_page)",
            "call 10 step 7: freed",
        ])
        #expect(list.touches[6].text == "skb_release_data(a (s1)) on d1: atomic_sub_return(1, &dataref): 0x00010003 → 0x00010002: still referenced")
        #expect(list.touches[3].text == "skb_shinfo(a (s1))->destructor = tun_free: d1")
        #expect(list.row == 6, "the list's cursor on the last change at or before the cursor")
        let lines = Self.screen(s)
        #expect(lines.contains { $0.contains("steps that changed d1 (11)") })
        #expect(lines.contains { $0.contains("▶ call 8 step 6  skb_release_data(a (s1)) on d1:") })
        #expect(lines.contains { $0.contains("Enter goes there  Esc or t closes  j/k moves  q quits") })
        try ViewerFixture.press(&s, "j <Enter>")
        #expect(s.touched == nil)
        #expect(s.history.position == .init(call: 9, step: 2))
        try ViewerFixture.press(&s, "t k k <Esc>")
        #expect(s.touched == nil && s.history.position == .init(call: 9, step: 2), "Esc closes where the cursor was")
        try ViewerFixture.press(&s, "t")
        #expect(s.handle(.character("q")) == .quit)
    }

    /// Scrolled to its cursor, the list starts at an entry: never a value without its step.
    @Test func theTouchedListShowsWholeEntries() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "17n <Enter> t")
        let lines = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        #expect(lines[2] == "┌│   call 1 step 3  users = 1; len = data_len = 0; head = data = tail = d1,  ↑│┐")
        try ViewerFixture.press(&s, String(repeating: "j ", count: 13))
        let end = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        #expect(end[2...3] == [
            "┌│   call 8 step 6  skb_release_data(a (s1)) on d1: atomic_sub_return(1,     ↑│┐",
            "││                    &dataref): 0x00010003 → 0x00010002: still referenced    ││",
        ])
        #expect(end[17...21] == [
            "││ ▶ call 10 step 8  kfree_skbmem(s1): kmem_cache_free(skbuff_head_cache)     ││",
            "││       freed                                                                ││",
            "││                                                                            ││",
            "││                                                                            ││",
            "││                                                                            ││",
        ])
    }

    /// On a narrow screen a step's text goes under its label, whole words, and the hint bar
    /// keeps how to go and how to close.
    @Test func theTouchedListOnTheSmallestScreen() throws {
        var s = try ViewerFixture.session()
        s.screenSize = Size(width: 40, height: 12)
        try ViewerFixture.press(&s, "17n <Enter> t")
        #expect(ViewerLayout.grid(s, size: s.screenSize, options: ViewerFixture.noColor).lines[1...11] == [
            "│┌─ ▶steps that changed d1 (11) ──────┐│",
            "││ ▶ call 8 step 5                   ↑││",
            "││     skb_ref_data_parent(a (s1),    ││",
            "││       d2): d2.orig = d1;           ││",
            "││       d1.dataref += 0x10001:       ││",
            "││       0x00000002 → 0x00010003;     ││",
            "││       s1->cloned = 1               ││",
            "││       dataref 0x00000002 →         ││",
            "││         0x00010003                ↓││",
            "└└────────────────────────────────────┘┘",
            " Enter goes there  Esc or t closes",
        ])
    }

    @Test func anObjectThatNoStepChangedSaysSo() throws {
        var s = try ViewerFixture.session()
        #expect(ObjectCursor.touches(of: .page(7), in: s.history, calls: s.calls, design: .origChain).isEmpty)
        try ViewerFixture.press(&s, "<Enter>")
        #expect(s.selected == nil)
        #expect(s.status == "no object at this step to put the cursor on")
        try ViewerFixture.press(&s, "t")
        #expect(s.status == "no object under the cursor, and none at this step to put it on", "t does not send the user to Enter")
    }
}
