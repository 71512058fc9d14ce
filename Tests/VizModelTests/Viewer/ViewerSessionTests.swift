import Testing
import VizModel

@Suite struct ViewerSessionTests {
    @Test func countsRepeatMotionsAndGGoesToAStep() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "5n")
        #expect(s.history.cursor == 5)
        try ViewerFixture.press(&s, "2p")
        #expect(s.history.cursor == 3)
        try ViewerFixture.press(&s, "20g")
        #expect(s.history.cursor == 20)
        #expect(s.count == nil)
        try ViewerFixture.press(&s, "G")
        #expect(s.history.cursor == s.history.stepCount)
        try ViewerFixture.press(&s, "g")
        #expect(s.history.cursor == 0)
        try ViewerFixture.press(&s, "12<End>")
        #expect(s.history.cursor == 12)
        try ViewerFixture.press(&s, "999g")
        #expect(s.history.cursor == s.history.stepCount)
        try ViewerFixture.press(&s, "<Home> <Right> <Space> l <Left>")
        #expect(s.history.cursor == 2)
    }

    @Test func aCountShowsWhileTypedAndEscCancelsIt() throws {
        var s = try ViewerFixture.session()
        #expect(s.handle(.character("4")) == .redraw)
        #expect(s.handle(.character("2")) == .redraw)
        #expect(s.count == 42)
        #expect(s.handle(.escape) == .redraw)
        #expect(s.count == nil)
        #expect(s.handle(.character("0")) == .none, "0 alone is no count")
    }

    @Test func undoAtTheRootStaysAndSaysSo() throws {
        var s = try ViewerFixture.session()
        #expect(s.handle(.character("p")) == .redraw)
        #expect(s.history.cursor == 0)
        #expect(s.status == "at the first step")
    }

    /// A motion that finds nothing says so in the hint bar, never silently does nothing.
    @Test func motionsThatFindNothingSaySo() throws {
        var s = try ViewerFixture.session()
        #expect(s.apply(.nextViolation) == .redraw && s.history.cursor == 0)
        #expect(s.status == "no violation under orig-chain")
        for (command, status) in [(ViewerCommand.previousViolation, "no violation under orig-chain"),
                                  (.previousFree, "no destructor or free event before this step"), (.previousCall, "at the first step")] {
            _ = s.apply(command)
            #expect(s.status == status)
        }
        _ = s.apply(.lastStep)
        for (command, status) in [(ViewerCommand.nextFree, "no destructor or free event after this step"),
                                  (.nextCall, "at the end of the last call"), (.nextStep, "at the last step")] {
            #expect(s.apply(command) == .redraw)
            #expect(s.status == status)
        }
        _ = s.handle(.character("g"))
        #expect(s.status == nil, "the message lasts until the next key")
    }

    @Test func callMotionsGoToTheEndsOfCalls() throws {
        var s = try ViewerFixture.session()
        let h = s.history
        #expect(s.apply(.nextCall) == .redraw)
        #expect(s.history.cursor == h.end(ofCall: 1))
        _ = s.apply(.nextCall, count: 6)
        #expect(s.history.cursor == h.end(ofCall: 7))
        _ = s.apply(.nextStep, count: 2)
        _ = s.apply(.nextCall)
        #expect(s.history.cursor == h.end(ofCall: 8), "from inside a call, N goes to its end")
        _ = s.apply(.firstStep, count: h.end(ofCall: 7) + 2)
        _ = s.apply(.previousCall)
        #expect(s.history.cursor == h.end(ofCall: 7))
        _ = s.apply(.previousCall, count: 3)
        #expect(s.history.cursor == h.end(ofCall: 4))
        _ = s.apply(.previousCall, count: 99)
        #expect(s.history.cursor == 0)
    }

    @Test func freeAndViolationMotions() throws {
        var s = try ViewerFixture.session(ViewerFixture.violations, file: "v.skb")
        let h = s.history
        let events = (1...h.stepCount).filter { i in h.outcomes(ofStep: i).contains { if case .event = $0 { true } else { false } } }
        #expect(s.apply(.nextFree) == .redraw)
        #expect(s.history.cursor == events[0])
        _ = s.apply(.nextFree, count: 2)
        #expect(s.history.cursor == events[2])
        _ = s.apply(.previousFree)
        #expect(s.history.cursor == events[1])
        _ = s.apply(.firstStep)
        _ = s.apply(.nextViolation)
        #expect(s.history.outcomes(ofStep: s.history.cursor).contains { if case .violation = $0 { true } else { false } })
        #expect(s.history.position.call == 6)
        // The leak of the unbound clone is found at the end: `v` stops there too.
        #expect(!s.endViolations.isEmpty)
        _ = s.apply(.nextViolation)
        #expect(s.history.cursor == h.stepCount)
        #expect(s.apply(.nextViolation) == .redraw)
        #expect(s.history.cursor == h.stepCount)
        #expect(s.status == "no violation after this step under orig-chain")
        _ = s.apply(.previousViolation)
        #expect(s.history.position.call == 6)
    }

    /// Where the events pane is not on the screen (below 120 columns), the leaks at the end
    /// still show: the steps pane lists them at the last step, in view after `v`, and the hint
    /// bar says why `v` stopped there.
    @Test func aLeakAtTheEndShowsAfterVAtEverySize() throws {
        let source = "a = alloc_skb(64)\nskb_clone(a)\np = alloc_page()\nput_page(p)\nkfree_skb(a)\n"
        for size in [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 160, height: 50)] {
            var s = try ViewerFixture.session(source, file: "leak.skb")
            s.screenSize = size
            try ViewerFixture.press(&s, "v")
            #expect(s.history.cursor == s.history.stepCount)
            let lines = ViewerLayout.grid(s, size: size, options: ViewerFixture.noColor).lines
            #expect(lines.last == " the walk ends with a leak: s2, d1 (nothing the scenario holds reaches them)", "\(size)")
            let steps = lines.drop { !$0.hasPrefix("┌─ kfree_skb(a)") }.map { $0.dropFirst(2) }
            #expect(steps.contains { $0.hasPrefix("end: VIOLATION leak: s2 is still allocated but nothing the scenario holds") }, "\(size)")
        }
        var s = try ViewerFixture.session(source, file: "leak.skb")
        try ViewerFixture.press(&s, "G")
        #expect(s.status == nil, "only v says why it stopped")
        try ViewerFixture.press(&s, "v")
        #expect(s.status == "no violation after this step under orig-chain")
    }

    /// Below 80×24 only the objects pane is drawn: Tab moves to no hidden pane (and says
    /// why in the hint bar), and j/k scroll the objects pane even when Tab chose another at a
    /// larger size.
    @Test func belowTheDesignSizeTheObjectsPaneKeepsTheFocus() throws {
        var s = try ViewerFixture.session()
        s.screenSize = Size(width: 80, height: 24)
        try ViewerFixture.press(&s, "20n <Tab>")
        #expect(s.focus == .steps)
        s.screenSize = Size(width: 70, height: 20)
        #expect(s.focus == .objects)
        #expect(s.handle(.tab) == .redraw && s.focus == .objects)
        #expect(ViewerLayout.grid(s, size: s.screenSize, options: ViewerFixture.noColor).lines.last
            == " 70×20 shows only the objects pane: the steps and events need 80×24")
        try ViewerFixture.press(&s, "jj")
        #expect(s.scroll[.objects] == 2 && s.scroll[.steps] == nil)
        s.screenSize = Size(width: 80, height: 24)
        #expect(s.focus == .steps, "the focus Tab chose comes back with the panes")
    }

    @Test func tabCyclesFocusAndScrollIsPerPane() throws {
        var s = try ViewerFixture.session()
        s.screenSize = Size(width: 80, height: 24)
        #expect(s.focus == .objects)
        #expect(s.handle(.character("j")) == .none, "nothing allocated: nothing to scroll")
        try ViewerFixture.press(&s, "20n jjj")
        #expect(s.scroll[.objects] == 3)
        try ViewerFixture.press(&s, "<Tab>")
        #expect(s.focus == .steps)
        try ViewerFixture.press(&s, "99k")
        #expect(s.scroll[.steps] == 0, "up to the first step")
        #expect(s.scroll[.objects] == 3)
        try ViewerFixture.press(&s, "<Tab><Tab>")
        #expect(s.focus == .objects)
        try ViewerFixture.press(&s, "<S-Tab>")
        #expect(s.focus == .events)
        #expect(s.handle(.character("j")) == .none, "already at the newest event")
    }

    /// The steps pane follows the current step; k scrolls it up to the steps above, which it
    /// marks ↑ (it did nothing: the pane only scrolled down from where it followed), and a
    /// motion follows the current step again.
    @Test func theStepsAboveTheCurrentOneCanBeScrolledTo() throws {
        var s = try ViewerFixture.session()
        s.screenSize = Size(width: 80, height: 24)
        func steps() -> [String] { Array(ViewerLayout.grid(s, size: s.screenSize, options: ViewerFixture.noColor).lines[14..<22]) }
        try ViewerFixture.press(&s, "20n <Tab>")
        #expect(steps()[0].hasSuffix("↑│") && !steps().contains { $0.contains("  1 size = ") })
        #expect(s.handle(.character("k")) == .redraw)
        // A page is the rows of steps shown less one, as less keeps a line.
        let rows = steps().prefix { !$0.hasPrefix("│ note:") }.count, before = s.scroll[.steps] ?? 0
        try ViewerFixture.press(&s, "<PgUp>")
        #expect(before - (s.scroll[.steps] ?? 0) == min(before, rows - 1))
        try ViewerFixture.press(&s, "<PgUp> <PgUp> <PgUp>")
        #expect(steps()[0].hasPrefix("│   1 size = SKB_DATA_ALIGN(32 + 256 + 0) = 320"), "\(steps().joined(separator: "\n"))")
        #expect(s.handle(.character("k")) == .none, "at the first step")
        try ViewerFixture.press(&s, "p")
        #expect(s.scroll[.steps] == nil && steps().contains { $0.hasPrefix("│ ▶ 7 ") }, "a motion follows the current step")
    }

    /// In the events pane j goes down, to newer events, and k up, to older ones; past either
    /// end they do nothing, so the other key moves at once.
    @Test func theEventsScrollUpWithKAndDownWithJ() throws {
        var s = try ViewerFixture.session(ViewerFixture.long(8), file: "long.skb")
        s.screenSize = Size(width: 80, height: 24)
        func events() -> [String] {
            let lines = ViewerLayout.grid(s, size: s.screenSize, options: ViewerFixture.noColor).lines
            let top = lines.firstIndex { $0.hasPrefix("┌─ ▶events") } ?? 0
            return Array(lines[(top + 1)...].prefix { !$0.hasPrefix("└") })
        }
        try ViewerFixture.press(&s, "G <S-Tab>")
        let newest = events()
        #expect(s.handle(.character("j")) == .none, "already at the newest")
        try ViewerFixture.press(&s, "3k")
        #expect(events()[3] == newest[0], "three lines up")
        try ViewerFixture.press(&s, "99k j")
        #expect(s.scroll[.events]! > 0 && events()[0].hasPrefix("│ call"), "one down from the oldest")
        try ViewerFixture.press(&s, "99j")
        #expect(events() == newest)
    }

    @Test func helpOverlayFiltersAndClosesAndQQuitsOutsideTheFilter() throws {
        var s = try ViewerFixture.session()
        #expect(s.handle(.character("?")) == .redraw)
        #expect(s.help == ViewerSession.Help())
        #expect(s.handle(.character("n")) == .none, "keys other than the overlay's do nothing")
        #expect(s.history.cursor == 0)
        try ViewerFixture.press(&s, "/undo")
        #expect(s.help?.filter == "undo")
        #expect(s.help?.isEditingFilter == true)
        #expect(ViewerLayout.helpRows(filter: "undo").map(\.help) == ["previous step (undo)"])
        #expect(s.handle(.interrupt) == .quit)
        try ViewerFixture.press(&s, "<Enter>")
        #expect(s.help?.isEditingFilter == false)
        // In the filter `q` is a letter, as at the prompts: the legend's sk_error_queue is found.
        try ViewerFixture.press(&s, "<Backspace> /")
        ViewerFixture.type(&s, "sk_error_queue")
        let overlay = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        #expect(overlay.contains { $0.contains("sk_error_queue        MSG_ZEROCOPY: the completed send ranges") })
        #expect(s.help?.filter == "sk_error_queue" && s.help?.isEditingFilter == true)
        #expect(s.handle(.escape) == .redraw, "Esc leaves the filter (and clears it)")
        #expect(s.help != nil && s.help?.isEditingFilter == false)
        #expect(s.handle(.character("q")) == .quit, "then q quits, as elsewhere")
        try ViewerFixture.press(&s, "/undo<Enter>")
        #expect(s.handle(.escape) == .redraw)
        #expect(s.help == nil)
        try ViewerFixture.press(&s, "<F1>")
        #expect(s.help != nil)
        try ViewerFixture.press(&s, "?")
        #expect(s.help == nil)
        #expect(s.handle(.character("q")) == .quit)
    }

    @Test func helpListsEveryCommandOfTheTable() {
        let rows = ViewerLayout.helpRows(filter: "")
        for entry in ViewerCommand.table {
            #expect(rows.contains { $0.help == entry.help })
        }
        let keys = ViewerCommand.table.flatMap(\.keys)
        #expect(Set(keys).count == keys.count, "a key is bound twice")
        for key in [Key.character("n"), .right, .character("l"), .character(" "), .character("p"), .left, .character("h"),
                    .character("u"), .character("N"), .character("P"), .character("g"), .home, .character("G"), .end,
                    .character("c"), .character("C"), .character("v"), .character("V"), .character("j"), .character("k"),
                    .pageUp, .pageDown, .tab, .character("?"), .function(1), .character("q")] {
            #expect(Keymap.standard.command(for: key) != nil, "\(key) unbound")
        }
    }

    @Test func appendTypedCallDropsWhatFollows() throws {
        var s = try ViewerFixture.session()
        _ = s.apply(.nextCall, count: 7)
        let base = s.history.state(afterCall: s.history.completedCalls)
        var runner = Runner(design: .origChain, state: base)
        let statement = try Parser.parseCall("c = skb_clone(b)", line: 40, names: ["b": .init(kind: .skb, line: 18)]).get()
        let steps = try runner.run(statement).get()
        s.appendTypedCall(CallRecord(op: 8, statement: statement, steps: steps))
        #expect(s.history.callCount == 8)
        #expect(s.history.cursor == s.history.start(ofCall: 8) + 1, "the cursor is on the typed call's first step")
        _ = s.apply(.lastStep)
        #expect(s.history.state == runner.state)
    }

    @Test func replaceRunSwitchesDesignKeepingThePlace() throws {
        var s = try ViewerFixture.session()
        _ = s.apply(.firstStep, count: 22)
        let before = s.history.position
        let vanilla = ViewerFixture.run(ViewerFixture.expandSource, design: .vanilla).records
        s.replaceRun(design: .vanilla, history: StepHistory(calls: vanilla.map(\.steps)), failure: nil)
        #expect(s.scenario.design == .vanilla)
        #expect(s.history.position == before)
    }

    /// `d` keeps the cursor on the same call and step where the other design has them; a
    /// design that must clamp it does not move it for the next, so coming back to a design
    /// comes back to the very step. A motion in between makes its place the one kept.
    @Test func switchingDesignsComesBackToTheSameStep() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "9N 7n")
        #expect(s.history.position == .init(call: 10, step: 7))
        try ViewerFixture.press(&s, "d")
        #expect(s.scenario.design == .ubuf2011 && s.history.position == .init(call: 10, step: 5), "ubuf-2011's kfree_skb has 5 steps")
        try ViewerFixture.press(&s, "d d d d")
        #expect(s.scenario.design == .origChain && s.history.position == .init(call: 10, step: 7))
        try ViewerFixture.press(&s, "d p d d d d")
        #expect(s.scenario.design == .origChain && s.history.position == .init(call: 10, step: 4), "p made step 4 the place kept")
    }

    /// Under a design whose run fails early the cursor waits at its end; the next design puts
    /// it back, and the message compares only the calls both designs ran.
    @Test func aRunThatFailsEarlyDoesNotMoveTheCursorForTheNextDesign() throws {
        let source = """
            a = alloc_skb(128)
            p1 = alloc_page()
            skb_add_rx_frag(a, 0, p1, 0, 1000)
            b = skb_clone(a)
            set_data_destructor(a, vhost_zerocopy_callback)
            c = skb_clone(a)
            kfree_skb(c)
            kfree_skb(b)
            kfree_skb(a)
            """
        var s = try ViewerFixture.session(source, file: "sw.skb")
        try ViewerFixture.press(&s, "G")
        let end = s.history.position
        try ViewerFixture.press(&s, "d d")
        #expect(s.scenario.design == .msgZerocopy2017 && s.failure?.op == 6)
        #expect(s.history.position == .init(call: 5, step: 1) && s.history.cursor == s.history.stepCount)
        #expect(s.status?.hasSuffix("; no event differs from ubuf-2011 in the 5 calls both ran") == true)
        try ViewerFixture.press(&s, "d")
        #expect(s.scenario.design == .vanilla && s.history.position == end && s.history.position.call == 9)
        #expect(s.status == "design vanilla: no event differs from msg-zerocopy-2017 in the 5 calls both ran")
        #expect(s.designMarks.isEmpty, "calls 6 to 9 are not marked: msg-zerocopy-2017 never ran them")
    }

    @Test func aFailedCallEndsTheRunAndIsReported() throws {
        let s = try ViewerFixture.session("a = alloc_skb(100)\nkfree_skb(a)\nkfree_skb(a)\n", file: "f.skb")
        #expect(s.history.callCount == 2)
        #expect(s.failure?.op == 3)
    }

    /// A student's own file whose call fails: below 120 columns the events pane is not on the
    /// screen, so the hint bar says so on opening, and the steps pane says which call failed,
    /// why, and what did not run, at the end of the walk, at every size.
    @Test func aFailedCallIsSaidOnOpeningAndAtTheEndAtEverySize() throws {
        let source = "a = alloc_skb(100)\nskb_put(a, 200)\nkfree_skb(a)\n"
        for size in [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 160, height: 50)] {
            var s = try ViewerFixture.session(source, file: "fail.skb")
            s.screenSize = size
            let first = ViewerLayout.grid(s, size: size, options: ViewerFixture.noColor).lines
            #expect(first.last == " call 2 fails (the walk stops before it; G shows why at its end)", "\(size)")
            try ViewerFixture.press(&s, "G")
            let lines = ViewerLayout.grid(s, size: size, options: ViewerFixture.noColor).lines
            let steps = lines.drop { !$0.hasPrefix("┌─ a = alloc_skb(100)") }.map { String($0.dropFirst(2)) }
            let at = try #require(steps.firstIndex { $0.hasPrefix("call 2, skb_put(a, 200) at line 2, failed: skb_over_panic: ") }, "\(size)")
            let said = steps[at...].prefix(3).map { $0.split(separator: "│").first.map { $0.replacingOccurrences(of: "*", with: "").split(separator: " ").joined(separator: " ") } ?? "" }
                .joined(separator: " ")
            #expect(said.contains("with tailroom 128 (len 0); nothing of it ran, nor the call after it"), "\(size): \(said)")
        }
        let clean = try ViewerFixture.session()
        #expect(clean.status == nil, "a walk that runs to its end opens with the keys in the hint bar")
    }

    @Test func readingErrorsAreThrown() {
        #expect(throws: ReadingErrors.self) { try ViewerFixture.session("a = alloc_skb(\n", file: "bad.skb") }
    }

    /// A page bound to a kernel page's name is a reading error of the file under the zero-copy
    /// designs, in the viewer as in `run`: the file does not open on a walk that fails there.
    @Test func aReservedPageNameIsAReadingErrorOfTheFile() throws {
        let source = "a = alloc_skb(100)\nk1 = alloc_page()\nput_page(k1)\nkfree_skb(a)\n"
        for design in [Design.ubuf2011, .msgZerocopy2017] {
            let error = #expect(throws: ReadingErrors.self) { try ViewerFixture.session(source, file: "k.skb", design: design) }
            #expect(error?.diagnostics.map { "\($0.location.line):\($0.location.column)" } == ["2:1"], "\(design)")
        }
        #expect(try ViewerFixture.session(source, file: "k.skb", design: .origChain).failure == nil)
    }
}

/// The hang of the first run of `v`'s scrolling and the header's cut title: a motion at the end
/// of the walk is a redraw (with its message) that leaves the cursor where it is, so a loop
/// that walks with `n` must stop on the cursor, and every size draws in bounded time.
@Suite struct MotionAtTheEndTests {
    @Test func nextStepAtTheLastStepStaysPut() throws {
        var s = try ViewerFixture.session()
        _ = s.apply(.lastStep)
        let end = s.history.cursor
        for _ in 0..<3 {
            #expect(s.apply(.nextStep) == .redraw)
            #expect(s.history.cursor == end)
        }
    }

    @Test func everySizeUpTo82x26Draws() throws {
        var s = try ViewerFixture.session(DemoCatalog.named("naive-bug")!.source, file: "demos/naive-bug.skb")
        _ = s.apply(.nextViolation)
        for width in 0...82 {
            for height in [0, 1, 2, 11, 12, 23, 24, 26] {
                let grid = ViewerLayout.grid(s, size: Size(width: width, height: height), options: ViewerFixture.noColor)
                #expect(grid.lines.count == height)
            }
        }
    }
}
