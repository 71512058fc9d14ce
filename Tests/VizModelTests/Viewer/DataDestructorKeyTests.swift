import Testing
@testable import VizModel

/// `x`/`X`: the next and previous data destructor firing (distinct from `c`/`C`), drawn in a
/// style of its own, with when it fires under the other designs.
@Suite struct DataDestructorKeyTests {
    static func screen(_ s: ViewerSession, size: Size = Size(width: 80, height: 24), options: ViewerOptions = ViewerFixture.noColor) -> [String] {
        ViewerLayout.grid(s, size: size, options: options).lines
    }

    /// Where `x` lands in `expand` under each design: the global step, its call and step.
    @Test(arguments: [
        (Design.naive, 24, 9, 4), (.origChain, 30, 10, 7), (.ubuf2011, 13, 7, 4), (.msgZerocopy2017, 14, 7, 5),
    ])
    func xLandsOnTheDataDestructor(design: Design, step: Int, call: Int, inCall: Int) throws {
        var s = try ViewerFixture.session(design: design)
        try ViewerFixture.press(&s, "x")
        #expect(s.history.cursor == step)
        #expect(s.history.position == .init(call: call, step: inCall))
        #expect(s.status == nil)
        try ViewerFixture.press(&s, "x")
        #expect(s.history.cursor == step)
        #expect(s.status == "no data destructor firing after this step under \(design.rawValue)")
        try ViewerFixture.press(&s, "G X")
        #expect(s.history.cursor == step)
        try ViewerFixture.press(&s, "X")
        #expect(s.status == "no data destructor firing before this step under \(design.rawValue)")
    }

    @Test func vanillaHasNoneAndSaysSo() throws {
        var s = try ViewerFixture.session(design: .vanilla)
        try ViewerFixture.press(&s, "x")
        #expect(s.history.cursor == 0)
        #expect(s.status == "no data destructor firing under vanilla: 2.6.28 without the patch has none (d switches the design)")
    }

    /// A student presses `x` in a walk that never sets a data destructor: the hint bar says so,
    /// under the patch's designs and the zero-copy ones alike.
    @Test(arguments: [Design.naive, .origChain, .ubuf2011, .msgZerocopy2017])
    func aWalkThatSetsNoneSaysSo(design: Design) throws {
        let clone = try #require(DemoCatalog.named("clone"))
        var s = try ViewerFixture.session(clone.source, file: "demos/clone.skb", design: design)
        try ViewerFixture.press(&s, "x")
        #expect(s.history.cursor == 0)
        #expect(s.status == "no data destructor firing under \(design.rawValue): no call of this walk sets one (set_data_destructor)")
    }

    /// A walk that sets a data destructor that never fires (here `segs[1]` is never freed):
    /// `x` names the call that set it and where to look, rather than a bare "none".
    @Test(arguments: [Design.origChain, .msgZerocopy2017])
    func aDestructorSetButNeverFiredSaysWhere(design: Design) throws {
        let source = src("p = alloc_page()", "a = alloc_skb(64)", "skb_add_rx_frag(a, 0, p, 0, 3000)",
                         "set_data_destructor(a, sock_zerocopy_callback)", "segs = skb_segment(a, 1448, 0)",
                         "kfree_skb(a)", "kfree_skb(segs[0])")
        var s = try ViewerFixture.session(source, file: "kept.skb", design: design)
        try ViewerFixture.press(&s, "x")
        #expect(s.history.cursor == 0)
        #expect(s.status == "no data destructor firing under \(design.rawValue): call 4 sets one, but it does not fire in this walk (held by, in the objects pane, says what keeps it)")
    }

    /// `c` stops at every free: the first is `kfree_skb(b)`'s free_skb in call 9, long before
    /// tun_free fires in call 10.
    @Test func cStopsEarlierThanX() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "c")
        #expect(s.history.cursor < 30)
        #expect(!s.history.outcomes(ofStep: s.history.cursor).contains { ViewerStyle.isDataDestructor($0) })
        try ViewerFixture.press(&s, "x")
        #expect(s.history.cursor == 30)
    }

    /// The event is marked `◆` in the indent of the steps pane (`@` in ASCII), bold and
    /// underlined, and followed by the other designs.
    @Test func theStepsPaneMarksItAndSaysWhenItFiresElsewhere() throws {
        var s = try ViewerFixture.session(design: .naive)
        try ViewerFixture.press(&s, "x")
        let grid = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.color)
        let lines = grid.lines
        let y = try #require(lines.firstIndex { $0.contains("◆ event data_destructor d1 tun_free") })
        #expect(lines[y] == "│     ◆ event data_destructor d1 tun_free                                      │")
        #expect(lines[y + 1] == "│         other designs: vanilla: no data destructor · orig-chain: call 10     │")
        let x = try #require(lines[y].firstIndex(of: "e")).utf16Offset(in: lines[y])
        let style = grid[x, y].style
        #expect(style.bold && style.underline && style.foreground == .magenta)
        let ascii = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerOptions(usesColor: false, glyphs: .ascii)).lines
        #expect(ascii.contains { $0.contains("    @ event data_destructor d1 tun_free*") })
    }

    /// The events pane follows the event with `◆`.
    @Test func theEventsPaneMarksIt() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "x")
        let lines = Self.screen(s, size: Size(width: 160, height: 50))
        #expect(lines.contains { $0.contains("call 10  event data_destructor d1 tun_free ◆*") })
        #expect(lines.contains { $0.contains("call 10  event free_head d2 ") }, "other events keep their line")
    }

    @Test func theEndOfAWalkWhereItNeverFiredSaysWhenItFiresElsewhere() throws {
        var s = try ViewerFixture.session(design: .vanilla)
        try ViewerFixture.press(&s, "G")
        let text = Self.screen(s).joined(separator: "\n")
        #expect(text.contains("│ tun_free(d1) never fired under vanilla (no data destructor); naive: call 9   │\n│     (premature) · orig-chain: call 10"))
    }

    @Test func theLineFollowsTheDesign() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "x")
        #expect(s.otherDesigns?.line(.init(.dataDestructor(data: 1, fn: "tun_free"))!) == "other designs: vanilla: no data destructor · naive: call 9 (premature)")
        try ViewerFixture.press(&s, "d d d d")
        #expect(s.scenario.design == .naive)
        try ViewerFixture.press(&s, "g x")
        #expect(s.otherDesigns?.design == .naive)
        #expect(s.history.cursor == 24)
    }
}

/// When each data destructor fires under the other designs (`OtherDesigns`), in the walk of
/// `skbviz run` and in the transcript.
@Suite struct OtherDesignsTests {
    static let program = Parser.parse(ViewerFixture.expandSource, file: "demos/expand.skb")
    static let tunFree = OtherDesigns.Key(.dataDestructor(data: 1, fn: "tun_free"))!

    @Test func theFamilies() {
        #expect(OtherDesigns.family(of: .naive) == [.vanilla, .naive, .origChain])
        #expect(OtherDesigns.family(of: .ubuf2011) == [.ubuf2011, .msgZerocopy2017])
    }

    /// The exact line for `expand` under each 2008 design.
    @Test func expandUnderEach2008Design() {
        let line = { (d: Design) in OtherDesigns(Self.program.calls, design: d) }
        #expect(line(.naive).line(Self.tunFree) == "other designs: vanilla: no data destructor · orig-chain: call 10")
        #expect(line(.origChain).line(Self.tunFree) == "other designs: vanilla: no data destructor · naive: call 9 (premature)")
        #expect(line(.vanilla).endLines() == [
            "tun_free(d1) never fired under vanilla (no data destructor); naive: call 9 (premature) · orig-chain: call 10",
        ])
        #expect(line(.naive).endLines().isEmpty && line(.origChain).endLines().isEmpty)
    }

    @Test func expandUnderTheZerocopyDesigns() {
        let u1 = OtherDesigns.Key(.zerocopyCallback(ubuf: 1, fn: "tun_free", success: nil, via: .copy))!
        #expect(OtherDesigns(Self.program.calls, design: .ubuf2011).line(u1) == "other designs: msg-zerocopy-2017: call 7 (skb_copy_ubufs)")
        #expect(OtherDesigns(Self.program.calls, design: .msgZerocopy2017).line(u1) == "other designs: ubuf-2011: call 7 (skb_copy_ubufs)")
    }

    /// Each call is named once, with how its own firings ran: under 4.14, `segment`'s u1 is
    /// called back by `skb_copy_ubufs` at call 10 and by the last release at call 12.
    @Test func aDestructorThatFiresAtTwoCallsSaysHowAtEach() {
        let p = Parser.parse(DemoCatalog.named("segment")!.source, file: "demos/segment.skb")
        let u1 = OtherDesigns.Key(.zerocopyCallback(ubuf: 1, fn: "zc_done", success: nil, via: .release))!
        #expect(OtherDesigns(p.calls, design: .ubuf2011).line(u1) == "other designs: msg-zerocopy-2017: calls 10 (skb_copy_ubufs), 12")
    }

    /// Two firings in one call are one entry that counts them.
    @Test func twoFiringsInOneCallAreCountedThere() {
        let u1 = OtherDesigns.Key(.zerocopyCallback(ubuf: 1, fn: "zc_done", success: nil, via: .release))!
        let run = OtherDesigns.Run(design: .msgZerocopy2017, firings: [
            .init(key: u1, call: 4, premature: true, via: nil),
            .init(key: u1, call: 7, premature: false, via: nil),
            .init(key: u1, call: 7, premature: false, via: .copy),
        ], failedCall: nil)
        #expect(OtherDesigns.when(u1, in: run) == "calls 4 (premature), 7 (2 times, skb_copy_ubufs)")
    }

    @Test func theWalkOfRunShowsItUnderTheEvent() throws {
        var records: [CallRecord] = []
        _ = ScenarioRun.execute(Self.program, design: .naive) { r, _ in records.append(r) }
        let others = OtherDesigns(Self.program.calls, design: .naive)
        let walk = Walk.lines(records[8], design: .naive, others: others)
        let i = try #require(walk.firstIndex(of: "       event data_destructor d1 tun_free"))
        #expect(walk[i + 1] == "         other designs: vanilla: no data destructor · orig-chain: call 10")
        #expect(walk[i + 2].hasPrefix("       VIOLATION premature_destructor"))
    }

    @Test func theTranscriptShowsItInASCII() {
        let naive = Transcript.of(Self.program, design: .naive).lines
        #expect(naive.contains("         other designs: vanilla: no data destructor; orig-chain: call 10"))
        let vanilla = Transcript.of(Self.program, design: .vanilla).lines
        #expect(vanilla.suffix(3) == [
            "end: 10 calls completed, 0 leaks",
            "  tun_free(d1) never fired under vanilla (no data destructor); naive:",
            "      call 9 (premature); orig-chain: call 10",
        ])
    }
}
