import Testing
import VizModel

@Suite struct StepHistoryTests {
    @Test func callEndsMatchTheRunnerStateAndUndoGivesEveryEarlierStateBack() {
        let (records, states) = ViewerFixture.run(ViewerFixture.expandSource)
        var h = StepHistory(records: records)
        #expect(h.callCount == 10)
        #expect(h.stepCount == records.map(\.steps.count).reduce(0, +))
        var snapshots = [h.state]
        while h.redo() { snapshots.append(h.state) }
        for call in 0...10 { #expect(snapshots[h.end(ofCall: call)] == states[call]) }
        #expect(h.state == h.endState)
        for g in stride(from: h.stepCount, to: 0, by: -1) {
            var moved = h.undo()
            #expect(moved)
            #expect(h.state == snapshots[g - 1], "undo to \(g - 1)")
            moved = h.redo()
            #expect(moved)
            #expect(h.state == snapshots[g], "redo to \(g)")
            h.undo()
        }
        #expect(h.cursor == 0)
        #expect(h.state == SkbState())
    }

    @Test func undoAtTheRootAndRedoAtTheEndDoNothing() {
        var h = StepHistory(records: ViewerFixture.run(ViewerFixture.expandSource).records)
        let undone = h.undo()
        #expect(!undone)
        #expect(h.cursor == 0 && h.state == SkbState())
        h.seek(to: 10_000)
        #expect(h.cursor == h.stepCount)
        let redone = h.redo()
        #expect(!redone)
        #expect(h.state == h.endState)
    }

    @Test func positionsOfGlobalSteps() {
        let h = StepHistory(records: ViewerFixture.run(ViewerFixture.expandSource).records)
        #expect(h.position(of: 0) == .init(call: 1, step: 0))
        #expect(h.position(of: 1) == .init(call: 1, step: 1))
        #expect(h.position(of: 4) == .init(call: 1, step: 4))
        #expect(h.position(of: 5) == .init(call: 2, step: 1))
        #expect(h.position(of: h.stepCount) == .init(call: 10, step: 8))
        #expect(h.start(ofCall: 8) == h.end(ofCall: 7))
    }

    @Test func seekFromCheckpointsGivesTheSameStatesAsStepping() {
        let (records, _) = ViewerFixture.run(ViewerFixture.long(120))
        var stepped = StepHistory(records: records)
        var snapshots = [stepped.state]
        while stepped.redo() { snapshots.append(stepped.state) }
        var h = StepHistory(records: records)
        var g = 0
        for target in [h.stepCount, 17, 900, 3, 1800, 1799, 0, 1234, h.stepCount - 1, 600] {
            h.seek(to: target)
            g = min(target, h.stepCount)
            #expect(h.cursor == g)
            #expect(h.state == snapshots[g], "seek to \(target)")
        }
    }

    @Test func eventAndViolationStops() throws {
        let h = StepHistory(records: ViewerFixture.run(ViewerFixture.violations).records)
        let events = (1...h.stepCount).filter { !h.step($0).events.isEmpty }
        let violations = (1...h.stepCount).filter { !h.step($0).violations.isEmpty }
        #expect(violations.count == 1)
        #expect(h.nextEventStep(after: 0) == events.first)
        #expect(h.previousEventStep(before: h.stepCount + 1) == events.last)
        #expect(h.nextViolationStep(after: 0) == violations[0])
        #expect(h.nextViolationStep(after: violations[0]) == nil)
        #expect(h.previousViolationStep(before: violations[0]) == nil)
        #expect(h.outcomeSteps(upTo: h.stepCount, limit: 100) == (events + violations).sorted().reduce(into: []) { if $0.last != $1 { $0.append($1) } })
        #expect(h.outcomeSteps(upTo: h.stepCount, limit: 2).count == 2)
    }

    @Test func truncateThenAppendATypedCall() throws {
        let (records, _) = ViewerFixture.run(ViewerFixture.expandSource)
        var h = StepHistory(records: records)
        h.seek(to: h.end(ofCall: 7) + 3)
        #expect(h.completedCalls == 7)
        let base = h.state(afterCall: 7)
        #expect(h.cursor == h.end(ofCall: 7) + 3, "state(afterCall:) does not move the cursor")
        h.truncate(afterCall: 7)
        #expect(h.callCount == 7)
        #expect(h.cursor == h.end(ofCall: 7))
        #expect(h.state == base)
        var runner = Runner(design: .origChain, state: base)
        let statement = try Parser.parseCall("kfree_skb(b)", line: 30, names: ["b": .init(kind: .skb, line: 18)]).get()
        let steps = try runner.run(statement).get()
        h.append(CallRecord(op: 8, statement: statement, steps: steps))
        #expect(h.callCount == 8)
        h.seek(to: h.stepCount)
        #expect(h.state == runner.state)
        #expect(h.endState == runner.state)
    }

    @Test func replaceRecordsKeepsTheCallAndStep() {
        let orig = ViewerFixture.run(ViewerFixture.expandSource).records
        let vanilla = ViewerFixture.run(ViewerFixture.expandSource, design: .vanilla)
        var h = StepHistory(records: orig)
        h.seek(to: h.start(ofCall: 9) + 2)
        h.replaceRecords(vanilla.records)
        #expect(h.position == .init(call: 9, step: 2))
        h.seek(to: h.end(ofCall: 9))
        #expect(h.state == vanilla.states[9])
        // A step past the end of the new call clamps to its last step.
        var k = StepHistory(records: orig)
        k.seek(to: k.end(ofCall: 8))
        k.replaceRecords(vanilla.records)
        #expect(k.position.call == 8)
        #expect(k.position.step == vanilla.records[7].steps.count)
    }

    @Test func undoCostsTheSameAtAnyDepth() {
        let (records, _) = ViewerFixture.run(ViewerFixture.long(300))
        var h = StepHistory(records: records)
        h.seek(to: h.stepCount)
        let clock = ContinuousClock()
        func timeUndoRedo() -> Duration {
            clock.measure { for _ in 0..<50 { h.undo(); h.redo() } }
        }
        let deep = timeUndoRedo()
        h.seek(to: 60)
        let shallow = timeUndoRedo()
        #expect(deep < .milliseconds(50) && shallow < .milliseconds(50), "deep \(deep), shallow \(shallow)")
    }
}
