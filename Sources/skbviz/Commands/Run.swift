import ArgumentParser
import Foundation
import VizModel

/// `skbviz run FILE`: the scenario without a terminal.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario without a terminal: print the walk and the final state, optionally write the trace.",
        discussion: """
            Exits 0 when every call completed (violations and leaks included), 1 when a call failed or the file has reading errors.

            The calls of a scenario:
            \(callList)
            """
    )

    /// Each call's signature and summary, from the call table (wrapped for 80 columns).
    private static let callList = CallName.allCases
        .flatMap { ["  \($0.signature)"] + PlainText.wrap("    \($0.summary)", width: 78) }
        .joined(separator: "\n")

    @OptionGroup var scenario: ScenarioArguments

    @Option(help: "Write the JSON Lines trace here ('-' for stdout).", completion: .file(extensions: ["jsonl"]))
    var trace: String?

    @Flag(help: "In the trace, also a step record for every step (its text, depth and field changes); events and violations then carry their step number instead of null.")
    var steps = false

    @Option(help: "Write the plain-ASCII transcript (calls, steps, events, violations, objects; 72 columns) here ('-' for stdout).",
            completion: .file(extensions: ["txt"]))
    var transcript: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let (program, design) = try scenario.load()
        let file = scenario.file
        let pipeline = try trace.map { try TracePipeline(path: $0, includeSteps: steps) }
        let out = trace == "-" || transcript == "-" || quiet ? nil : OutputSink(handle: FileHandle.standardOutput)
        let title = program.title
        pipeline?.then { $0.scenario(file: file, title: title, design: design) }
        out?.line("skbviz run \(file)  design \(design.rawValue)" + (program.title.map { "  \"\($0)\"" } ?? ""))
        let outcome = ScenarioRun.execute(program, design: design, texts: out != nil || steps) { record, _ in
            pipeline?.call(record)
            if let out { for l in Walk.lines(record, design: design) { out.line(l) } }
        }
        pipeline?.then { $0.finish(outcome, program: program) }
        var failed = true
        switch outcome {
        case .unreadable(let errors):
            for e in errors { ErrorOutput.print(e, program: program) }
        case .failed(let op, let e, let state):
            out?.line("call \(op) failed: \(e.message)")
            ErrorOutput.print(e, program: program)
            finalState(state, out: out)
        case .completed(let state):
            finalState(state, out: out)
            failed = false
        }
        pipeline?.finish()
        out?.flush()
        if let transcript {
            try SessionFiles.writeOutput(Transcript.of(program, design: design, tool: "skbviz \(SkbvizVersion.current)").text,
                                         to: transcript)
        }
        if failed { throw ExitCode(1) }
    }

    private func finalState(_ state: SkbState, out: OutputSink?) {
        guard let out else { return }
        out.line("")
        out.line("state after the last completed call:")
        for l in AsciiDrawing().lines(state) { out.line(l) }
        let leaks = Checker.leaks(in: state)
        if !leaks.isEmpty { out.line("") }
        for v in leaks { out.line(v.line) }
    }
}
