import ArgumentParser
import Foundation
import VizModel

/// `skbviz run FILE`: the scenario without a terminal.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario without a terminal: print the walk and the final state, optionally write the trace.",
        discussion: """
            Exits 0 when every call completed (violations and leaks included), 1 when a call failed, the file has \
            reading errors or cannot be read, or an output cannot be written, 64 on a usage error.

            A scenario file (.skb) has one call a line, as C would write it, and:
            \(fileLines)

            For example:
            \(example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))

            The calls of a scenario:
            \(callList)
            """
    )

    /// A small scenario for the help: a clone shares the head, then both references go.
    static let example = """
        title "a clone shares the head"
        design vanilla
        a = alloc_skb(1000)
        skb_reserve(a, 64)          # headroom for the headers
        skb_put(a, 500)
        note "a second sk_buff on d1: dataref goes from 1 to 2"
        b = skb_clone(a)
        kfree_skb(a)
        kfree_skb(b)
        """

    /// The lines of a file besides its calls, each with what it does, as the calls are listed.
    private static let fileLines = [
        ("title \"TEXT\"", "its title, at most once"),
        ("design NAME", "before any call: \(Design.names("or")); without one, \(Design.standard.rawValue)"),
        ("note \"TEXT\"", "shown with the next call; `note NAME \"TEXT\"` or `note [NAME, NAME] \"TEXT\"` only under those designs"),
        ("# or //", "a comment to the end of the line; a trailing ; is allowed"),
    ]
    .flatMap { ["  " + $0.0] + PlainText.wrap("    " + $0.1, width: 78) }
    .joined(separator: "\n")

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

    func validate() throws {
        if steps, trace == nil { throw ValidationError("--steps needs --trace: it adds a step record for every step to the trace") }
    }

    func run() throws {
        let (program, design) = try scenario.load()
        let file = scenario.file
        if trace == "-", transcript == "-" {
            throw ValidationError("--trace and --transcript cannot both be '-' (standard output)")
        }
        // Every output is opened (and refused) before anything runs.
        let pipeline = try trace.map { try TracePipeline(output: OutputFile.open($0, protecting: file), includeSteps: steps) }
        let transcriptFile = try transcript.map { try OutputFile.open($0, protecting: file) }
        let out = trace == "-" || transcript == "-" || quiet ? nil : OutputFile.standardOutput()
        // When each data destructor fires under the other designs: only for a walk that shows it.
        let others = (out != nil || transcriptFile != nil) && program.errors.isEmpty ? OtherDesigns(program.calls, design: design) : nil
        var text = transcriptFile.map { _ in
            Transcript(Transcript.Heading(file: program.file, title: program.title, design: design, tool: "skbviz \(SkbvizVersion.current)"),
                       others: others)
        }
        func flushTranscript() {
            guard let transcriptFile, var t = text else { return }
            for l in t.take() { transcriptFile.line(l) }
            text = t
        }
        let title = program.title
        pipeline?.then { $0.scenario(file: file, title: title, design: design) }
        out?.line(TerminalText.escaped("skbviz run \(file)  design \(design.rawValue)" + (program.title.map { "  \"\($0)\"" } ?? "")))
        let outcome = ScenarioRun.execute(program, design: design, texts: out != nil || steps || text != nil,
                                          steps: pipeline != nil || out != nil || text != nil) { record, state in
            pipeline?.call(record)
            if let out { for l in Walk.lines(record, design: design, others: others) { out.line(TerminalText.escaped(l)) } }
            if text != nil {
                text?.call(record, state: state)
                flushTranscript()
            }
        }
        pipeline?.then { $0.finish(outcome, program: program) }
        text?.finish(outcome, program: program)
        flushTranscript()
        var failed = true
        switch outcome {
        case .unreadable(let errors):
            out?.line("(the file has reading errors: nothing ran)")
            ErrorOutput.print(errors, program: program)
        case .failed(let op, let e, let state):
            // As a completed call's header, so that the walk says which line and column failed.
            let s = program.calls[op - 1]
            out?.line(TerminalText.escaped("call \(op)  line \(s.line)  \(s.text)"))
            out?.line(TerminalText.escaped("  failed at column \(e.location.column): \(e.message)"))
            out?.line("  (nothing of this call ran; the run stops here)")
            ErrorOutput.print([e], program: program)
            finalState(state, out: out)
        case .completed(let state):
            // Notes after the last call belong to it, as in the viewer (README, The viewer).
            for note in program.closingNotes.texts(under: design) { out?.line(TerminalText.escaped("  note: \(note)")) }
            finalState(state, out: out)
            failed = false
        }
        if let out, let others, case .completed = outcome {
            let end = Walk.endLines(others)
            if !end.isEmpty { out.line("") }
            for l in end { out.line(TerminalText.escaped(l)) }
        }
        try pipeline?.finish()
        try out?.commit()
        try transcriptFile?.commit()
        if failed { throw ExitCode(1) }
    }

    private func finalState(_ state: SkbState, out: OutputFile?) {
        guard let out else { return }
        out.line("")
        out.line("state after the last completed call:")
        for l in AsciiDrawing().lines(state) { out.line(l) }
        let leaks = Checker.leaks(in: state)
        if !leaks.isEmpty { out.line("") }
        for v in leaks { out.line(TerminalText.escaped(v.line)) }
    }
}
