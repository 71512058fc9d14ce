import Testing
@testable import VizModel

/// `TraceWriter.call` writes each `state` record from objects it keeps up to date with the
/// call's deltas; the record must be the one written from the whole state.
@Suite struct IncrementalStateTests {
    @Test(arguments: Design.allCases)
    func stateRecordsEqualTheWholeStateEncoding(design: Design) {
        for seed in [UInt64(3), 8, 21] {
            var generator = ScenarioGenerator(seed: seed, design: design)
            let program = Parser.parse(generator.scenario(calls: 300), file: "g.skb")
            var incremental: [String] = [], whole: [String] = []
            let a = TraceWriter(includeSteps: false) { incremental.append($0) }
            let b = TraceWriter(includeSteps: false) { whole.append($0) }
            _ = ScenarioRun.execute(program, design: design) { record, state in
                a.call(record, state: state)
                b.state(state, op: record.op)
            }
            let states = incremental.filter { $0.hasPrefix(#"{"type":"state""#) }
            #expect(states.count == whole.count)
            #expect(states == whole, "seed \(seed)")
        }
    }
}
