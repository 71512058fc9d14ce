import Testing
@testable import VizModel

/// The hint bar at each width keeps the most needed keys, whole; the help overlay scrolls and
/// ends with the legend of the screen's marks.
@Suite struct HelpAndHintTests {
    static func bar(width: Int, script: String = "") throws -> String {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, script)
        return ViewerLayout.grid(s, size: Size(width: width, height: 24), options: ViewerFixture.noColor).lines.last!
    }

    @Test func theHintBarDropsTheLeastNeededKeysFirst() throws {
        #expect(try Self.bar(width: 80) == " n/p step  j/k scroll  Tab pane  : try a call  d design  e save  ? help  q quit")
        #expect(try Self.bar(width: 100)
            == " n/p step  v/V violation  j/k scroll  Tab pane  : try a call  d design  e save  ? help  q quit")
        #expect(try Self.bar(width: 144).hasSuffix("c/C free  v/V violation  j/k scroll  Tab pane  : try a call  d design  e save  w picture  / search  ? help  q quit"))
        // `w picture` comes after violation and search: from 115 columns (the README says so).
        #expect(try !Self.bar(width: 114).contains("w picture") && Self.bar(width: 115).contains("e save  w picture  / search"))
        #expect(try Self.bar(width: 80, script: "4").hasPrefix(" n/p step  j/k scroll  Tab pane  : try a call  ? help  q quit"))
        #expect(try Self.bar(width: 80, script: "4").hasSuffix("count 4"))
    }

    /// A message longer than the bar's row wraps at words onto rows taken from the steps
    /// pane while it shows, so nothing of it is cut.
    @Test func aLongMessageWrapsOverTheStepsPane() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "G d")
        let lines = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        #expect(lines.suffix(3) == [
            "└──────────────────────────────────────────────────────────────────────────────┘",
            " design ubuf-2011: 7 events differ from orig-chain (3 calls): 4 marked ≠, 3",
            "   missing",
        ])
        try ViewerFixture.press(&s, "n")
        let after = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        #expect(after[22].hasPrefix("└"), "the steps pane has its row back")
    }

    @Test func theHintBarNeverCutsAWord() throws {
        let words = Set(Keymap.standard.hints.flatMap { "\($0.keys) \($0.label)".split(separator: " ").map(String.init) })
        for width in 80...140 {
            for word in try Self.bar(width: width).split(separator: " ") { #expect(words.contains(String(word)), "\(width): \(word)") }
        }
    }

    static func helpScreen(_ script: String, size: Size = Size(width: 80, height: 24)) throws -> (ViewerSession, [String]) {
        var s = try ViewerFixture.session()
        s.screenSize = size
        try ViewerFixture.press(&s, script)
        return (s, ViewerLayout.grid(s, size: size, options: ViewerFixture.noColor).lines)
    }

    @Test func theHelpScrollsByLinePageAndToItsEnds() throws {
        let (top, first) = try Self.helpScreen("?")
        #expect(top.help?.offset == 0)
        #expect(first[4].contains("n → l Space           next step (redo)"))
        #expect(first[21].hasSuffix("↓││"), "more below")
        let (down, _) = try Self.helpScreen("? j j <Down>")
        #expect(down.help?.offset == 3)
        let (page, _) = try Self.helpScreen("? <PgDn> <PgDn> <PgUp> k")
        #expect(page.help?.offset == 17 - 1, "a page is the 18 rows shown less one")
        let (end, last) = try Self.helpScreen("? G")
        #expect(last[21].contains("                      MSG_ZEROCOPY: one refcounted ubuf_info per send"))
        #expect(last[4].hasSuffix("↑││") && !last[21].hasSuffix("↓││"))
        let (up, _) = try Self.helpScreen("? G k")
        #expect(up.help!.offset == end.help!.offset - 1, "k moves at once from the end")
        var s = end
        #expect(s.handle(.character("j")) == .none, "nothing below the end")
        #expect(s.handle(.home) == .redraw && s.help?.offset == 0)
        #expect(s.handle(.character("k")) == .none, "nothing above the top")
        _ = s.handle(.end)
        try ViewerFixture.press(&s, "/ f r e e")
        #expect(s.help?.offset == 0, "a new filter starts at the top")
    }

    /// While the filter is typed, `?`, `j` and `q` are letters of it: the hint bar says how to
    /// end it instead of offering them.
    @Test func theHintBarSaysHowToEndTheFilterWhileItIsTyped() throws {
        let (_, typing) = try Self.helpScreen("? / q")
        #expect(typing.last == " Enter ends the filter  Esc clears it  Ctrl-C quits")
        let (_, ended) = try Self.helpScreen("? / q <Enter>")
        #expect(ended.last == " Esc or ? closes  / filters  j/k scrolls  q quits")
        // The filter searches the marks too, and says so when nothing matches.
        let (_, none) = try Self.helpScreen("? / z z z <Enter>")
        #expect(none.contains { $0.hasPrefix("││ (no key or mark matches) ") })
    }

    /// The list is filtered again at every key, so a row shorter than the filter is not
    /// searched (a 2,000-character paste searched every row for all of it at every key: 30 s).
    /// What matches is still a case-insensitive `contains`, and a long paste matches nothing.
    @Test func aLongFilterMatchesNothingAndTheFilterIsContains() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "? /")
        for _ in 0..<1500 { _ = s.handle(.character("a")) }
        #expect(s.help?.filter.count == 1500)
        let lines = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        #expect(lines.contains { $0.hasPrefix("││ (no key or mark matches) ") })
        for (filter, text) in [("DATAREF", "the dataref line"), ("ab", "a"), ("ab", "xAB"), ("é", "É"), ("x", "")] {
            #expect(HelpFilter(filter).matches("-", text) == text.lowercased().contains(filter.lowercased()), "\(filter) in \(text)")
        }
    }

    @Test func theHelpEndsWithTheLegendOfTheMarks() throws {
        let (_, lines) = try Self.helpScreen("? G", size: Size(width: 120, height: 120))
        let text = lines.joined(separator: "\n")
        for mark in ["░ █ ·", "*  ", "──▶ d2", "orig ──▶ d1", "↑ ↓", "≠", "payload-only", "held by", "freed", "VIOLATION",
                     "──▶ d2 (released)", "──▶ d2 (freed)", "head (not set)", "skb_cloned() 1", "in frags, in frag_list",
                     "skb->destructor", "shinfo->destructor", "held by b (full)", "d2 via orig (payload)",
                     "tun_free waits for b, d2", "(not initialised)", "(copied, not a reference)"] {
            #expect(text.contains("│ \(mark)"), "\(mark)")
        }
        #expect(text.contains("marks on the screen"))
    }

    /// The header's last word is the design: a student who has not met the names finds each
    /// one, in words, at the end of the help (and by its filter).
    @Test func theHelpSaysWhatEachDesignIs() throws {
        /// The help box's text, its lines joined and blanks collapsed.
        func words(_ lines: [String]) -> String {
            lines.map { $0.split(separator: "│", omittingEmptySubsequences: false).dropFirst(2).first ?? "" }
                .joined(separator: " ").split(separator: " ").joined(separator: " ")
        }
        let (_, lines) = try Self.helpScreen("? G", size: Size(width: 100, height: 120))
        for d in Design.allCases {
            #expect(words(lines).contains("\(d.rawValue) design (the header's last word): \(d.summary)"), "\(d.rawValue)")
        }
        let (_, found) = try Self.helpScreen("? / v h o s t <Enter>", size: Size(width: 100, height: 40))
        #expect(words(found).contains("ubuf-2011 design (the header's last word): Linux 3.1 vhost-net zero-copy"))
    }

    @Test func helpTextsWrapAtWordsUnderTheirColumn() throws {
        let (_, lines) = try Self.helpScreen("? / d e s i g n <Enter>")
        #expect(lines.contains { $0.contains("│ d                     re-run under the next design: vanilla, naive,        │") })
        #expect(lines.contains { $0.contains("│                       orig-chain, ubuf-2011, msg-zerocopy-2017; marks the  │") })
        #expect(lines.contains { $0.contains("│                       events that differ                                   │") })
    }
}

/// Every mark of the objects pane has a row in the help's legend.
@Suite struct LegendTests {
    @Test func anSkbWithNoNameHasALegendRow() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "n")
        let objects = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        #expect(objects[3] == "│ -*  s1*  users 1  cloned 0  nohdr 0  len 0, data_len 0  head (not set)       │")
        try ViewerFixture.press(&s, "? / n o <Space> n a m e <Enter>")
        let help = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        let top = try #require(help.firstIndex { $0.contains("/ filter: no name") })
        #expect(help[top...(top + 5)] == [
            "││ / filter: no name                                                          ││",
            "└│                                                                            │┘",
            "┌│ marks on the screen                                                        │┐",
            "││ - s1                  an sk_buff the scenario has no name for (just        ││",
            "││                       allocated, or a result not assigned): its struct     ││",
            "││                       names it                                             ││",
        ])
    }
}
