import Testing
import VizModel

/// The session log's three files, the transcript and the design comparison.
@Suite struct SessionLogTests {
    static let tool = (name: "skbviz", version: "0.1.0")

    /// What `skbviz run FILE --trace` writes for `text`, as Run does it.
    static func runTrace(_ text: String, file: String) -> [String] {
        let program = Parser.parse(text, file: file)
        let design = ScenarioRun.design(of: program, override: nil)
        var out: [String] = []
        let writer = TraceWriter(emit: { out.append($0) })
        writer.write(program, design: design)
        return out
    }

    @Test func theExportedSkbRunGivesTheSameCallsEventsAndStatesAsTheExportedTrace() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "7N 2n :c<Space>=<Space>pskb_copy(b)<Enter> :kfree_skb(c)<Enter>")
        let log = SessionLog(s.logSource, scenarioPath: "/tmp/x.skb", tool: Self.tool)
        let program = Parser.parse(log.scenario, file: "/tmp/x.skb")
        #expect(program.errors.isEmpty)
        #expect(program.calls.map(\.text) == s.calls.map(\.text))
        #expect(program.design == .origChain)
        #expect(program.title == s.scenario.title)
        let trace = log.trace.split(separator: "\n").map(String.init)
        #expect(trace[0] == #"{"type":"session","tool":"skbviz","version":"0.1.0","design":"orig-chain","cursor":{"call":10,"step":1,"global":\#(s.history.cursor)}}"#)
        #expect(Array(trace.dropFirst()) == Self.runTrace(log.scenario, file: "/tmp/x.skb"))
        // The typed call's line in the session is its line in the log.
        #expect(program.calls.last!.line == s.calls.last!.line)
    }

    @Test func aFailureUnderTheDesignIsWrittenAsRunWouldWriteIt() throws {
        var s = try ViewerFixture.session("a = alloc_skb(100)\nkfree_skb(a)\nkfree_skb(a)\nb = alloc_skb(1)\n", file: "f.skb")
        s.switchDesign()
        #expect(s.failure?.op == 3)
        let log = SessionLog(s.logSource, scenarioPath: "v.skb", tool: Self.tool)
        let trace = log.trace.split(separator: "\n").map(String.init)
        #expect(Array(trace.dropFirst()) == Self.runTrace(log.scenario, file: "v.skb"))
        #expect(trace.contains { $0.hasPrefix(#"{"type":"error""#) })
        #expect(log.transcript.contains("FAILED"))
    }

    /// A quote or backslash followed by a combining mark (one Character) is still escaped.
    @Test func theExportedSkbKeepsATitleAndNoteWithCombiningMarks() throws {
        let title = "a\"\u{301}b\\\u{301}c", note = "x\"\u{301}"
        let s = try ViewerFixture.session("title \"a\\\"\u{301}b\\\\\u{301}c\"\nnote \"x\\\"\u{301}\"\na = alloc_skb(1)\n", file: "t.skb")
        #expect(s.scenario.title == title)
        let program = Parser.parse(SessionLog(s.logSource, scenarioPath: "t.skb", tool: Self.tool).scenario, file: "t.skb")
        #expect(program.errors.isEmpty)
        #expect(program.title == title)
        #expect(program.calls.first?.notes.map(\.text) == [note])
    }

    @Test func theTranscriptIsPlainAsciiAtMost72ColumnsWithEachCallAndItsObjects() throws {
        var s = try ViewerFixture.session(ViewerFixture.violations, file: "v.skb")
        try ViewerFixture.press(&s, "G")
        let log = SessionLog(s.logSource, scenarioPath: "v.skb", tool: Self.tool)
        let lines = log.transcript.split(separator: "\n", omittingEmptySubsequences: false)
        for l in lines {
            #expect(l.count <= 72, "too wide: \(l)")
            #expect(l.utf8.allSatisfy { $0 < 0x80 }, "not ASCII: \(l)")
        }
        for k in 1...s.calls.count { #expect(log.transcript.contains("objects after call \(k):")) }
        #expect(log.transcript.contains("VIOLATION premature_destructor"))
        #expect(log.transcript.contains("VIOLATION leak"))
        #expect(log.transcript.contains("[") && log.transcript.contains("|"))
    }

    @Test func runTranscriptOfAFile() {
        let program = Parser.parse(ViewerFixture.expandSource, file: "demos/expand.skb")
        let t = Transcript.of(program, design: .origChain)
        #expect(t.lines.allSatisfy { $0.count <= 72 })
        #expect(t.text.contains("call 10"))
        #expect(t.text.contains("end: 10 calls completed"))
        // Under each bar, its three lengths by the kernel's accessors: after skb_reserve(a, 64)
        // and skb_put(a, 54), d1's 256 bytes are 64 of headroom, 54 linear and 138 of tailroom.
        #expect(t.text.contains("\n     skb_headroom 64  skb_headlen 54  skb_tailroom 138\n"))
        #expect(!t.text.contains(" tail 138 end"))
    }

    /// A note after the last call belongs to it, as in `skbviz run`'s walk: the transcript
    /// shows it under the last call's objects (under its designs only), before the end.
    @Test func theTranscriptShowsTheNotesAfterTheLastCall() {
        let source = "a = alloc_skb(10)\nkfree_skb(a)\nnote \"all given back\"\nnote vanilla \"vanilla only\"\n"
        let t = Transcript.of(Parser.parse(source, file: "n.skb"), design: .origChain)
        let rule = String(repeating: "-", count: 72)
        #expect(t.text.hasSuffix("objects after call 2:\n  (nothing allocated)\n\n  note: all given back\n\n\(rule)\nend: 2 calls completed, 0 leaks\n"), "\(t.text)")
        #expect(!t.text.contains("vanilla only"))
        #expect(Transcript.of(Parser.parse(source, file: "n.skb"), design: .vanilla).text.contains("\n  note: all given back\n  note: vanilla only\n\n"))
    }

    /// Pasted into a mail, the transcript says what its design is, in words, what its ASCII
    /// bars mean, and for a session log which file the viewer had open.
    @Test func theTranscriptsHeadingSaysTheDesignInWordsAndWhereASessionCameFrom() throws {
        let program = Parser.parse(ViewerFixture.expandSource, file: "demos/expand.skb")
        let run = Transcript.of(program, design: .ubuf2011).lines
        #expect(Array(run[1...4]) == ["file:   demos/expand.skb", "title:  pskb_expand_head on zero-copy data",
                                          "design: ubuf-2011 (Linux 3.1 vhost-net zero-copy: one ubuf_info",
                                          "    completion per skb)"])
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "3N")
        let log = SessionLog(s.logSource, scenarioPath: "mail.skb", tool: Self.tool)
        let head = log.transcript.split(separator: "\n").prefix(6).map(String.init)
        #expect(head[1...5] == ["file:   mail.skb", "from:   demos/expand.skb (a viewer session)",
                                "title:  pskb_expand_head on zero-copy data",
                                "design: orig-chain (Linux 2.6.28 with the Dec 2008 patch \"net: add",
                                "    destructor for skb data\")"])
        for d in Design.allCases { #expect(d.summary.utf8.allSatisfy { $0 < 0x80 }, "\(d): not ASCII") }
        // What the ASCII bars mean, before the first of them.
        #expect(Array(run[5...6]) == ["bars:   [--|###|...] a data buffer to scale, as the skb named after the",
                                      "    bar sees it: headroom -, linear data #, tailroom ."])
        #expect(log.transcript.contains("\ncursor: call 3 step 1 (step 6 of the session)\nbars:   [--|###|...] "))
    }

    @Test func wrapKeepsIndentAndCutsLongWords() {
        #expect(PlainText.wrap("  aaa bbb ccc", width: 20) == ["  aaa bbb ccc"])
        #expect(PlainText.wrap("  aaa bbb ccc ddd eee", width: 16) == ["  aaa bbb ccc", "      ddd eee"])
        #expect(PlainText.wrap(String(repeating: "x", count: 25), width: 10).allSatisfy { $0.count <= 10 })
        #expect(PlainText.ascii("1 → 2 ≤ 3") == "1 -> 2 <= 3")
    }

    @Test func lineNumbersOfTheLog() throws {
        let program = Parser.parse("title \"t\"\nnote \"n\"\na = alloc_skb(1)\nkfree_skb(a)\n", file: "f.skb")
        #expect(SessionLog.headingLines(title: "t") == 3)
        #expect(SessionLog.line(ofCall: 0, in: program.calls, title: "t") == 5)
        #expect(SessionLog.line(ofCall: 1, in: program.calls, title: "t") == 6)
        #expect(SessionLog.line(ofCall: 2, in: program.calls, title: "t") == 7)
        #expect(SessionLog.names(before: 1, in: program.calls, title: "t")["a"]?.line == 5)
    }

    @Test func compareShowsTheCallsWhereTheDesignsDiffer() {
        let program = Parser.parse(ViewerFixture.violations, file: "v.skb")
        let c = DesignComparison(program)
        #expect(!c.differingCalls.isEmpty)
        let text = c.lines().joined(separator: "\n")
        #expect(text.contains("vanilla"))
        #expect(text.contains("violations under naive"))
        #expect(text.contains("premature_destructor"))
        let same = DesignComparison(Parser.parse("a = alloc_skb(10)\nkfree_skb(a)\n", file: "s.skb"))
        #expect(same.differingCalls.isEmpty)
        #expect(same.lines().last?.contains("the same") == true)
        #expect(same.lines().last == "the designs give the same events and violations for all 2 calls")
        let one = DesignComparison(Parser.parse("a = alloc_skb(10)\n", file: "o.skb"))
        #expect(one.lines().last == "the designs give the same events and violations for the one call")
    }

    /// A design that stops early shows its failure, then "not run" for each call the others
    /// still run; the report is the same whether it is taken whole or a line at a time.
    @Test func compareOfADesignThatStopsEarly() {
        let program = Parser.parse("""
            a = alloc_skb(100)
            p1 = alloc_page()
            skb_add_rx_frag(a, 0, p1, 0, 100)
            set_data_destructor(a, tun_free)
            set_data_destructor(a, tun_free)
            b = skb_clone(a)
            kfree_skb(b)
            kfree_skb(a)
            """, file: "t.skb")
        let c = DesignComparison(program, designs: [.origChain, .ubuf2011])
        #expect(c.differingCalls == [4, 5, 6, 7])
        #expect(c.failure(design: 0) == nil)
        #expect(c.failure(design: 1)?.call == 4)
        #expect(c.lines() == [
            "skbviz compare t.skb: orig-chain, ubuf-2011",
            "",
            "call 5  line 5  set_data_destructor(a, tun_free)",
            "  orig-chain                         | ubuf-2011",
            "  ---------------------------------- | ----------------------------------",
            "  (no events)                        | FAILED: set_data_destructor(a",
            "                                     |     (s1), tun_free): the buffer d1",
            "                                     |     already carries u1 (the kernel",
            "                                     |     attaches a ubuf_info once, to",
            "                                     |     an skb it has just built)",
            "  violations under orig-chain: none",
            "",
            "call 6  line 6  b = skb_clone(a)",
            "  orig-chain                         | ubuf-2011",
            "  ---------------------------------- | ----------------------------------",
            "  (no events)                        | (not run: call 5 failed)",
            "  violations under orig-chain: none",
            "",
            "call 7  line 7  kfree_skb(b)",
            "  orig-chain                         | ubuf-2011",
            "  ---------------------------------- | ----------------------------------",
            "  3. free_skb s2                     | (not run: call 5 failed)",
            "  violations under orig-chain: none",
            "",
            "call 8  line 8  kfree_skb(a)",
            "  orig-chain                         | ubuf-2011",
            "  ---------------------------------- | ----------------------------------",
            "  3. free_page p1                    | (not run: call 5 failed)",
            "  4. data_destructor d1 tun_free     |",
            "  4. free_head d1                    |",
            "  5. free_skb s1                     |",
            "  violations under orig-chain: none",
            "",
            "ubuf-2011 stopped at call 5 (line 5): set_data_destructor(a (s1), tun_free): the buffer d1 already carries u1 (the kernel attaches a ubuf_info once, to an skb it has just built); calls 6 to 8 did not run",
            "4 of 8 calls differ between the designs",
        ])
        var written: [String] = []
        c.write { written.append($0) }
        #expect(written == c.lines())
    }

    /// Once every design has stopped, no call after is compared: they fail alike.
    @Test func compareOfDesignsThatFailAlike() {
        let program = Parser.parse("a = alloc_skb(10)\nkfree_skb(a)\nkfree_skb(a)\nb = alloc_skb(5)\nkfree_skb(b)\n", file: "f.skb")
        let c = DesignComparison(program, designs: [.vanilla, .naive])
        #expect(c.differingCalls.isEmpty)
        #expect(c.lines() == [
            "skbviz compare f.skb: vanilla, naive",
            "",
            "every design stopped at call 3 (line 3): use after free: a (s1) was freed at line 2 by kfree_skb(a); calls 4 to 5 did not run",
            "the designs give the same events and violations for calls 1 to 2 and fail alike at call 3",
        ])
    }

    /// A file with no call has nothing to compare (not "the same … for all 0 calls").
    @Test func compareOfNoCallsSaysThereIsNothingToCompare() {
        let none = DesignComparison(Parser.parse("title \"t\"\nnote \"n\"\n", file: "e.skb"), designs: [.vanilla, .origChain])
        #expect(none.lines() == ["skbviz compare e.skb: vanilla, orig-chain", "title: t", "", "nothing to compare: the file has no calls"])
    }
}
