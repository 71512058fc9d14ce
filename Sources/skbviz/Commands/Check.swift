import ArgumentParser
import Foundation
import VizModel

/// `skbviz check FILE`: exit 0 when the scenario has no violation.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario and list its violations (premature destructors, leaks, broken invariants).",
        discussion: """
            A call that fails (a use after free, a kernel BUG) is an error, not a violation: the check stops there, \
            and the summary counts it apart. Reading errors go to standard error, and nothing runs. Exits 0 when \
            there is no violation and no error, 1 otherwise (reading errors and a file that cannot be read too), \
            64 on a usage error.
            """
    )

    @OptionGroup var scenario: ScenarioArguments

    func run() throws {
        let (program, design) = try scenario.load()
        let file = scenario.file
        var found: [String] = []
        var failed = false
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
            let n = errors.count
            let out = OutputFile.standardOutput()
            out.line(TerminalText.escaped("\(file): \(n) reading error\(n == 1 ? "" : "s"): nothing ran (\(design.rawValue))"))
            try out.commit()
            throw ExitCode(1)
        case .failed(_, let e, let state):
            ErrorOutput.print([e], program: program)
            found.append("\(file):\(e.location.line): the call failed, so the check stops here")
            failed = true
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
        out.line(TerminalText.escaped("\(file): \(Self.summary(violations: found.count - (failed ? 1 : 0), failed: failed)) (\(design.rawValue))"))
        try out.commit()
        if !found.isEmpty { throw ExitCode(1) }
    }

    /// `no violation`, `2 violations`, `1 error`, `1 violation and 1 error`: a failed call is
    /// an error, not a violation (model.md: a violation is the checker's finding).
    static func summary(violations: Int, failed: Bool) -> String {
        let v = violations == 0 ? "no violation" : "\(violations) violation\(violations == 1 ? "" : "s")"
        guard failed else { return v }
        return violations == 0 ? "1 error" : "\(v) and 1 error"
    }
}
