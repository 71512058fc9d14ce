import ArgumentParser
import Foundation
import VizModel

/// `skbviz run FILE`: the scenario without a terminal.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario without a terminal: print the walk and the final state, optionally write the trace.",
        discussion: "Exits 0 when every call completed (violations and leaks included), 1 when a call failed or the file has reading errors."
    )

    @OptionGroup var scenario: ScenarioArguments

    @Option(help: "Write the JSON Lines trace here ('-' for stdout).", completion: .file(extensions: ["jsonl"]))
    var trace: String?

    @Option(help: "Write the plain-ASCII transcript (calls, steps, events, violations, objects; 72 columns) here ('-' for stdout).",
            completion: .file(extensions: ["txt"]))
    var transcript: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let (program, design) = try scenario.load()
        let file = scenario.file
        let traceSink = try trace.map { try OutputSink(path: $0) }
        let out = trace == "-" || transcript == "-" || quiet ? nil : OutputSink(handle: FileHandle.standardOutput)
        let writer = traceSink.map { sink in TraceWriter(emitBytes: sink.line(bytes:)) }
        writer?.scenario(file: file, title: program.title, design: design)
        out?.line("skbviz run \(file)  design \(design.rawValue)" + (program.title.map { "  \"\($0)\"" } ?? ""))
        var ops = 0
        let outcome = ScenarioRun.execute(program, design: design) { record, state in
            ops = record.op
            writer?.call(record, state: state)
            if let out { for l in Walk.lines(record) { out.line(l) } }
        }
        var failed = true
        switch outcome {
        case .unreadable(let errors):
            for e in errors {
                writer?.error(e, op: nil)
                ErrorOutput.print(e, program: program)
            }
            writer?.end(ops: 0, state: nil)
        case .failed(let op, let e, let state):
            writer?.op(op, program.calls[op - 1])
            writer?.error(e, op: op)
            writer?.end(ops: ops, state: state)
            out?.line("call \(op) failed: \(e.message)")
            ErrorOutput.print(e, program: program)
            finalState(state, out: out)
        case .completed(let state):
            writer?.end(ops: ops, state: state)
            finalState(state, out: out)
            failed = false
        }
        traceSink?.flush()
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
        for v in leaks { out.line("VIOLATION leak: \(v.message)") }
    }
}
