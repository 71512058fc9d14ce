import Testing
import VizModel

/// Typed calls (`:`), the design switch (`d`) and the export prompt (`e`).
@Suite struct TypedCallTests {
    @Test func aTypedCallThenUndoGivesBackTheExactEarlierState() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "7N")
        let before = s.history.state, cursor = s.history.cursor
        try ViewerFixture.press(&s, ":c<Space>=<Space>pskb_copy(b)<Enter>")
        #expect(s.prompt == nil)
        #expect(s.history.callCount == 8)
        #expect(s.calls[7].text == "c = pskb_copy(b)")
        #expect(s.history.cursor == cursor + 1, "the cursor is on the typed call's first step")
        #expect(s.history.position == .init(call: 8, step: 1))
        try ViewerFixture.press(&s, "p")
        #expect(s.history.cursor == cursor)
        #expect(s.history.state == before)
        // Redo then undo through the whole call, and a long jump back: still the same state.
        try ViewerFixture.press(&s, "G 99p 7N")
        #expect(s.history.state == before)
    }

    @Test func theTypedCallRunsOnTheStateAtTheCursorAndMatchesAFile() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "7N :kfree_skb(a)<Enter> G")
        let direct = ViewerFixture.run(s.calls.map(\.text).joined(separator: "\n")).states.last!
        #expect(s.history.state.skbs == direct.skbs)
        #expect(s.history.state.data == direct.data)
        #expect(s.history.state.pages == direct.pages)
        #expect(s.history.state.bindings == direct.bindings)
    }

    @Test func aTypedCallAfterAnUndoDropsTheRedoSteps() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "G 3P")
        #expect(s.history.position.call == 7)
        try ViewerFixture.press(&s, ":skb_get(b)<Enter>")
        #expect(s.history.callCount == 8)
        #expect(s.calls.count == 8)
        #expect(s.calls.last?.text == "skb_get(b)")
        try ViewerFixture.press(&s, "G")
        #expect(s.history.cursor == s.history.stepCount)
        #expect(s.history.position.call == 8, "the old calls 8 to 10 are gone")
    }

    @Test func inTheMiddleOfACallTheTypedCallGoesAfterIt() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "7N 2n")
        #expect(s.history.position == .init(call: 8, step: 2))
        #expect(s.typedCallPoint == 8, "pskb_expand_head is atomic: it completes first")
        try ViewerFixture.press(&s, ":skb_get(a)<Enter>")
        #expect(s.calls.map(\.text).suffix(2) == ["pskb_expand_head(a, 32, 0)", "skb_get(a)"])
        #expect(s.history.position == .init(call: 9, step: 1))
        // At step 0 of the session, the typed call goes first and replaces every call.
        try ViewerFixture.press(&s, "g")
        #expect(s.typedCallPoint == 0)
        try ViewerFixture.press(&s, ":x<Space>=<Space>alloc_skb(64)<Enter>")
        #expect(s.calls.map(\.text) == ["x = alloc_skb(64)"])
    }

    @Test func errorsAreShownInlineAndNothingIsApplied() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "7N")
        let before = (calls: s.calls, callEnds: s.history.callEnds, cursor: s.history.cursor, state: s.history.state)
        // Where the typed call will be in the log: after call 7, without call 8's notes.
        let line = SessionLog.line(ofCall: 7, in: Array(s.calls.prefix(7)), title: s.scenario.title)
        try ViewerFixture.press(&s, ":kfree_skb(zz)<Enter>")
        #expect(s.prompt?.messages == ["\(line):11: error: name 'zz' is not bound before this line", "names alive here: a, b"])
        #expect(s.prompt?.isError == true)
        #expect(s.prompt?.caret == 10)
        #expect(s.calls == before.calls && s.history.callEnds == before.callEnds)
        #expect(s.history.cursor == before.cursor && s.history.state == before.state)
        // A run-time error: the same message a file gives (the kernel's check).
        try ViewerFixture.press(&s, "<Esc> :skb_put(a,<Space>100000)<Enter>")
        #expect(s.prompt?.messages.first?.hasPrefix("\(line):") == true)
        #expect(s.prompt?.messages.first?.contains("SKB_LINEAR_ASSERT") == true)
        #expect(s.calls == before.calls && s.history.callEnds == before.callEnds)
        // Typing edits the line and clears the error; Esc closes the prompt; q is a letter there.
        try ViewerFixture.press(&s, "q")
        #expect(s.prompt?.messages == [])
        #expect(s.prompt?.text.hasSuffix("q") == true)
        try ViewerFixture.press(&s, "<Esc>")
        #expect(s.prompt == nil)
    }

    /// One Backspace too many leaves the prompt open and empty: the rest of the typing is not
    /// run as viewer keys (here `n`, `G`, `e` would step, jump and open the export prompt).
    @Test func backspaceOnAnEmptyPromptDoesNothing() throws {
        for opening in [":", "e"] {
            var s = try ViewerFixture.session()
            try ViewerFixture.press(&s, "\(opening)ab <BS> <BS>")
            let prompt = s.prompt
            #expect(s.handle(.backspace) == .none)
            #expect(s.prompt == prompt && s.prompt?.text == "")
            try ViewerFixture.press(&s, "<BS> nGe")
            #expect(s.prompt?.text == "nGe")
            #expect(s.history.cursor == 0)
        }
    }

    /// The line editor's keys reach the prompt through its keymap.
    @Test func thePromptEditsWithReadlineKeys() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "7N :c<Space>=<Space>pskb_copy(b)<C-a><C-f><C-f><C-k>")
        #expect(s.prompt?.text == "c ")
        try ViewerFixture.press(&s, "<C-e>=<Space>skb_clone(b)<C-b><Left><C-w>")
        #expect(s.prompt?.text == "c = b)" && s.prompt?.cursor == 4)
        try ViewerFixture.press(&s, "<C-u>x<Space>=<Space>skb_clone(<End><Del><Enter>")
        #expect(s.prompt == nil)
        #expect(s.calls.last?.text == "x = skb_clone(b)")
    }

    @Test func tabCompletesCallNamesAndTheNamesAliveAtTheCursor() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "7N :skb_cl<Tab>")
        #expect(s.prompt?.text == "skb_clone(")
        try ViewerFixture.press(&s, "<Tab>")
        #expect(s.prompt?.messages == ["a  b  p1"] || s.prompt?.messages.first?.contains("a  b") == true)
        try ViewerFixture.press(&s, "b<Tab>")
        #expect(s.prompt?.text == "skb_clone(b")
        try ViewerFixture.press(&s, "<Esc> :c<Space>=<Space>pskb_c<Tab>")
        #expect(s.prompt?.text == "c = pskb_copy(")
        // After the whole demo, a and b were given back: not alive.
        try ViewerFixture.press(&s, "<Esc> G")
        #expect(!s.namesAliveAtCursor.contains("a"))
        #expect(!s.namesAliveAtCursor.contains("b"))
    }

    @Test func upAndDownWalkTheTypedHistory() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "7N :skb_get(a)<Enter> :skb_get(b)<Enter> :draft<Up>")
        #expect(s.prompt?.text == "skb_get(b)")
        try ViewerFixture.press(&s, "<Up> <Up>")
        #expect(s.prompt?.text == "skb_get(a)")
        try ViewerFixture.press(&s, "<Down> <Down>")
        #expect(s.prompt?.text == "draft")
    }

    @Test func theDesignSwitchKeepsTheCursorOnTheSameCallAndStep() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "3N 1n")
        let place = s.history.position
        #expect(s.apply(.switchDesign) == .redraw)
        #expect(s.scenario.design == .ubuf2011)
        #expect(s.history.position == place)
        for design in [Design.msgZerocopy2017, .vanilla, .naive, .origChain] {
            try ViewerFixture.press(&s, "d")
            #expect(s.scenario.design == design)
            #expect(s.history.position == place)
        }
        #expect(s.calls.count == 10, "calls after a failure under one design come back under the next")
        #expect(s.history.callCount == 10)
    }

    @Test func aCallThatFailsKeepsTheCallsBeforeItAcrossSwitches() throws {
        var s = try ViewerFixture.session("a = alloc_skb(100)\nkfree_skb(a)\nkfree_skb(a)\nb = alloc_skb(1)\n", file: "f.skb")
        try ViewerFixture.press(&s, "G d d d")
        #expect(s.scenario.design == .vanilla)
        #expect(s.failure?.op == 3)
        #expect(s.history.callCount == 2)
        #expect(s.calls.count == 4, "the failed call and those after it are kept for the next switch")
        #expect(s.history.cursor == s.history.stepCount)
        // A typed call at the end replaces the failed call.
        try ViewerFixture.press(&s, ":c<Space>=<Space>alloc_skb(5)<Enter>")
        #expect(s.failure == nil)
        #expect(s.calls.map(\.text) == ["a = alloc_skb(100)", "kfree_skb(a)", "c = alloc_skb(5)"])
    }

    @Test func eventsThatDifferFromThePreviousDesignAreMarked() throws {
        var s = try ViewerFixture.session(ViewerFixture.violations, file: "v.skb")
        try ViewerFixture.press(&s, "G")
        s.switchDesign()  // ubuf-2011
        s.switchDesign()  // msg-zerocopy-2017
        s.switchDesign()  // vanilla: set_data_destructor fails
        s.switchDesign()  // naive
        #expect(s.markedAgainst == .vanilla)
        #expect(!s.designMarks.isEmpty)
        s.switchDesign()  // orig-chain, against naive: the premature destructor is gone
        #expect(s.markedAgainst == .naive)
        try ViewerFixture.press(&s, "G")
        let grid = ViewerLayout.grid(s, size: Size(width: 160, height: 50), options: ViewerFixture.noColor)
        #expect(grid.lines.joined().contains("differs from naive"))
        #expect(grid.lines.joined().contains("≠"))
    }

    @Test func theExportPromptAsksForAPathAndConfirmsAnOverwrite() throws {
        var s = try ViewerFixture.session()
        #expect(s.handle(.character("e")) == .redraw)
        #expect(s.prompt?.kind == .exportPath)
        #expect(s.handle(.enter) == .export(path: nil, overwrite: false))
        try ViewerFixture.press(&s, "e log1")
        #expect(s.handle(.enter) == .export(path: "log1", overwrite: false))
        s.exportNeedsConfirmation(path: "log1", existing: ["log1.skb"])
        #expect(s.handle(.character("x")) == .none)
        #expect(s.handle(.character("y")) == .export(path: "log1", overwrite: true))
        s.exportNeedsConfirmation(path: "log1", existing: ["log1.skb"])
        #expect(s.handle(.character("n")) == .redraw)
        #expect(s.prompt == nil)
        #expect(s.status?.contains("not written") == true)
        s.exportFinished("wrote log1.skb")
        let grid = ViewerLayout.grid(s, size: Size(width: 100, height: 30), options: ViewerFixture.noColor)
        #expect(grid.lines.last?.contains("wrote log1.skb") == true)
        #expect(s.handle(.character("j")) != .none)
        #expect(s.status == nil)
    }

    @Test func thePromptIsDrawnAtTheBottomWithACaretUnderTheError() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "7N :kfree_skb(zz)<Enter>")
        let lines = ViewerLayout.grid(s, size: Size(width: 100, height: 30), options: ViewerFixture.noColor).lines
        #expect(lines[29].hasPrefix("            ^"))
        #expect(lines[28].hasPrefix(": kfree_skb(zz)"))
        #expect(lines[27] == " names alive here: a, b")
        #expect(lines[26].contains("error: name 'zz' is not bound"))
    }

    /// A student types a name the walk binds later: the message says which call binds it and
    /// that it is after the cursor, and which names can be used here.
    @Test func aNameBoundLaterInTheWalkSaysWhichCallAndWhatIsAliveHere() throws {
        var s = try ViewerFixture.session(try #require(DemoCatalog.named("clone")).source, file: "demos/clone.skb")
        try ViewerFixture.press(&s, "5n :skb_get(b)<Enter>")
        #expect(s.prompt?.messages == ["8:9: error: name 'b' is not bound before this line",
                                       "'b' is bound by call 4, b = skb_clone(a), after the cursor: step past it first (N); names alive here: a"])
        try ViewerFixture.press(&s, "<Esc> g :skb_get(b)<Enter>")
        #expect(s.prompt?.messages.last == "'b' is bound by call 4, b = skb_clone(a), after the cursor: step past it first (N); no name is alive at the cursor")
        try ViewerFixture.press(&s, "<Esc> G :skb_get(b)<Enter>")
        #expect(s.prompt?.messages == ["30:9: error: use after free: b (s2) was freed at line 15 by kfree_skb(b)"], "a freed name's error says all")
    }

    /// A call given the wrong arguments: the next line gives its signature and what it does,
    /// from the call table; a kernel check's error (a panic) needs none.
    @Test func wrongArgumentsShowTheCallsSignature() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "7N :pskb_expand_head(a)<Enter>")
        #expect(s.prompt?.messages.last == "\(CallName.pskbExpandHead.signature): \(CallName.pskbExpandHead.summary)")
        #expect(s.prompt?.messages.last?.hasPrefix("pskb_expand_head(skb, nhead, ntail): new private head") == true)
        try ViewerFixture.press(&s, "<Esc> :skb_put(a,<Space>-5)<Enter>")
        #expect(s.prompt?.messages.count == 2)
        #expect(s.prompt?.messages.last?.hasPrefix("skb_put(skb, len): ") == true)
        try ViewerFixture.press(&s, "<Esc> :skb_put(a,<Space>100000)<Enter>")
        #expect(s.prompt?.messages.count == 1)
        try ViewerFixture.press(&s, "<Esc> :skb_get<Space>a<Enter>")
        #expect(s.prompt?.messages.last == "skb_get(skb): \(CallName.skbGet.summary)")
    }

    /// The prompt says where the typed call goes; its line is the session log's, the file `e`
    /// writes, which a student has not met yet: the text says which log.
    @Test func thePromptSaysWhereTheCallGoesAndWhichLogItsLineIsIn() throws {
        var s = try ViewerFixture.session(try #require(DemoCatalog.named("clone")).source, file: "demos/clone.skb")
        try ViewerFixture.press(&s, "5n")
        #expect(s.typedCallPlace == "call 3 (line 8 of the log that e writes) runs after call 2: skb_reserve(a, 64); "
                + "sets the 14 calls after it aside (o brings the walk back)")
        #expect(s.typedCallPlaceShort == "call 3, after skb_reserve(a, 64); sets 14 calls aside (o brings them back)")
        // The log written after the call has it at that line (the notes of the call it sets
        // aside are not written).
        try ViewerFixture.press(&s, ":skb_put(a,<Space>54)<Enter>")
        let log = SessionLog(s.logSource, scenarioPath: "log.skb", tool: ("skbviz", "test")).scenario
        #expect(log.split(separator: "\n", omittingEmptySubsequences: false)[7] == "skb_put(a, 54)", "\(log)")
    }

    /// A word that is no call and near none (a student typing q to quit): the next line says
    /// how to find a call and how to leave the prompt.
    @Test func aWordThatIsNoCallSaysHowToFindOneAndHowToLeave() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "7N :q<Enter>")
        #expect(s.prompt?.messages.last == "Tab completes a call's name (skbviz run --help lists them); Esc closes this prompt")
        try ViewerFixture.press(&s, "<Esc> :skb_gte(a)<Enter>")
        #expect(s.prompt?.messages.count == 1, "a near call is named in the error itself")
    }
}
