import Testing
import VizModel

/// Where each motion takes the cursor over a history, apart from any session.
@Suite struct MotionTests {
    static func history(_ source: String = ViewerFixture.expandSource) -> StepHistory {
        StepHistory(calls: ViewerFixture.run(source).records.map(\.steps))
    }

    @Test func stepsAndEndsWithAndWithoutACount() {
        var h = Self.history()
        #expect(h.target(of: .step(forward: true), count: nil) == 1)
        #expect(h.target(of: .step(forward: true), count: 5) == 5)
        #expect(h.target(of: .step(forward: false), count: nil) == -1, "seek clamps it")
        #expect(h.target(of: .end(last: true), count: nil) == h.stepCount)
        #expect(h.target(of: .end(last: false), count: 12) == 12)
        h.seek(to: 20)
        #expect(h.target(of: .end(last: false), count: nil) == 0)
        #expect(h.target(of: .end(last: true), count: 3) == 3, "with a count, G goes to that step")
        #expect(h.target(of: .step(forward: false), count: 2) == 18)
    }

    @Test func callMotionsGoToTheEndsOfCalls() {
        var h = Self.history()
        #expect(h.target(of: .call(forward: true), count: nil) == h.end(ofCall: 1))
        #expect(h.target(of: .call(forward: true), count: 7) == h.end(ofCall: 7))
        h.seek(to: h.end(ofCall: 7) + 2)
        #expect(h.target(of: .call(forward: true), count: nil) == h.end(ofCall: 8), "from inside a call: its end")
        #expect(h.target(of: .call(forward: false), count: nil) == h.end(ofCall: 7))
        #expect(h.target(of: .call(forward: false), count: 99) == 0)
        h.seek(to: h.stepCount)
        #expect(h.target(of: .call(forward: true), count: nil) == h.stepCount, "nowhere further")
    }

    @Test func eventAndViolationStops() {
        var h = Self.history(ViewerFixture.violations)
        let events = (1...h.stepCount).filter { i in h.outcomes(ofStep: i).contains { if case .event = $0 { true } else { false } } }
        let violations = (1...h.stepCount).filter { i in
            h.outcomes(ofStep: i).contains { if case .violation = $0 { true } else { false } }
        }
        #expect(h.target(of: .event(forward: true), count: nil) == events[0])
        #expect(h.target(of: .event(forward: true), count: 2) == events[1])
        #expect(h.target(of: .event(forward: true), count: 99) == events.last!, "stops at the last one")
        #expect(h.target(of: .violation(forward: true), count: nil) == violations[0])
        h.seek(to: violations.last!)
        #expect(h.target(of: .violation(forward: true), count: nil) == violations.last!, "no stop after it")
        #expect(h.target(of: .violation(forward: true), count: nil, endHasLeaks: true) == h.stepCount, "the end has leaks")
        #expect(h.target(of: .event(forward: false), count: nil) == events.last { $0 < violations.last! } ?? violations.last!, "none before: it stays")
        #expect(h.target(of: .violation(forward: false), count: nil) == violations.dropLast().last ?? violations.last!)
    }

    @Test func everyMotionCommandHasAMotionAndNoOtherCommandDoes() {
        let motions = ViewerCommand.allCases.filter { $0.motion != nil }
        #expect(motions == [.nextStep, .previousStep, .nextCall, .previousCall, .firstStep, .lastStep,
                            .nextFree, .previousFree, .nextDataDestructor, .previousDataDestructor, .nextViolation, .previousViolation])
    }
}
