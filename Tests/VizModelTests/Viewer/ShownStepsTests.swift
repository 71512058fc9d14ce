import Testing
import VizModel

/// The history keeps no step text: the call on screen is run again for its texts. These are
/// the same steps as the first run's, for every call of every demo and of generated scenarios.
@Suite struct ShownStepsTests {
    static func expectShownStepsEqualTheRun(_ source: String, design: Design, label: String) throws {
        let program = Parser.parse(source, file: "\(label).skb")
        var session = try ViewerSession(program: program, design: design)
        var records: [CallRecord] = []
        _ = ScenarioRun.execute(program, design: design) { r, _ in records.append(r) }
        #expect(session.history.callCount == records.count, "\(label)")
        for (k, record) in records.enumerated() {
            _ = session.apply(.firstStep, count: session.history.start(ofCall: k + 1) + 1)
            #expect(session.shownSteps == record.steps, "\(label) \(design) call \(k + 1)")
            #expect(session.history.stepCount(ofCall: k + 1) == record.steps.count)
        }
    }

    @Test(arguments: Design.allCases)
    func demos(design: Design) throws {
        for demo in DemoCatalog.all {
            try Self.expectShownStepsEqualTheRun(demo.source, design: design, label: demo.name)
        }
    }

    @Test(arguments: Design.allCases, [UInt64(5), 77])
    func generated(design: Design, seed: UInt64) throws {
        var g = ScenarioGenerator(seed: seed, design: design)
        try Self.expectShownStepsEqualTheRun(g.scenario(calls: 200), design: design, label: "gen\(seed)")
    }

    @Test func theStepPaneShowsTheRerunTexts() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "7N 3n")
        let steps = s.shownSteps
        #expect(steps.count == s.history.stepCount(ofCall: 8))
        #expect(steps.allSatisfy { !$0.text.isEmpty })
        let screen = ViewerLayout.grid(s, size: Size(width: 160, height: 50), options: ViewerFixture.noColor).lines.joined(separator: "\n")
        for step in steps { #expect(screen.contains(String(step.text.prefix(40))), "\(step.text)") }
    }
}
