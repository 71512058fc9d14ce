import Testing
@testable import VizModel

/// The state's `referrers` follow every change: after each call of random scenarios, and after
/// the calls are taken back, they say what a walk over every object says.
@Suite struct ReferrersTests {
    /// What `referrers` should say, found by walking every object.
    static func walked(_ state: SkbState) -> (lists: IdTable<IdTable<Int>>, heads: IdTable<[Int]>, slots: IdTable<Int>, copies: Set<Int>) {
        var lists: IdTable<IdTable<Int>> = [:], heads: IdTable<[Int]> = [:], slots: IdTable<Int> = [:], copies: Set<Int> = []
        for b in state.data.values {
            for m in b.fragList { lists[m, default: [:]][b.id, default: 0] += 1 }
            for f in b.frags where f.owned { slots[f.page, default: 0] += 1 }
            if b.frags.contains(where: { !$0.lineage.isEmpty }) { copies.insert(b.id) }
        }
        for s in state.skbs.values { heads[s.data, default: []].append(s.id) }
        return (lists, heads.mapValues { $0.sorted() }, slots, copies)
    }

    static func expectFollowed(_ state: SkbState, _ what: String) {
        let w = walked(state), r = state.referrers
        #expect(r.lists == w.lists, "\(what): frag_list holders")
        #expect(r.heads.mapValues { $0.sorted() } == w.heads, "\(what): heads")
        #expect(r.slots == w.slots, "\(what): owned frag slots")
        #expect(Set(r.copies) == w.copies, "\(what): buffers with copied frags")
    }

    @Test(arguments: Design.allCases, [UInt64(7), 99, 2024])
    func followEveryCallAndItsUndo(design: Design, seed: UInt64) {
        var g = ScenarioGenerator(seed: seed, design: design)
        let program = Parser.parse(g.scenario(calls: 300), file: "gen.skb")
        var runner = Runner(design: design)
        var done: [[Step]] = []
        for statement in program.calls {
            guard case .success(let steps) = runner.run(statement) else { continue }
            done.append(steps)
            Self.expectFollowed(runner.state, "seed \(seed) line \(statement.line)")
        }
        for steps in done.reversed() { runner.revert(steps) }
        Self.expectFollowed(runner.state, "seed \(seed) undone")
        #expect(runner.state == SkbState())
    }

    @Test func aLineageIsSharedAndComparedByItsBuffers() {
        var a = Lineage([1, 2])
        let b = a
        a.append(3)
        #expect(a.buffers == [1, 2, 3] && b.buffers == [1, 2])
        #expect(a == Lineage([1, 2, 3]) && a != b && a.contains(1) && !b.contains(3))
        var long = Lineage()
        for i in 0..<200_000 { long.append(i) }
        #expect(long.count == 200_000 && long.contains(0))
    }
}
