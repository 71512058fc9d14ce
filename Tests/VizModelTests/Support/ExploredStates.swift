@testable import VizModel

/// The states `explore` expands, walked breadth-first for the tests that compare a letter's
/// run one way with another: one state a class up to renaming, every letter run on it.
enum ExploredStates {
    /// A state, its handles and letters, and each letter's run (`ExploreLetter.run`): its
    /// findings (nil: the call failed) and the state after it.
    struct Source {
        let state: SkbState
        let handles: ExploreLetter.Handles
        let letters: [ExploreLetter]
        let results: [(findings: [Violation]?, after: SkbState)]
    }

    /// Every state fewer than `depth` letters from the initial one, in breadth-first order.
    /// - Parameter decoded: each state is the one its concrete code decodes to, as explore
    ///   expands it (else the state the letters reached).
    static func walk(design: Design, depth: Int, decoded: Bool = false, _ visit: (Source) -> Void) {
        var seen: Set<[UInt8]> = []
        var frontier = [SkbState()]
        for _ in 1...depth {
            var next: [SkbState] = []
            for s in frontier {
                let handles = ExploreLetter.Handles(s)
                let letters = ExploreLetter.letters(of: s, design: design, handles: handles)
                let results = letters.map { letter in
                    var t = s
                    return (findings: letter.run(on: &t, design: design, handles: handles), after: t)
                }
                visit(Source(state: s, handles: handles, letters: letters, results: results))
                for r in results where r.findings != nil && ExploreJudge.withinBounds(r.after) {
                    let code = StateCode.codes(r.after, canonical: true)
                    if seen.insert(code.canonical).inserted { next.append(decoded ? StateCode.decode(code.concrete) : r.after) }
                }
            }
            frontier = next
        }
    }
}
