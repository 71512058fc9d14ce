import Foundation
import Testing
import VizModel

@Suite struct ViewerLayoutTests {
    static func screen(_ script: String, source: String = ViewerFixture.expandSource, size: Size = Size(width: 120, height: 40),
                       options: ViewerOptions = ViewerFixture.noColor) throws -> Grid {
        var s = try ViewerFixture.session(source)
        try ViewerFixture.press(&s, script)
        return ViewerLayout.grid(s, size: size, options: options)
    }

    @Test func headerNamesFileTitleDesignCallAndStep() throws {
        let text = try Self.screen("7N 3n").lines.prefix(2).joined(separator: "\n")
        #expect(text.contains("demos/expand.skb"))
        #expect(text.contains("pskb_expand_head on zero-copy data"))
        #expect(text.contains("orig-chain"))
        #expect(text.contains("call 8/10: pskb_expand_head(a, 32, 0)"))
        #expect(text.contains("step 3/8"))
    }

    /// A title that repeats its file's name (`ubuf-tx: …`) leaves the name out: the path says
    /// it, and the 80-column header has no room for it twice.
    @Test func theHeaderDoesNotRepeatTheFilesName() throws {
        let demo = try ViewerFixture.session(DemoCatalog.named("ubuf-tx")!.source, file: "demos/ubuf-tx.skb")
        #expect(ViewerLayout.grid(demo, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines[0]
                == " skbviz  demos/ubuf-tx.skb  a clone copies the guest's pages and c...  ubuf-2011")
        let other = try ViewerFixture.session("title \"ubuf-tx: a copy\"\nx = alloc_skb(64)\n", file: "mine.skb")
        #expect(ViewerLayout.grid(other, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines[0]
                .hasPrefix(" skbviz  mine.skb  ubuf-tx: a copy"), "another file's title is kept whole")
    }

    /// The design's name stays whole: a long path and the title share the row, the path cut
    /// from the left down to its file's name, the title at its end; a long call gives way so
    /// that the step shows. A short path (`demos/…`) stays whole.
    @Test func theHeaderCutsThePathThenTheTitleNeverTheDesign() throws {
        let source = "title \"explore: premature_destructor at kfree_skb (orig-chain, 6 calls)\"\n"
            + "x1 = alloc_skb(64)\nset_data_destructor(x1, vhost_zerocopy_callback)\n"
        var s = try ViewerFixture.session(source, file: "/tmp/rv-explore/orig-chain/premature_destructor-kfree_skb.skb")
        func header(_ width: Int) -> [String] {
            Array(ViewerLayout.grid(s, size: Size(width: width, height: 24), options: ViewerFixture.noColor).lines.prefix(2))
        }
        #expect(header(80)[0] == " skbviz  .../premature_destructor-kfree_skb.skb  explore: prematu...  orig-chain")
        #expect(header(100)[0] == " skbviz  .../premature_destructor-kfree_skb.skb  explore: premature_destructor at kfr...  orig-chain")
        #expect(header(130)[0] == " skbviz  ...lore/orig-chain/premature_destructor-kfree_skb.skb  explore: premature_destructor at kfree_skb (orig-ch...  orig-chain",
                "path and title share the row")
        #expect(header(160)[0].hasPrefix(" skbviz  /tmp/rv-explore/orig-chain/premature_destructor-kfree_skb.skb  explore: premature_destructor at"))
        try ViewerFixture.press(&s, "G")
        #expect(header(80)[1] == " call 2/2: set_data_destructor(x1, vhost_zerocopy_cal...  step 1/1  (5/5 in all)")
        try ViewerFixture.press(&s, "d d")
        #expect(header(80)[0] == " skbviz  .../premature_destructor-kfree_skb.skb  explore:...  msg-zerocopy-2017")
        let demo = try ViewerFixture.session(DemoCatalog.named("naive-bug")!.source, file: "demos/naive-bug.skb")
        #expect(ViewerLayout.grid(demo, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines[0]
                == " skbviz  demos/naive-bug.skb  naive data destructor: fired while p1 is...  naive")
        let long = try ViewerFixture.session("x = alloc_skb(64)\n", file: "/" + String(repeating: "d/", count: 30) + String(repeating: "n", count: 70) + ".skb")
        #expect(ViewerLayout.grid(long, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines[0]
                == " skbviz  ..." + String(repeating: "n", count: 52) + ".skb  orig-chain")
    }

    @Test func aCallsOwnReferenceIsTheRunningCallsUntilItReturnsThenALeak() throws {
        // skb_clone's result, left unbound: the running call's while the call runs, then leaked.
        let source = "a = alloc_skb(100)\nskb_clone(a)\n"
        var s = try ViewerFixture.session(source, file: "u.skb")
        let steps = s.history.stepCount(ofCall: 2)
        #expect(steps >= 2)
        try ViewerFixture.press(&s, "N n")
        let during = ViewerLayout.grid(s, size: Size(width: 160, height: 50), options: ViewerFixture.noColor).lines
        #expect(during.contains { $0.contains("s2") && $0.contains("held by the running call") })
        try ViewerFixture.press(&s, "G")
        let after = ViewerLayout.grid(s, size: Size(width: 160, height: 50), options: ViewerFixture.noColor).lines
        #expect(after.contains { $0.contains("s2") && $0.contains("held by nobody (leaked)") })
    }

    @Test func aPageIsHeldOnlyByTheSlotsThatOwnAReference() throws {
        // Once d2's release has put its frag, its slot stays (as in the kernel) but holds no
        // reference: p is held by d1's slot alone.
        let source = "x = alloc_skb(64)\np = alloc_page()\nskb_add_rx_frag(x, 0, p, 0, 100)\nk = pskb_copy(x)\nkfree_skb(k)\n"
        var s = try ViewerFixture.session(source, file: "h.skb")
        try ViewerFixture.press(&s, "4N n")
        let put = try #require(s.shownSteps.firstIndex { $0.text.hasPrefix("put_page each frag of d2") })
        try ViewerFixture.press(&s, "g 4N \(put + 1)n")
        #expect(s.history.position == .init(call: 5, step: put + 1))
        let lines = ViewerLayout.grid(s, size: Size(width: 160, height: 50), options: ViewerFixture.noColor).lines
        #expect(lines.contains { $0.contains("p  count 1*") && $0.contains("held by d1 frags[0]") && !$0.contains("d2 frags") },
                "\(lines.joined(separator: "\n"))")
        #expect(Describe.page(s.history.state.page(named: "p")!, in: s.history.state) == "p  count 1  held by d1 frags[0]")
    }

    @Test func datarefIsAlwaysDecoded() throws {
        let lines = try Self.screen("7N 6n").lines
        #expect(lines.contains { $0.contains("dataref 0x00010002 = 2 refs, 1 payload-only → 1 header ref") })
        #expect(!lines.contains { $0.contains("dataref 65538") })
    }

    @Test func changesAreMarkedWithAStarWithoutColourAndOnlyByStyleInColour() throws {
        let plain = try Self.screen("7N 8n", options: ViewerFixture.noColor)
        #expect(plain.lines.contains { $0.contains("cloned 0*") })
        #expect(plain.lines.contains { $0.contains("dataref 0x00000001 = 1 ref*") })
        let colour = try Self.screen("7N 8n", options: ViewerFixture.color)
        #expect(!colour.lines.contains { $0.contains("cloned 0*") })
        #expect(colour.styledRuns.contains { $0.style.changed && $0.text == "0" })
        #expect(plain.styledRuns.contains { $0.style.changed && $0.text == "0*" })
    }

    @Test func anObjectFreedByTheStepIsDrawnFreedForThatStep() throws {
        let at = try Self.screen("8N 3n").lines
        #expect(at.contains { $0.contains("b*  s2*  freed*") })
        let after = try Self.screen("8N 4n").lines
        #expect(!after.contains { $0.contains("s2") && $0.contains("freed") })
    }

    /// A page whose count the step took to 0 is drawn freed: `put_page` frees it (2.6.28
    /// `mm/swap.c`: `put_page_testzero`, then `__page_cache_release`).
    @Test func aPageFreedByTheStepSaysPutPageFreesIt() throws {
        let lines = try Self.screen("G", source: "p = alloc_page()\nput_page(p)\n").lines
        #expect(lines.contains { $0.contains("freed*  (count reached 0: put_page frees it)") }, "\(lines.joined(separator: "\n"))")
    }

    @Test func objectsKeepTheirRowsWhileTheyLive() throws {
        let source = "a = alloc_skb(100)\nb = alloc_skb(100)\nkfree_skb(a)\nc = alloc_skb(100)\n"
        func row(of name: String, _ script: String) throws -> Int? {
            try Self.screen(script, source: source).lines.firstIndex { $0.contains("│ \(name) ") }
        }
        let b = try row(of: "b", "2N")
        #expect(b != nil)
        #expect(try row(of: "b", "3N") == b, "b stays when a above it goes")
        #expect(try row(of: "b", "4N") == b)
        #expect(try row(of: "c", "4N") == b.map { $0 - 1 }, "c takes a's free slot")
    }

    @Test func stepPaneShowsStepsMarkedCurrentAndTheNote() throws {
        let lines = try Self.screen("7N 5n").lines
        #expect(lines.contains { $0.contains("▶ 5 skb_ref_data_parent") })
        #expect(lines.contains { $0.contains("note: ") })
    }

    @Test func eventsPaneListsEventsWithTheirCall() throws {
        let lines = try Self.screen("G").lines
        #expect(lines.contains { $0.contains("call 9   event free_skb s2") })
        #expect(lines.contains { $0.contains("call 10  event data_destructor d1 tun_free") })
        #expect(lines.contains { $0.contains("call 10  event free_skb s1*") }, "the current step's events are marked")
    }

    @Test func belowTheDesignSizeOnlyObjectsAndBelowTheMinimumTheMessage() throws {
        let small = try Self.screen("7N", size: Size(width: 60, height: 20))
        #expect(small.lines.last!.contains("60×20: objects only"))
        #expect(small.lines.contains { $0.contains("s1") })
        let tiny = try Self.screen("7N", size: Size(width: 30, height: 10))
        #expect(tiny.lines.contains { $0.contains("terminal too small: 30×10,") })
        #expect(try Self.screen("", size: Size(width: 39, height: 11)).lines.contains { $0.contains("terminal too small: 39×11, need 40×12") },
                "the message names the smallest size that draws")
        #expect(!(try Self.screen("", size: Size(width: 40, height: 12)).lines.contains { $0.contains("too small") }))
    }

    @Test func asciiGlyphsDrawNoBoxCharacters() throws {
        let grid = try Self.screen("7N 5n", options: ViewerOptions(usesColor: false, glyphs: .ascii))
        #expect(grid.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test func asciiHelpNamesTheArrowKeysAndDrawsOnlyASCII() throws {
        let ascii = ViewerOptions(usesColor: false, glyphs: .ascii)
        // Scrolled a page at a time through the whole list: every row is drawn once.
        var rows: [String] = []
        for pages in 0..<8 {
            let grid = try Self.screen("?" + String(repeating: " <PgDn>", count: pages), size: Size(width: 80, height: 40), options: ascii)
            rows += grid.lines
        }
        let text = rows.joined(separator: "\n")
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains("n Right l Space"))
        #expect(text.contains("p Left h u"))
        #expect(text.contains("j Down"))
        #expect(text.contains("k Up"))
        #expect(text.contains("(marked >)"))
        #expect(text.contains("value before -> after"))
        // The Unicode screen keeps its arrows.
        let unicode = try Self.screen("?", size: Size(width: 80, height: 40)).lines.joined(separator: "\n")
        #expect(unicode.contains("n → l Space"))
    }

    @Test func helpOverlayIsDrawnOverTheScreen() throws {
        let grid = try Self.screen("? /back", size: Size(width: 80, height: 24))
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("help: keys"))
        #expect(text.contains("/ filter: back_"))
        #expect(!text.contains("next violation"))
    }

    @Test func twoHundredLiveObjectsAreAllDrawn() throws {
        // The frame time with 200 live objects is bench 2 of Scripts/bench; here, that they all
        // get their place on a screen tall enough.
        let source = (0..<70).map { "a\($0) = alloc_skb(\(100 + $0 * 7))\np\($0) = alloc_page()\nskb_add_rx_frag(a\($0), 0, p\($0), 0, 100)" }
            .joined(separator: "\n")
        var s = try ViewerFixture.session(source)
        _ = s.apply(.lastStep)
        #expect(s.history.state.skbs.count + s.history.state.data.count + s.history.state.pages.count == 210)
        let lines = ViewerLayout.grid(s, size: Size(width: 160, height: 1200), options: ViewerFixture.color).lines
        for i in 0..<70 {
            #expect(lines.contains { $0.contains("│ a\(i) ") }, "a\(i)")
            #expect(lines.contains { $0.contains("│ p\(i) ") }, "p\(i)")
            #expect(lines.contains { $0.contains("│ d\(i + 1) ") }, "d\(i + 1)")
        }
    }
}
