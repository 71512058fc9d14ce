import Testing
@testable import VizModel

/// The search asks the checker only for a transition to a state not known before its batch
/// (spec explore.md §6 judges the state after the call, and a known state was checked when
/// first reached): the check asked after the call is the one the call would have made, and
/// every state the search reaches keeps every rule, checked whole.
struct LaterCheckTests {
    /// Every letter from every state up to depth 4: the findings without the checker's, then
    /// the checker asked later, are the findings with them, also on the search's machine, which
    /// tracks no change; and the later check reads what the call changed (a broken `users` on
    /// each skb it changed is found).
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
                // The search's machine remembers nothing of the call: the checker reads the whole state.
                var u = source.state
                var search = ExploreLetter.machine(design: design, names: false, rollsBack: false)
                let unkept = letter.run(on: &u, handles: source.handles, machine: &search, invariants: false)
                #expect(unkept.map { ($0 + search.invariantViolations(in: u)).map(\.message) } == findings.map(\.message), "\(what): search findings")
                #expect(StateCode.codes(u, canonical: false).concrete == StateCode.codes(after, canonical: false).concrete, "\(what): search state")
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

    /// Every state reached up to depth 5, checked whole, keeps every ownership rule: no
    /// transition to a known state skips a broken one. The whole check is the check of a call
    /// that made every object, also on states broken on purpose.
    @Test(arguments: Design.allCases)
    func everyReachedStateKeepsEveryRule(design: Design) {
        var checked = 0, broken = 0
        ExploredStates.walk(design: design, depth: 5) { source in
            for (findings, s) in source.results where findings != nil && ExploreJudge.withinBounds(s) {
                #expect(Checker.invariantViolations(in: s).map(\.message) == [], "\(design.rawValue)")
                checked += 1
                var b = s
                for id in b.skbs.keys where id % 2 == checked % 2 { b.skbs[id]!.users += 1 }
                for id in b.pages.keys { b.pages[id]!.count += 1 }
                for id in b.data.keys where id % 3 == 0 { b.data[id]!.dataref = 1 << Kernel.datarefShift }
                let whole = Checker.invariantViolations(in: b).map(\.message)
                let asNew = Checker.invariantViolations(in: b, changed: Self.everyObject(of: b)).map(\.message)
                #expect(whole == asNew, "\(design.rawValue)")
                if !whole.isEmpty { broken += 1 }
            }
        }
        #expect(checked > 5_000 && broken > 5_000)
    }

    /// The one walk that decides whether a whole state keeps every rule (`Checker.keepsRules`)
    /// agrees with the rules asked one by one, on every state reached up to depth 4 and on each
    /// of them broken one way at a time: every rule of the whole check, on each object.
    @Test(arguments: [Design.origChain, .naive, .msgZerocopy2017])
    func theOneWalkAgreesWithTheRulesOneByOne(design: Design) {
        typealias Break = (String, (inout SkbState) -> Void)
        var breaks: [Break] = []
        for k in 0..<4 {
            func skb(_ s: inout SkbState, _ change: (inout SkBuff) -> Void) {
                let ids = Array(s.skbs.keys)
                if k < ids.count { change(&s.skbs[ids[k]]!) }
            }
            func buffer(_ s: inout SkbState, _ change: (inout DataBuffer) -> Void) {
                let ids = Array(s.data.keys)
                if k < ids.count { change(&s.data[ids[k]]!) }
            }
            breaks += [
                ("users", { skb(&$0) { $0.users += 1 } }),
                ("held", { skb(&$0) { $0.held += 1 } }),
                ("headroom", { skb(&$0) { $0.headroom = -1 } }),
                ("len", { skb(&$0) { $0.len = $0.dataLen - 1 } }),
                ("cloned", { skb(&$0) { $0.cloned = false } }),
                ("dataref", { buffer(&$0) { $0.dataref = 1 << Kernel.datarefShift } }),
                ("fragListOwned", { buffer(&$0) { $0.fragListOwned.toggle() } }),
                ("zc", { buffer(&$0) { $0.zc = true } }),
                ("frag owned", { buffer(&$0) { if !$0.frags.isEmpty { $0.frags[0].owned.toggle() } } }),
                ("page count", { s in if let id = Array(s.pages.keys).dropFirst(k % 2).first { s.pages[id]!.count += 1 } }),
                ("page freed", { s in if let id = Array(s.pages.keys).dropFirst(k % 2).first { s.pages[id] = nil } }),
            ]
        }
        var kept = 0, broken = 0
        ExploredStates.walk(design: design, depth: 4) { source in
            for (findings, s) in source.results where findings != nil && ExploreJudge.withinBounds(s) {
                for (what, change) in [("none", { (_: inout SkbState) in })] + breaks {
                    var b = s
                    // Broken behind the referrers' back: both checks walk the objects.
                    b.keepsReferrers = false
                    change(&b)
                    let rules = Checker.invariantViolations(in: b, changed: Self.everyObject(of: b))
                    #expect(Checker.keepsRules(b) == rules.isEmpty, "\(design.rawValue) \(what): \(rules.map(\.message))")
                    if rules.isEmpty { kept += 1 } else { broken += 1 }
                }
            }
        }
        #expect(kept > 2_000 && broken > 10_000, "\(kept) kept, \(broken) broken")
    }

    /// Every skb, buffer and page of `state`, as if a call had made it.
    static func everyObject(of state: SkbState) -> [ObjectChange] {
        state.skbs.keys.map { ObjectChange(key: .skb($0), before: nil) }
            + state.data.keys.map { ObjectChange(key: .data($0), before: nil) }
            + state.pages.keys.map { ObjectChange(key: .page($0), before: nil) }
    }
}
