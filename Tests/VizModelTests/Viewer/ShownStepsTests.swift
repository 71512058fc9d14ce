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

    @Test(arguments: [Size(width: 160, height: 50), Size(width: 80, height: 24)])
    func everyStepLooksTheSameHoweverItIsReached(size: Size) throws {
        var g = ScenarioGenerator(seed: 9, design: .origChain)
        for source in [ViewerFixture.expandSource, g.scenario(calls: 60)] {
            var s = try ViewerFixture.session(source)
            func screen() -> [String] {
                let grid = ViewerLayout.grid(s, size: size, options: ViewerFixture.color)
                return grid.lines + grid.styledRuns.map { "\($0.y):\($0.x) \($0.text) \($0.style)" }
            }
            var forward = [screen()]
            // At the last step `n` stays and says so (a redraw too): stop when the cursor stays.
            while s.history.cursor < s.history.stepCount {
                _ = s.apply(.nextStep)
                forward.append(screen())
            }
            #expect(forward.count == s.history.stepCount + 1)
            for i in stride(from: forward.count - 1, through: 0, by: -1) {
                #expect(screen() == forward[i], "back at step \(i)")
                _ = s.apply(.previousStep)
            }
            for i in [forward.count - 1, 0, 5, forward.count / 2, 1, forward.count - 2] {
                _ = s.apply(.firstStep, count: i)
                #expect(screen() == forward[i], "jump to step \(i)")
            }
        }
    }
}
