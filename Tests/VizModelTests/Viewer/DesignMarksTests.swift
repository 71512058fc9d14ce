import Testing
import VizModel

/// The events and violations a re-run marks as new, compared as values.
@Suite struct DesignMarksTests {
    static func history(_ calls: [[[Outcome]]]) -> StepHistory {
        StepHistory(calls: calls.map { $0.map { Step(text: "", depth: 0, outcomes: $0) } })
    }

    static let leak = Outcome.violation(Violation(kind: .leak, message: "s1 leaked", fields: [("skb", .id("s1"))]))
    static let otherLeak = Outcome.violation(Violation(kind: .leak, message: "s1 leaked", fields: [("skb", .id("s9"))]))
    static let invariant = Outcome.violation(Violation(kind: .invariant, message: "x", fields: []))

    @Test func theSameRunHasNoMarks() {
        let h = Self.history([[[Self.leak], []], [[Self.invariant]]])
        #expect(DesignMarks.marks(from: h, to: h).isEmpty)
    }

    @Test func outcomesMatchWithinTheirCallWhateverTheStep() {
        let old = Self.history([[[Self.leak], [Self.invariant]], [[]]])
        let new = Self.history([[[Self.invariant, Self.leak]], [[Self.leak]]])
        #expect(DesignMarks.marks(from: old, to: new) == [OutcomeMark(step: 2, outcome: 0)], "call 2's leak is new")
    }

    @Test func valuesDecideNotText() {
        // The same kind and message, another skb: a different outcome.
        let old = Self.history([[[Self.leak]]])
        let new = Self.history([[[Self.otherLeak]]])
        #expect(DesignMarks.marks(from: old, to: new) == [OutcomeMark(step: 1, outcome: 0)])
    }

    @Test func eachOutcomeOfTheOldRunMatchesOnce() {
        let old = Self.history([[[Self.leak]]])
        let new = Self.history([[[Self.leak], [Self.leak]]])
        #expect(DesignMarks.marks(from: old, to: new) == [OutcomeMark(step: 2, outcome: 0)])
    }

    /// A call one run never reached (it failed before) is not compared: it says nothing of how
    /// the designs differ.
    @Test func onlyTheCallsBothRunsRanAreCompared() {
        let old = Self.history([[[Self.leak]]])
        let new = Self.history([[[Self.leak]], [[Self.invariant]], [[Self.leak]]])
        for (from, to) in [(old, new), (new, old)] {
            let d = DesignMarks.difference(from: from, to: to)
            #expect(d.marks.isEmpty && d.missing == 0 && d.calls == 0)
            #expect(d.compared == 1 && d.uncompared == 2)
        }
        #expect(DesignMarks.difference(from: Self.history([]), to: new).compared == 0)
    }
}

/// `d` counts every difference, those only the design before had included, as `skbviz compare`
/// finds them call by call.
@Suite struct DesignDifferenceTests {
    @Test func theSegmentDemoCountsTheMissingEventsToo() throws {
        let calls = Parser.parse(DemoCatalog.named("segment")!.source, file: "segment.skb").calls
        let origChain = ViewerRun.run(calls, design: .origChain).history, vanilla = ViewerRun.run(calls, design: .vanilla).history
        let d = DesignMarks.difference(from: origChain, to: vanilla)
        #expect(ViewerRun.summary(d, from: .origChain) == "3 events differ from orig-chain (2 calls): 1 marked ≠, 2 missing",
                "skbviz compare: calls 11 and 13 differ")
        #expect(d.marks.count == 1)
        var s = try ViewerFixture.session(DemoCatalog.named("segment")!.source, file: "demos/segment.skb")
        try ViewerFixture.press(&s, "G d")
        #expect(s.status == "design ubuf-2011: 7 events differ from orig-chain (2 calls): 5 marked ≠, 2 missing")
        #expect(s.designMarks.count == 5)
    }

    /// The `≠` column stands apart from a two-digit call and from the event (`call 10 ≠
    /// event`), in ASCII too (`call 10 != event`), and the unmarked events line up with it.
    @Test func theMarkHasAColumnOfItsOwn() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "G d <S-Tab>")
        for (options, mark) in [(ViewerFixture.noColor, "≠"), (ViewerOptions(usesColor: false, glyphs: .ascii), "!=")] {
            let lines = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: options).lines
            let pad = String(repeating: " ", count: mark.count)
            #expect(lines.contains { $0.contains(" call 10 \(mark) event free_page k1") }, "\(lines.joined(separator: "\n"))")
            #expect(lines.contains { $0.contains(" call 7  \(mark) event free_page p1") })
            #expect(lines.contains { $0.contains(" call 10 \(pad) event free_head d2") })
        }
    }

    @Test func oneDifferenceIsSingular() {
        var d = DesignDifference()
        d.missing = 1
        d.calls = 1
        #expect(ViewerRun.summary(d, from: .naive) == "1 event differs from naive (1 call): 1 missing")
        #expect(ViewerRun.summary(DesignDifference(), from: .naive) == "no event differs from naive")
    }

    @Test func aRunThatFailedEarlierLimitsTheComparisonAndSaysSo() {
        var d = DesignDifference()
        d.compared = 5
        d.uncompared = 4
        #expect(ViewerRun.summary(d, from: .msgZerocopy2017) == "no event differs from msg-zerocopy-2017 in the 5 calls both ran")
        d.marks = [OutcomeMark(step: 3, outcome: 0)]
        d.calls = 1
        #expect(ViewerRun.summary(d, from: .vanilla) == "1 event differs from vanilla (1 call of the 5 both ran): 1 marked ≠")
        d.compared = 1
        #expect(ViewerRun.summary(d, from: .vanilla) == "1 event differs from vanilla (1 call, the only one both ran): 1 marked ≠")
        d = DesignDifference()
        d.compared = 1
        d.uncompared = 6
        #expect(ViewerRun.summary(d, from: .naive) == "no event differs from naive in call 1, the only one both ran")
        d.compared = 0
        #expect(ViewerRun.summary(d, from: .naive) == "no call ran under both naive and this design")
    }
}
