import Testing
@testable import VizModel

/// The search skips letters whose call must break a bound (`ExploreJudge.mustExceedBounds`):
/// that shortcut is exact only if every such letter, run, fails or breaks a bound.
struct BoundsTests {
    @Test(arguments: [Design.origChain, .naive, .vanilla, .ubuf2011, .msgZerocopy2017])
    func aSkippedLetterIsNeverATransition(design: Design) {
        var frontier = [SkbState()]
        var skipped = 0
        for _ in 0..<5 {
            var next: [SkbState] = []
            for s in frontier {
                for letter in ExploreLetter.letters(of: s, design: design) {
                    var t = s
                    let ran = letter.run(on: &t, design: design) != nil && ExploreJudge.withinBounds(t)
                    if ExploreJudge.mustExceedBounds(letter.call, in: s) {
                        skipped += 1
                        #expect(!ran, "\(letter.call.rawValue) was skipped but is a transition")
                    } else if ran, next.count < 1500 {
                        next.append(t)
                    }
                }
            }
            frontier = next
        }
        #expect(skipped > 100)
    }
}

/// The search's closing reads each skb's and page's `held` into stack space instead of
/// building `closing(of:)`'s list (the sequence a counterexample file writes): both must
/// give back the same references in the same order.
struct ClosingTests {
    @Test(arguments: [Design.origChain, .naive, .vanilla, .ubuf2011, .msgZerocopy2017])
    func theSearchsClosingRunsTheClosingSequence(design: Design) {
        var compared = 0
        ExploredStates.walk(design: design, depth: 4) { source in
            for r in source.results where r.findings != nil {
                var bySequence = r.after
                var machine = ExploreJudge.closingMachine(design: design)
                machine.run(on: &bySequence) { m in
                    for (call, id) in ExploreJudge.closing(of: r.after) {
                        if call == .putPage { try? m.scenarioPutPage(id) } else { m.scenarioKfreeSkb(id) }
                    }
                }
                #expect(ExploreJudge.closed(r.after, design: design) == bySequence)
                compared += 1
            }
        }
        #expect(compared > 300)
    }
}
