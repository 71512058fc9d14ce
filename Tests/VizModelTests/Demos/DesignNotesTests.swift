import Testing
import VizModel

/// Notes tied to designs: how they are read and written back, and that every demo shows, under
/// each design, only the notes that hold under it.
@Suite struct DesignNotesTests {
    static let cases = DemoCatalog.all.flatMap { demo in Design.allCases.map { (demo.name, $0) } }

    // MARK: Reading

    @Test func aTagNamesOneDesignOrAList() {
        let program = Parser.parse(src(
            #"note "all""#,
            #"note orig-chain "one""#,
            #"note [naive, orig-chain] "two""#,
            "note\t[ vanilla ]\t\"spaced\"",
            "a = alloc_skb(1)",
            #"note naive "closing""#), file: "t.skb")
        #expect(program.errors.isEmpty)
        #expect(program.calls[0].notes == [
            Note("all"), Note("one", designs: [.origChain]), Note("two", designs: [.naive, .origChain]),
            Note("spaced", designs: [.vanilla]),
        ])
        #expect(program.closingNotes == [Note("closing", designs: [.naive])])
        #expect(program.calls[0].notes.texts(under: .naive) == ["all", "two"])
        #expect(program.calls[0].notes.texts(under: .vanilla) == ["all", "spaced"])
    }

    @Test func aWrongTagIsAReadingErrorAtItsPlace() {
        func errors(_ line: String) -> [String] {
            Parser.parse(line + "\n", file: "t.skb").errors.map { $0.formatted(file: "t.skb") }
        }
        #expect(errors(#"note naïve "x""#) == ["t.skb:1:8: error: syntax error: unexpected 'ï' (U+00EF) outside a string or comment: names and calls are ASCII"])
        #expect(errors(#"note orig "x""#) == ["t.skb:1:6: error: unknown design 'orig' in a note's tag: vanilla, naive, orig-chain, ubuf-2011 or msg-zerocopy-2017"])
        #expect(errors(#"note [naive, chain] "x""#) == ["t.skb:1:14: error: unknown design 'chain' in a note's tag: vanilla, naive, orig-chain, ubuf-2011 or msg-zerocopy-2017"])
        #expect(errors(#"note [naive, naive] "x""#) == ["t.skb:1:14: error: design 'naive' named twice in a note's tag"])
        #expect(errors(#"note [naive "x""#) == ["t.skb:1:6: error: syntax error: a note's tag ends with ']'"])
        #expect(errors(#"note [] "x""#) == ["t.skb:1:7: error: syntax error: a note's tag is [DESIGN, …]: vanilla, naive, orig-chain, ubuf-2011 or msg-zerocopy-2017"])
        #expect(errors(#"note [naive vanilla] "x""#) == ["t.skb:1:13: error: syntax error: expected ',' or ']' in a note's tag"])
        #expect(errors(#"note [naive] x"#) == ["t.skb:1:14: error: syntax error: expected a string after the note's tag"])
        #expect(errors(#"note naive "x" "y""#) == ["t.skb:1:16: error: syntax error: unexpected string after the string"])
        // One error a line, as for a syntax error: the tag's first wrong name, nothing after it.
        #expect(errors(#"note [orig, chain] "x""#) == ["t.skb:1:7: error: unknown design 'orig' in a note's tag: vanilla, naive, orig-chain, ubuf-2011 or msg-zerocopy-2017"])
        #expect(errors(#"note [naive, naive, chain] "x""#) == ["t.skb:1:14: error: design 'naive' named twice in a note's tag"])
        // `note` stays an ordinary name where no tag and string follow it.
        let program = Parser.parse(src("note = alloc_skb(1)", "kfree_skb(note)"), file: "t.skb")
        #expect(program.errors.isEmpty)
        #expect(program.calls.count == 2)
    }

    @Test(arguments: DemoCatalog.all.map(\.name))
    func theSessionLogWritesTheTagsBack(name: String) throws {
        let demo = try #require(DemoCatalog.named(name))
        let program = Parser.parse(demo.source, file: "demos/\(name).skb")
        let source = SessionLog.Source(file: program.file, title: program.title, design: .naive,
                                       calls: program.calls, closingNotes: [Note("end", designs: [.vanilla, .origChain])])
        let log = SessionLog(source, scenarioPath: "x.skb", tool: (name: "skbviz", version: "0.1.0"))
        let again = Parser.parse(log.scenario, file: "x.skb")
        #expect(again.errors.isEmpty)
        #expect(again.calls.map(\.notes) == program.calls.map(\.notes))
        #expect(again.closingNotes == source.closingNotes)
    }

    // MARK: Showing

    @Test(arguments: cases)
    func theWalkAndTheViewerShowOnlyTheNotesOfTheRunningDesign(name: String, design: Design) throws {
        let demo = try #require(DemoCatalog.named(name))
        let program = Parser.parse(demo.source, file: "demos/\(name).skb")
        var walk: [String] = []
        _ = ScenarioRun.execute(program, design: design) { record, _ in walk += Walk.lines(record, design: design) }
        let walkNotes = walk.filter { $0.hasPrefix("  note: ") }.map { String($0.dropFirst(8)) }
        #expect(walkNotes == program.calls.flatMap { $0.notes.texts(under: design) })

        var session = try ViewerFixture.session(demo.source, file: "demos/\(name).skb", design: design)
        for call in program.calls {
            _ = session.apply(.nextCall)
            let lines = ViewerLayout.grid(session, size: Size(width: 400, height: 60), options: ViewerFixture.noColor).lines
            #expect(Self.shownNotes(lines) == call.notes.texts(under: design), "\(name) under \(design.rawValue), line \(call.line)")
        }
    }

    /// The notes on a screen: each `note: TEXT` to the end of its pane.
    static func shownNotes(_ lines: [String]) -> [String] {
        lines.compactMap { line in
            guard let r = line.range(of: "note: ") else { return nil }
            var text = Substring(line[r.upperBound...])
            if let bar = text.firstIndex(where: { $0 == "│" || $0 == "|" }) { text = text[..<bar] }
            while text.last == " " { text = text.dropLast() }
            return String(text)
        }
    }

    /// A note that says a data destructor (or a zero-copy callback) fires is shown at the call
    /// where it fires; one that says it waits, at a call where it does not. A zero-copy
    /// callback is said to fire in the words of its designs too: it "calls back", "completes",
    /// its "callback runs", or the call "calls tun_free(u1, false) now".
    @Test(arguments: cases)
    func aShownNoteAgreesWithTheDataDestructorEvents(name: String, design: Design) throws {
        try Self.eachCall(of: name, under: design) { record, fires in
            for note in record.statement.notes.texts(under: design) {
                if Self.saysItFires(note) {
                    #expect(fires, "\(name) under \(design.rawValue), call \(record.op): \(note)")
                }
                if note.contains("wait") || note.contains("does not fire") || note.contains("no zc_done")
                    || note.contains("no callback") || note.contains("no completion") {
                    #expect(!fires, "\(name) under \(design.rawValue), call \(record.op): \(note)")
                }
            }
        }
    }

    /// Runs demo `name` under `design`, handing each call's record and whether a data
    /// destructor or a zero-copy callback runs in it.
    static func eachCall(of name: String, under design: Design, _ body: (CallRecord, Bool) -> Void) throws {
        let demo = try #require(DemoCatalog.named(name))
        let program = Parser.parse(demo.source, file: "demos/\(name).skb")
        _ = ScenarioRun.execute(program, design: design) { record, _ in
            body(record, record.steps.flatMap(\.events).contains {
                $0.summary.hasPrefix("data_destructor") || $0.summary.hasPrefix("zerocopy_callback")
            })
        }
    }

    static func saysItFires(_ note: String) -> Bool {
        if [" fires", "calls back", "callback runs", " completes"].contains(where: { note.contains($0) }) { return true }
        // "calls zc_done now", "calls tun_free(u1, false) now"
        return note.range(of: #"calls [a-z_]+(\([^)]*\))? now"#, options: .regularExpression) != nil
    }

    @Test func saysItFiresReadsTheZeroCopyWords() {
        #expect(Self.saysItFires("so u1 completes now, before the packet is sent"))
        #expect(Self.saysItFires("d1's release calls back while both segments hold p1"))
        #expect(Self.saysItFires("x1 frees d2: u1's callback runs at its release"))
        #expect(Self.saysItFires("so skb_zcopy_clear calls tun_free(u1, false) now"))
        #expect(Self.saysItFires("(skb_copy_ubufs) and calls zc_done now: nothing"))
        #expect(!Self.saysItFires("u1 completed at the clone"))
        #expect(!Self.saysItFires("segs[1] carries no u1: k1 is freed, no callback"))
    }

    /// Under every design, a demo shows a note at each call where a data destructor or a
    /// zero-copy callback runs: the reader switching designs is never left without a word there.
    @Test(arguments: cases)
    func everyCallWhereTheDestructorFiresHasANote(name: String, design: Design) throws {
        try Self.eachCall(of: name, under: design) { record, fires in
            if fires {
                #expect(!record.statement.notes.texts(under: design).isEmpty,
                        "\(name) under \(design.rawValue): no note at \(record.statement.text)")
            }
        }
    }

    /// A note that names a violation (`premature_destructor`, `premature_completion`,
    /// `double_completion`) is shown at a call that reports it under that design.
    @Test(arguments: cases)
    func aShownNoteNamingAViolationIsShownWhereItIsReported(name: String, design: Design) throws {
        let demo = try #require(DemoCatalog.named(name))
        let program = Parser.parse(demo.source, file: "demos/\(name).skb")
        _ = ScenarioRun.execute(program, design: design) { record, _ in
            let kinds = Set(record.steps.flatMap(\.violations).map(\.kind.rawValue))
            for note in record.statement.notes.texts(under: design) {
                for kind in ["premature_destructor", "premature_completion", "double_completion"] where note.contains(kind) {
                    #expect(kinds.contains(kind), "\(name) under \(design.rawValue), call \(record.op): \(note)")
                }
            }
        }
    }
}
