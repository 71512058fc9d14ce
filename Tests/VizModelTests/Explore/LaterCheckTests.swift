import Testing
@testable import VizModel

/// The search asks the checker only for a transition to a state not known before its batch
/// (spec explore.md §6 judges the state after the call, and a known state was checked when
/// first reached): the check asked after the call is the one the call would have made, and
/// every state the search reaches keeps every rule, checked whole.
struct LaterCheckTests {
    /// Every letter from every state up to depth 4: the findings without the checker's, then
    /// the checker asked later, are the findings with them; and the later check reads what the
    /// call changed (a broken `users` on each skb it changed is found).
    @Test(arguments: Design.allCases)
    func theLaterCheckIsTheCallsOwn(design: Design) {
        var corrupted = 0
        ExploredStates.walk(design: design, depth: 4) { source in
            for (letter, (findings, after)) in zip(source.letters, source.results) {
                let what = "\(design.rawValue) \(letter)"
                var t = source.state
                var machine = ExploreLetter.machine(design: design, names: false)
                let early = letter.run(on: &t, handles: source.handles, machine: &machine, invariants: false)
                guard let early, let findings else {
                    #expect(early == nil && findings == nil, "\(what): fails one way only")
                    continue
                }
                let later = early + machine.invariantViolations(in: t)
                #expect(later.map(\.message) == findings.map(\.message), "\(what): findings")
                #expect(StateCode.codes(t, canonical: false).concrete == StateCode.codes(after, canonical: false).concrete, "\(what): state")
                let changed = t.skbs.keys.filter { id in
                    source.state.skbs.withValue(id) { before in t.skbs.withValue(id) { before != $0 } }
                }
                guard !changed.isEmpty else { continue }
                var broken = t
                for id in changed { broken.skbs[id]!.users += 1 }
                let found = machine.invariantViolations(in: broken).map(\.message)
                for id in changed {
                    #expect(found.contains { $0.hasPrefix("s\(id).users is ") }, "\(what): s\(id) unchecked")
                }
                corrupted += 1
            }
        }
        #expect(corrupted > 100)
    }

    /// Every state reached up to depth 5, checked whole (every skb, buffer and page as if new),
    /// keeps every ownership rule: no transition to a known state skips a broken one.
    @Test(arguments: Design.allCases)
    func everyReachedStateKeepsEveryRule(design: Design) {
        var checked = 0
        ExploredStates.walk(design: design, depth: 5) { source in
            for (findings, s) in source.results where findings != nil && ExploreJudge.withinBounds(s) {
                let all = s.skbs.keys.map { ObjectChange(key: .skb($0), before: nil) }
                    + s.data.keys.map { ObjectChange(key: .data($0), before: nil) }
                    + s.pages.keys.map { ObjectChange(key: .page($0), before: nil) }
                #expect(Checker.invariantViolations(in: s, changed: all).map(\.message) == [], "\(design.rawValue)")
                checked += 1
            }
        }
        #expect(checked > 5_000)
    }
}
