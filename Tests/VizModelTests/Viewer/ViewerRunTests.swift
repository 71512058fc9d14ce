import Testing
import VizModel

/// The run the viewer walks, apart from keys and screens.
@Suite struct ViewerRunTests {
    static func run(_ source: String = ViewerFixture.expandSource) -> ViewerRun {
        ViewerRun(program: Parser.parse(source, file: "t.skb"), design: .origChain)
    }

    @Test func aTypedCallIsReadAndRunWithoutChangingTheRun() throws {
        var r = Self.run()
        #expect(r.typedCallPoint == 0, "at step 0 a typed call goes first")
        let record = try r.typedCall("c = alloc_skb(5)").get()
        #expect(record.op == 1)
        #expect(r.calls.count == 10 && r.history.callCount == 10)
        let errors = try #require(r.typedCall("kfree_skb(zz)").failure)
        #expect(errors.diagnostics.map(\.message) == ["name 'zz' is not bound before this line"])
        r.appendTypedCall(record)
        #expect(r.calls.map(\.text) == ["c = alloc_skb(5)"])
        #expect(r.history.callCount == 1 && r.history.cursor == 1)
        #expect(r.namesAliveAtCursor == ["c"])
    }

    @Test func aDesignSwitchSaysWhatDiffers() {
        var r = Self.run(ViewerFixture.violations)
        #expect(r.switchDesign(why: "the events pane says why").hasPrefix("design ubuf-2011: "))
        #expect(r.markedAgainst == .origChain && r.designMarks.count == 2)
        #expect(r.switchDesign(why: "the events pane says why").hasPrefix("design msg-zerocopy-2017: "))
        #expect(r.switchDesign(why: "the events pane says why").hasPrefix("design vanilla: "))
        #expect(r.markedAgainst == .msgZerocopy2017)
        let naive = r.switchDesign(why: "the events pane says why")
        #expect(naive == "design naive: \(r.designMarks.count) events differ from vanilla (1 call): \(r.designMarks.count) marked ≠")
        #expect(r.designMarks.count > 1)
        #expect(r.scenario.design == .naive && r.markedAgainst == .vanilla)
    }

    @Test func theEndOfARunWithALeakHasItsViolations() {
        let r = Self.run(ViewerFixture.violations)
        #expect(!r.endViolations.isEmpty && r.endViolations.allSatisfy { $0.kind == .leak })
        #expect(Self.run().endViolations.isEmpty)
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { f } else { nil } }
}
