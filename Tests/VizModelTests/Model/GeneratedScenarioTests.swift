import Testing
import VizModel

/// Random valid scenarios from `ScenarioGenerator`: ownership rules after every step, every
/// call used, nothing left at the end, and steps that undo and redo exactly.
@Suite struct GeneratedScenarioTests {
    static let seeds: [UInt64] = [1, 2, 3, 42, 2024, 0xDEAD_BEEF]

    static func generated(seed: UInt64, design: Design, calls: Int = 300) -> (String, ScenarioResult) {
        var g = ScenarioGenerator(seed: seed, design: design)
        let text = g.scenario(calls: calls)
        return (text, run(text, design: design, file: "gen.skb"))
    }

    @Test(arguments: Design.allCases, seeds)
    func keepsEveryOwnershipRule(design: Design, seed: UInt64) {
        let (text, r) = Self.generated(seed: seed, design: design)
        #expect(r.readingErrors == [], "seed \(seed)")
        #expect(r.completed, "seed \(seed): \(String(describing: r.failure))")
        #expect(r.records.count >= 300)
        #expect(invariantViolations(r) == [], "seed \(seed)")
        #expect(text.hasPrefix("# generated") && text.contains("design \(design.rawValue)\n"))
        // Every call of the language is used.
        let used = Set(r.program.calls.map(\.call))
        let language = Set(CallName.allCases.filter { design.zerocopy != nil || ![.skbOrphanFrags, .skbOrphanFragsRx].contains($0) })
        #expect(language.subtracting(used).isEmpty, "seed \(seed): unused \(language.subtracting(used))")
        // The scenario gives back everything it holds at the end.
        #expect(Checker.live(in: r.final) == [], "seed \(seed)")
        let leaks = Checker.leaks(in: r.final)
        // Whatever is still allocated is a reported leak (and nothing else is).
        let allocated = r.final.sortedSkbs.map(\.ref) + r.final.sortedData.map(\.ref) + r.final.sortedPages.map { r.final.pageRef($0.id) }
        #expect(leaks.map { fieldText($0.fields[0].1) } == allocated, "seed \(seed)")
        if design != .origChain {
            // Without the orig chain every release frees: nothing at all is left.
            #expect(allocated == [], "seed \(seed) \(design)")
        }
    }

    /// Under orig-chain the patch's two known leaks (a split into a buffer that already has an
    /// orig, a copy on its own frag_list) are the only way anything survives the final releases.
    @Test(arguments: seeds)
    func origChainLeavesOnlyThePatchLeaks(seed: UInt64) {
        let (_, r) = Self.generated(seed: seed, design: .origChain)
        let (_, v) = Self.generated(seed: seed, design: .vanilla)
        #expect(lines(v.final) == [])
        if !r.final.data.isEmpty {
            // Every surviving buffer is held through an orig link or a frag_list cycle.
            let calls = Set(r.program.calls.map(\.call))
            #expect(calls.contains(.skbSplit) || calls.contains(.skbFragListAdd))
            #expect(r.final.data.values.contains { $0.destructor != nil || $0.orig != nil })
        }
    }

    @Test(arguments: Design.allCases)
    func stepsUndoAndRedoExactly(design: Design) {
        let (_, r) = Self.generated(seed: 7, design: design)
        #expect(r.completed)
        let steps = r.records.flatMap(\.steps)
        var state = r.final
        for step in steps.reversed() { state.apply(step.deltas, forward: false) }
        #expect(state == SkbState())
        for step in steps { state.apply(step.deltas, forward: true) }
        #expect(state == r.final)
        // Call by call too: each call's steps take the state before it to the state after it.
        var before = SkbState()
        for (i, record) in r.records.enumerated() {
            var s = before
            for step in record.steps { s.apply(step.deltas, forward: true) }
            #expect(s == r.states[i], "call \(record.op): \(record.statement.text)")
            var back = r.states[i]
            for step in record.steps.reversed() { back.apply(step.deltas, forward: false) }
            #expect(back == before, "undo of call \(record.op): \(record.statement.text)")
            before = r.states[i]
        }
    }

    @Test func theSameSeedGivesTheSameScenario() {
        var a = ScenarioGenerator(seed: 99, design: .naive), b = ScenarioGenerator(seed: 99, design: .naive)
        var c = ScenarioGenerator(seed: 100, design: .naive)
        let x = a.scenario(calls: 120), y = b.scenario(calls: 120), z = c.scenario(calls: 120)
        #expect(x == y)
        #expect(x != z)
    }
}
