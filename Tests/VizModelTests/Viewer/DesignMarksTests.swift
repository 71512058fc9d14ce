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
        #expect(DesignMarks.marks(from: Self.history([]), to: new).count == 2, "calls the old run lacks: all new")
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

    @Test func oneDifferenceIsSingular() {
        var d = DesignDifference()
        d.missing = 1
        d.calls = 1
        #expect(ViewerRun.summary(d, from: .naive) == "1 event differs from naive (1 call): 1 missing")
        #expect(ViewerRun.summary(DesignDifference(), from: .naive) == "no event differs from naive")
    }
}
