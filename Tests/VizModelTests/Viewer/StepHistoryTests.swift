import Testing
import VizModel

@Suite struct StepHistoryTests {
    /// A frag_list built member by member, then linearized member by member, keeps a few bytes
    /// a step: a list change costs what changed, not the list (the whole list in each step made
    /// the viewer's history of a 10,000-member list take a gigabyte). Undo and redo still give
    /// every state back.
    @Test func aLongFragListCostsWhatChangesInEachStep() {
        var lines = ["a = alloc_skb(64)"]
        for i in 0..<1_500 { lines += ["m\(i) = alloc_skb(64)", "skb_put(m\(i), 10)", "skb_frag_list_add(a, m\(i))"] }
        lines += ["skb_linearize(a)", "kfree_skb(a)"]
        let (records, states) = ViewerFixture.run(lines.joined(separator: "\n") + "\n")
        var h = StepHistory(calls: records.map(\.steps))
        #expect(h.packedBytes / h.stepCount < 120, "\(h.packedBytes / h.stepCount) bytes a step")
        h.seek(to: h.end(ofCall: h.callCount - 1))
        #expect(h.state == states[h.callCount - 1])
        h.seek(to: h.end(ofCall: 3_000))
        #expect(h.state == states[3_000])
    }

    @Test func callEndsMatchTheRunnerStateAndUndoGivesEveryEarlierStateBack() {
        let (records, states) = ViewerFixture.run(ViewerFixture.expandSource)
        var h = StepHistory(calls: records.map(\.steps))
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
        var h = StepHistory(calls: ViewerFixture.run(ViewerFixture.expandSource).records.map(\.steps))
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
        let h = StepHistory(calls: ViewerFixture.run(ViewerFixture.expandSource).records.map(\.steps))
        #expect(h.position(of: 0) == .init(call: 1, step: 0))
        #expect(h.position(of: 1) == .init(call: 1, step: 1))
        #expect(h.position(of: 4) == .init(call: 1, step: 4))
        #expect(h.position(of: 5) == .init(call: 2, step: 1))
        #expect(h.position(of: h.stepCount) == .init(call: 10, step: 8))
        #expect(h.start(ofCall: 8) == h.end(ofCall: 7))
    }

    @Test func seekFromCheckpointsGivesTheSameStatesAsStepping() {
        let (records, _) = ViewerFixture.run(ViewerFixture.long(120))
        var stepped = StepHistory(calls: records.map(\.steps))
        var snapshots = [stepped.state]
        while stepped.redo() { snapshots.append(stepped.state) }
        var h = StepHistory(calls: records.map(\.steps))
        var g = 0
        for target in [h.stepCount, 17, 900, 3, 1800, 1799, 0, 1234, h.stepCount - 1, 600] {
            h.seek(to: target)
            g = min(target, h.stepCount)
            #expect(h.cursor == g)
            #expect(h.state == snapshots[g], "seek to \(target)")
        }
    }

    @Test func eventAndViolationStops() throws {
        let h = StepHistory(calls: ViewerFixture.run(ViewerFixture.violations).records.map(\.steps))
        let events = (1...h.stepCount).filter { i in h.outcomes(ofStep: i).contains { if case .event = $0 { true } else { false } } }
        let violations = (1...h.stepCount).filter { i in h.outcomes(ofStep: i).contains { if case .violation = $0 { true } else { false } } }
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
        var h = StepHistory(calls: records.map(\.steps))
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
        h.append(steps)
        #expect(h.callCount == 8)
        h.seek(to: h.stepCount)
        #expect(h.state == runner.state)
        #expect(h.endState == runner.state)
    }

    @Test func replaceRecordsKeepsTheCallAndStep() {
        let orig = ViewerFixture.run(ViewerFixture.expandSource).records
        let vanilla = ViewerFixture.run(ViewerFixture.expandSource, design: .vanilla)
        var h = StepHistory(calls: orig.map(\.steps))
        h.seek(to: h.start(ofCall: 9) + 2)
        h.replace(with: StepHistory(calls: vanilla.records.map(\.steps)))
        #expect(h.position == .init(call: 9, step: 2))
        h.seek(to: h.end(ofCall: 9))
        #expect(h.state == vanilla.states[9])
        // A step past the end of the new call clamps to its last step.
        var k = StepHistory(calls: orig.map(\.steps))
        k.seek(to: k.end(ofCall: 8))
        k.replace(with: StepHistory(calls: vanilla.records.map(\.steps)))
        #expect(k.position.call == 8)
        #expect(k.position.step == vanilla.records[7].steps.count)
    }

    @Test func everyStepMovesExactlyTheObjectsItsDeltasName() {
        // Undo and redo at any depth apply one step's packed bytes: the objects that change are
        // the step's own, and they become exactly its deltas' values.
        let (records, _) = ViewerFixture.run(ViewerFixture.long(60))
        let steps = records.flatMap(\.steps)
        var h = StepHistory(calls: records.map(\.steps))
        HistoryWalk.expectEveryStepBothWays(&h, steps)
        #expect(h.state == SkbState())
    }

    /// A call of hundreds of steps (a `frag_list` of 70 freed by one `kfree_skb`) is read from
    /// the mark nearest each step: every step's outcomes and deltas come back, forward and
    /// back, also once the call is cut and appended again.
    @Test func everyStepOfALongCallComesBackFromItsMarks() {
        var lines = ["a = alloc_skb(64)"]
        for i in 0..<70 { lines += ["m\(i) = alloc_skb(64)", "skb_frag_list_add(a, m\(i))"] }
        let (records, _) = ViewerFixture.run((lines + ["kfree_skb(a)"]).joined(separator: "\n") + "\n")
        let long = records[records.count - 1].steps
        #expect(long.count > 3 * 64, "\(long.count) steps")
        var h = StepHistory(calls: records.map(\.steps))
        for _ in 0..<2 {
            let first = h.end(ofCall: h.callCount - 1)
            for (i, step) in long.enumerated() { #expect(h.outcomes(ofStep: first + i + 1) == step.outcomes, "step \(i + 1)") }
            h.seek(to: first)
            HistoryWalk.expectEveryStepBothWays(&h, long)
            h.truncate(afterCall: h.callCount - 1)
            h.append(long)
        }
    }

    @Test func outcomesComeBackFromThePackedSteps() {
        let (records, _) = ViewerFixture.run(ViewerFixture.violations)
        let steps = records.flatMap(\.steps)
        let h = StepHistory(calls: records.map(\.steps))
        #expect(steps.contains { !$0.violations.isEmpty } && steps.contains { !$0.events.isEmpty })
        for (i, step) in steps.enumerated() {
            #expect(h.outcomes(ofStep: i + 1) == step.outcomes)
        }
    }

    @Test func truncatePlacesObjectsAsAFreshRunWould() {
        let (records, _) = ViewerFixture.run(ViewerFixture.long(40))
        var h = StepHistory(calls: records.map(\.steps))
        h.seek(to: h.stepCount)
        h.truncate(afterCall: 25)
        let fresh = StepHistory(calls: records.prefix(25).map(\.steps))
        #expect(h.placement == fresh.placement)
        #expect(h.endState == fresh.endState)
        #expect(h.stepCount == fresh.stepCount)
        #expect(h.outcomeSteps(upTo: h.stepCount, limit: 1000) == fresh.outcomeSteps(upTo: fresh.stepCount, limit: 1000))
    }

    @Test func memoryGrowsWithWhatChangedNotWithTheState() throws {
        // A big skb (four frags, a frag_list member, a destructor) and many other objects: one
        // skb_get changes two counters of one skb, and that is all the history keeps of it.
        var source = "a = alloc_skb(1000)\nskb_put(a, 100)\nt = alloc_skb(10)\nskb_frag_list_add(a, t)\n"
        source += "set_data_destructor(a, tun_free)\nskb_set_owner_w(a)\n"
        for i in 0..<4 { source += "p\(i) = alloc_page()\nskb_add_rx_frag(a, \(i), p\(i), 0, 100)\n" }
        for i in 0..<50 { source += "x\(i) = alloc_skb(64)\n" }
        let (records, _) = ViewerFixture.run(source)
        var h = StepHistory(calls: records.map(\.steps))
        let before = h.packedBytes
        let (more, _) = ViewerFixture.run(source + "skb_get(a)\n")
        h.append(more.last!.steps)
        #expect(more.last!.steps.count == 1)
        #expect(h.packedBytes - before <= 16, "skb_get kept \(h.packedBytes - before) bytes")
        // Over a generated run, a step costs tens of bytes, whatever the state's size.
        var g = ScenarioGenerator(seed: 3, design: .origChain)
        let long = ViewerFixture.run(g.scenario(calls: 2000))
        let run = StepHistory(calls: long.records.map(\.steps))
        #expect(run.stepCount > 4000)
        #expect(run.packedBytes / run.stepCount < 80, "\(run.packedBytes / run.stepCount) bytes a step")
    }
}
