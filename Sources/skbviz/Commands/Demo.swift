import ArgumentParser
import VizModel

/// `skbviz demo NAME`: a built-in scenario.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a built-in demo; without a name, list them."
    )

    @Argument(help: "The demo's name (see `skbviz demo`).")
    var name: String?

    func run() throws {
        guard let name else {
            for demo in DemoCatalog.all { print("\(demo.name.padding(16))\(demo.title)") }
            return
        }
        guard let demo = DemoCatalog.named(name) else {
            throw ValidationError("no demo named '\(name)': `skbviz demo` lists them")
        }
        let program = Parser.parse(demo.source, file: "demos/\(demo.name).skb")
        let design = ScenarioRun.design(of: program, override: nil)
        var failed = false
        let outcome = ScenarioRun.execute(program, design: design) { record, _ in
            for l in Walk.lines(record) { print(l) }
        }
        switch outcome {
        case .unreadable(let errors):
            for e in errors { ErrorOutput.print(e, program: program) }
            failed = true
        case .failed(_, let e, _):
            ErrorOutput.print(e, program: program)
            failed = true
        case .completed(let state):
            print("")
            for l in AsciiDrawing().lines(state) { print(l) }
        }
        if failed { throw ExitCode(1) }
    }
}

extension String {
    /// The string padded with spaces to `width` columns.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
