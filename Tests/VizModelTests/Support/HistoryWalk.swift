import Testing
import VizModel

/// Walks a history through steps and back, checking each state against the steps' own deltas.
enum HistoryWalk {
    /// Redoes every one of `steps` from the cursor, then undoes them all: after each, the state
    /// is the one the step's deltas give, and the cursor has moved by one.
    static func expectEveryStepBothWays(_ h: inout StepHistory, _ steps: [Step], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let start = h.cursor
        for (i, step) in steps.enumerated() {
            var expected = h.state
            expected.apply(step.deltas, forward: true)
            h.redo()
            #expect(h.cursor == start + i + 1, sourceLocation: sourceLocation)
            #expect(h.state == expected, "redo of step \(i + 1)", sourceLocation: sourceLocation)
        }
        for (i, step) in steps.enumerated().reversed() {
            var expected = h.state
            expected.apply(step.deltas, forward: false)
            h.undo()
            #expect(h.state == expected, "undo of step \(i + 1)", sourceLocation: sourceLocation)
        }
        #expect(h.cursor == start, sourceLocation: sourceLocation)
    }
}
