import Testing
@testable import VizModel

/// `explore`'s machine keeps a call's findings and no step, and its referrers follow the call
/// only when something reads them (a data destructor's check, the end of the call), where a
/// machine that keeps steps has them follow every step: both report the same violations and
/// leave the same state, with referrers that follow it.
struct FindingsMachineTests {
    /// Every letter from every state up to depth 4 (one state for each up to renaming), run
    /// both ways.
    @Test(arguments: Design.allCases)
    func findingsAreTheViolationsOfTheSteps(design: Design) {
        var kinds: Set<ViolationKind> = []
        ExploredStates.walk(design: design, depth: 5) { source in
            let s = source.state, handles = source.handles
            for (letter, (findings, t)) in zip(source.letters, source.results) {
                let what = "\(design.rawValue) \(letter)"
                var u = s, v = s
                let steps = Self.steps(of: letter, on: &u, design: design, handles: handles)
                // The search's run names nothing: the same findings and the same state but its names.
                var machine = ExploreLetter.machine(design: design, names: false)
                let unnamed = letter.run(on: &v, handles: handles, machine: &machine)
                #expect(unnamed.map { $0.map(\.message) } == findings.map { $0.map(\.message) }, "\(what): unnamed findings")
                #expect(StateCode.codes(v, canonical: false).concrete == StateCode.codes(t, canonical: false).concrete, "\(what): unnamed state")
                #expect(v.bindings == s.bindings && v.skbs.values.allSatisfy { s.skbs[$0.id]?.name == $0.name }, "\(what): names")
                guard let findings, let steps else {
                    #expect(findings == nil && steps == nil, "\(what): fails one way only")
                    continue
                }
                #expect(t == u, "\(what): states")
                ReferrersTests.expectFollowed(t, what)
                let reported = steps.flatMap { $0.outcomes }.compactMap { o -> Violation? in
                    if case .violation(let v) = o { v } else { nil }
                }
                #expect(findings.map(\.message).sorted() == reported.map(\.message).sorted(), "\(what): violations")
                kinds.formUnion(findings.map(\.kind))
            }
        }
        // The comparison covers the findings that read the referrers in the middle of a call.
        if design == .naive { #expect(kinds.contains(.prematureDestructor)) }
    }

    /// The letter's call on a machine that keeps steps.
    static func steps(of letter: ExploreLetter, on state: inout SkbState, design: Design, handles: ExploreLetter.Handles) -> [Step]? {
        let (values, binding) = letter.arguments(handles, design: design)
        let entry = letter.call.entry
        var machine = Machine(state: state, design: design, call: nil, texts: false)
        do throws(KernelError) {
            let results = try entry.run(&machine, Arguments(parameters: entry.parameters, values: values, binding: binding))
            machine.bindResults(results, returns: entry.returns, to: binding)
        } catch {
            return nil
        }
        let steps = machine.finish()
        state = machine.state
        return steps
    }
}
