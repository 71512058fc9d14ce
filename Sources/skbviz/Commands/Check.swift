import ArgumentParser
import Foundation
import VizModel

/// `skbviz check FILE`: exit 0 when the scenario has no violation.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario and list its violations (premature destructors, leaks, broken invariants).",
        discussion: "Exits 0 when there is no violation, 1 otherwise (a failed call or a reading error counts too)."
    )

    @OptionGroup var scenario: ScenarioArguments

    func run() throws {
        let (program, design) = try scenario.load()
        let file = scenario.file
        var found: [String] = []
        let outcome = ScenarioRun.execute(program, design: design) { record, _ in
            for step in record.steps {
                for v in step.violations {
                    found.append("\(file):\(record.statement.line): \(v.kind.rawValue): \(v.message)")
                }
            }
        }
        let end: SkbState
        switch outcome {
        case .unreadable(let errors):
            ErrorOutput.print(errors, program: program)
            throw ExitCode(1)
        case .failed(_, let e, let state):
            ErrorOutput.print([e], program: program)
            found.append("\(file):\(e.location.line): the call failed, so the check stops here")
            end = state
        case .completed(let state):
            end = state
        }
        let last = program.calls.last?.line ?? 0
        for v in Checker.leaks(in: end) {
            found.append("\(file):\(last): leak: \(v.message)")
        }
        let out = OutputFile.standardOutput()
        for line in found { out.line(TerminalText.escaped(line)) }
        out.line(TerminalText.escaped(found.isEmpty ? "\(file): no violation (\(design.rawValue))" : "\(file): \(found.count) violation\(found.count == 1 ? "" : "s") (\(design.rawValue))"))
        try out.commit()
        if !found.isEmpty { throw ExitCode(1) }
    }
}
