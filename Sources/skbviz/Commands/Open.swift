import ArgumentParser
import VizModel

/// `skbviz open FILE` (also `skbviz FILE.skb`): the full-screen viewer on a scenario.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the full-screen viewer on a scenario (also: skbviz FILE.skb).",
        discussion: "Keys: n/p step, N/P call, g/G first/last, c/C free events, v/V violations, ? help, q quit. Without a terminal, use `skbviz run` or `skbviz render`."
    )

    @Argument(help: "The .skb scenario file.", completion: .file(extensions: ["skb"]))
    var file: String

    @OptionGroup var viewer: ViewerArguments

    func run() throws {
        let program = try ScenarioFile.load(file)
        try ViewerLauncher.open(program, arguments: viewer)
    }
}

/// The options every way of opening the viewer shares.
struct ViewerArguments: ParsableArguments {
    @Option(help: "Run under this design instead of the file's: vanilla, naive or orig-chain.")
    var design: Design?

    @Option(help: "Use colour: auto, always or never (auto honours NO_COLOR).")
    var color: ColorChoice = .auto
}

/// Runs a scenario and hands the session to the terminal: paints grids, turns keys into
/// commands, and nothing more.
enum ViewerLauncher {
    static func open(_ program: Program, arguments: ViewerArguments) throws {
        let session = try makeSession(program, design: arguments.design)
        let terminal = try TerminalSession(color: arguments.color)
        defer { terminal.shutdown() }
        var viewer = session
        let options = ViewerOptions(usesColor: terminal.usesColor, glyphs: terminal.glyphs)
        terminal.run(
            render: { size in ViewerLayout.grid(viewer, size: size, options: options) },
            handle: { key in viewer.handle(key) != .quit })
    }

    /// The session of `program`, or its reading errors on stderr and exit status 1.
    static func makeSession(_ program: Program, design: Design?) throws -> ViewerSession {
        do {
            return try ViewerSession(program: program, design: ScenarioRun.design(of: program, override: design))
        } catch {
            for e in error.diagnostics { ErrorOutput.print(e, program: program) }
            throw ExitCode(1)
        }
    }
}
