import Testing
@testable import VizModel

/// The step texts of the call at the cursor are the run's steps, or say loudly that they are not.
@Suite struct StepTextsTests {
    static let run = ViewerFixture.run(ViewerFixture.expandSource)

    @Test func theReplayOfACallIsItsSteps() {
        var h = StepHistory(calls: Self.run.records.map(\.steps))
        h.seek(to: h.start(ofCall: 8) + 3)
        let before = h.state
        var texts = StepTexts()
        texts.show(&h, calls: Self.run.records.map(\.statement), design: .origChain)
        #expect(texts.call == 8)
        #expect(texts.steps == Self.run.records[7].steps)
        #expect(h.state == before, "the history's state is given back")
        #expect(h.cursor == h.start(ofCall: 8) + 3)
    }

    /// The objects before and after the call are the history's there, its live pages named
    /// as there; names and freed ids of what is gone are left out.
    @Test func theObjectsBeforeAndAfterTheCallAreTheHistorys() {
        var h = StepHistory(calls: Self.run.records.map(\.steps))
        let calls = Self.run.records.map(\.statement)
        for call in 1...h.callCount {
            h.seek(to: h.start(ofCall: call) + 1)
            var texts = StepTexts()
            texts.show(&h, calls: calls, design: .origChain)
            #expect(texts.call == call)
            for (shown, index) in [(texts.before, h.start(ofCall: call)), (texts.after, h.end(ofCall: call))] {
                let state = h.withState(atStep: index) { $0 }
                #expect(shown.skbs == state.skbs && shown.data == state.data && shown.pages == state.pages, "call \(call)")
                #expect(shown.pages.keys.map(shown.pageRef) == state.pages.keys.map(state.pageRef), "call \(call)")
                #expect(shown.bindings.isEmpty && shown.freed.isEmpty)
            }
        }
    }

    @Test func aReplayThatFailsOrDiffersIsAModelBugOnScreen() {
        let h = StepHistory(calls: Self.run.records.map(\.steps))
        let steps = Self.run.records[7].steps
        let failed = StepTexts.checked(.failure(Diagnostic("boom", at: SourceLocation(line: 1, column: 1))), call: 8, history: h)
        #expect(failed.count == steps.count)
        #expect(failed.allSatisfy { $0.text.hasPrefix("model bug: call 8 run again for its step texts failed: boom") })
        #expect(failed.map(\.outcomes) == steps.map(\.outcomes), "the run's events and violations stay")
        let short = StepTexts.checked(.success(Array(steps.dropLast())), call: 8, history: h)
        #expect(short.first?.text == "model bug: call 8 run again for its step texts gave \(steps.count - 1) steps, not the \(steps.count) steps of the run")
        var changed = steps
        changed[0].outcomes.append(.violation(Violation(kind: .invariant, message: "not in the run")))
        let other = StepTexts.checked(.success(changed), call: 8, history: h)
        #expect(other.first?.text.contains("gave other events or violations") == true)
        #expect(StepTexts.checked(.success(steps), call: 8, history: h) == steps)
    }
}
