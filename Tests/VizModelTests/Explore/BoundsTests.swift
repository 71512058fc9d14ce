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
