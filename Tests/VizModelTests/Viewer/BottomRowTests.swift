import Testing
import VizModel

/// The rows under the panes: the hint bar names the keys of what is open (the help, the
/// touched list), the prompt takes rows of its own so that the panes' borders stay whole, and
/// below 80×24 the note and the messages fit the row.
@Suite struct BottomRowTests {
    /// The screen of the expand demo after `script` at `width`×`height`.
    static func screen(_ script: String, width: Int = 80, height: Int = 24) throws -> [String] {
        var s = try ViewerFixture.session()
        s.screenSize = Size(width: width, height: height)
        try ViewerFixture.press(&s, script)
        return ViewerLayout.grid(s, size: s.screenSize, options: ViewerFixture.noColor).lines
    }

    @Test func theHintBarNamesTheKeysOfTheOpenOverlay() throws {
        #expect(try Self.screen("17n <Enter> t").last == " Enter goes there  Esc or t closes  j/k moves  q quits")
        #expect(try Self.screen("17n ?").last == " Esc or ? closes  / filters  j/k scrolls  q quits")
        #expect(try Self.screen("17n ? /").last == " Enter ends the filter  Esc clears it  Ctrl-C quits")
        #expect(try Self.screen("17n ? / x <Enter>").last == " Esc or ? closes  / filters  j/k scrolls  q quits")
        // Narrow: how to close (or end the filter) stays the longest.
        #expect(try Self.screen("17n ?", width: 40, height: 12).last == " Esc or ? closes  / filters  q quits")
        #expect(try Self.screen("17n ? /", width: 40, height: 12).last == " Enter ends the filter  Ctrl-C quits")
        #expect(try Self.screen("17n <Enter> t", width: 40, height: 12).last == " Enter goes there  Esc or t closes")
        #expect(try Self.screen("17n ? <Esc>").last == " n/p step  j/k scroll  Tab pane  : try a call  d design  e save  ? help  q quit")
    }

    @Test func theOverlaysNoLongerRepeatTheirKeysInTheBox() throws {
        let list = try Self.screen("17n <Enter> t")
        #expect(list.filter { $0.contains("Esc or t closes") }.count == 1)
        #expect(list[22] == "└└────────────────────────────────────────────────────────────────────────────┘┘")
        let help = try Self.screen("17n ?")
        #expect(help.filter { $0.contains("Esc or ? closes") }.count == 1)
        #expect(help[21] == "││ k ↑                   scroll the focused pane up a line; in the objects   ↓││", "the list has the footer's row")
    }

    @Test func thePromptTakesRowsUnderThePanesAtEverySize() throws {
        #expect(try Self.screen("17n :", width: 60, height: 16).suffix(5) == [
            "└─ changed below: d2 orig ──▶ d1 ──────────────────────────┘",
            " call 9 (line 27 of the log that e writes) runs after call",
            "   8: pskb_expand_head(a, 32, 0); sets the 2 calls after it",
            "   aside (o brings the walk back)",
            ":",
        ])
        #expect(try Self.screen("17n /", width: 60, height: 16).suffix(4) == [
            "└─ changed below: d2 orig ──▶ d1 ──────────────────────────┘",
            " the next step whose text, events or notes contain this;",
            "   Enter alone: the last search; Esc cancels",
            "/",
        ])
        #expect(try Self.screen("17n :", width: 80, height: 24).suffix(5) == [
            "└──────────────────────────────────────────────────────────────────────────────┘",
            " call 9 (line 27 of the log that e writes) runs after call 8:",
            "   pskb_expand_head(a, 32, 0); sets the 2 calls after it aside (o brings the",
            "   walk back)",
            ":",
        ])
        // The smallest size: where the call goes is said in a few words rather than cut.
        #expect(try Self.screen("17n :", width: 40, height: 12).suffix(5) == [
            "└─ changed below: d1 dataref 0x000... ─┘",
            " call 9, after pskb_expand_head(a, 32,",
            "   0); sets 2 calls aside (o brings",
            "   them back)",
            ":",
        ])
        // Any other message longer than a third of the rows keeps its start and is cut at its end.
        #expect(try Self.screen("17n :s<Tab>", width: 40, height: 12).suffix(5) == [
            " skb_reserve  skb_put  skb_push",
            "   skb_pull  skb_add_rx_frag",
            "   skb_frag_list_add  skb_set_owner_w",
            "   skb_orphan  set_data_destructor...",
            ": s",
        ])
        // Of an error and its hint, the error has the rows first: with no room for both, the
        // hint goes.
        let name = String(repeating: "unbound_name_", count: 10)
        #expect(try Self.screen("17n :kfree_skb(\(name))<Enter>", width: 40, height: 12).suffix(5) == [
            " 27:11: error: name",
            "   'unbound_name_unbound_name_unbound_n",
            "   ame_unbound_name_unbound_nam' is not",
            "   bound before this line",
            ": und_name_unbound_name_unbound_name_)",
        ])
        #expect(try Self.screen("17n :kfree_skb(a_name_nobody_has_bound_yet)<Enter>", width: 40, height: 12).suffix(6).prefix(4) == [
            " 27:11: error: name",
            "   'a_name_nobody_has_bound_yet' is not",
            "   bound before this line",
            " names alive here: a, b",
        ])
        #expect(try Self.screen("17n /", width: 40, height: 12).suffix(5) == [
            "└─ changed below: d1 dataref 0x000... ─┘",
            " the next step whose text, events or",
            "   notes contain this; Enter alone: the",
            "   last search; Esc cancels",
            "/",
        ])
    }

    @Test func belowTheDesignSizeTheNoteFitsAndMessagesShow() throws {
        #expect(try Self.screen("17n", width: 60, height: 16).last == " 60×16: objects only  n/p step  ? help  q quit")
        #expect(try Self.screen("17n", width: 40, height: 12).last == " objects only  n/p step  ? help  q quit")
        #expect(try Self.screen("17n", width: 79, height: 30).last
            == " 79×30: objects only (80×24 shows steps and events)  n/p step  ? help  q quit")
        #expect(try Self.screen("G n", width: 60, height: 16).last == " at the last step", "a key that goes nowhere says so here too")
    }

    /// A line longer than the row shows the cells around the cursor, wide characters whole,
    /// whether the cursor is near its end or near its start.
    @Test func aLongTypedLineShowsTheCellsAroundTheCursor() throws {
        let line = "kfree_skb(" + String(repeating: "名", count: 30) + "éabc)"
        let nearEnd = try Self.screen("17n :\(line) <Left> <Left> <Left> <Left> <Left> <Left>", width: 40, height: 12)
        #expect(nearEnd.last == ": " + String(repeating: "名", count: 19))
        let nearStart = try Self.screen("17n :\(line) <Home> <Right> <Right> <Right>", width: 40, height: 12)
        #expect(nearStart.last == ": kfree_skb(" + String(repeating: "名", count: 13))
    }
}
