import ArgumentParser
import Foundation
import VizModel

/// `skbviz open FILE` (also `skbviz FILE.skb`): the full-screen viewer on a scenario.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the full-screen viewer on a scenario (also: skbviz FILE.skb).",
        discussion: Keymap.standard.summary + " Without a terminal, use `skbviz run` or `skbviz render`."
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
    @Option(help: "Run under this design instead of the file's: \(Design.names("or")).")
    var design: Design?

    @Option(help: "Use colour: auto, always or never (auto honours NO_COLOR).")
    var color: ColorChoice = .auto

    @Option(help: "On quitting (\(Keymap.standard.keyName(.quit))), write the session log: PATH.skb, PATH.jsonl and PATH.txt (refused if one exists).",
            completion: .file())
    var log: String?
}

/// Runs a scenario and hands the session to the terminal: paints grids, turns keys into
/// commands, and nothing more.
enum ViewerLauncher {
    static func open(_ program: Program, arguments: ViewerArguments) throws {
        if program.calls.count >= 20_000 {
            // Seconds pass before the first frame of a long generated scenario: say why.
            StandardError.line("skbviz: running the \(program.calls.count) calls of \(TerminalText.escaped(program.file))…")
        }
        let session = try makeSession(program, design: arguments.design)
        // --log cannot ask before overwriting once the viewer has quit: refuse up front.
        let logBase = arguments.log.map(SessionFiles.base(of:))
        if let base = logBase, let problem = SessionFiles.problem(withNew: base) {
            throw ValidationError("--log: \(problem)")
        }
        let terminal = try TerminalSession(color: arguments.color)
        defer { terminal.shutdown() }
        var viewer = session
        viewer.exportDirectory = FileManager.default.currentDirectoryPath
        let options = ViewerOptions(usesColor: terminal.usesColor, glyphs: terminal.glyphs)
        terminal.run(
            render: { size in ViewerLayout.grid(viewer, size: size, options: options) },
            handle: { key, size in
                viewer.screenSize = size
                let effect = viewer.handle(key)
                if case .export(let path, let overwrite) = effect { export(&viewer, path: path, overwrite: overwrite) }
                if case .picture(let path, let overwrite) = effect { picture(&viewer, path: path, overwrite: overwrite) }
                return effect != .quit
            })
        // The log is written on every way out (q, Ctrl-C, SIGTERM, SIGHUP, SIGQUIT); a signal
        // is re-raised after it, by the deferred shutdown.
        terminal.restore()
        if let base = logBase {
            do {
                try SessionFiles.write(log(of: viewer, base: base), base: base, overwrite: false)
                StandardError.line(TerminalText.escaped("skbviz: session log written to \(base).skb, \(base).jsonl, \(base).txt"))
            } catch {
                StandardError.line("skbviz: session log \(error)")
                throw ExitCode(1)
            }
        }
    }

    /// The session log of `viewer`, its `.skb` to be written at `base.skb`.
    static func log(of viewer: ViewerSession, base: String) -> SessionLog {
        SessionLog(viewer.logSource, scenarioPath: "\(base).skb", tool: ("skbviz", SkbvizVersion.current))
    }

    /// Carries out the viewer's `.export` effect and reports back to it.
    static func export(_ viewer: inout ViewerSession, path: String?, overwrite: Bool) {
        let base = SessionFiles.base(of: path ?? SessionFiles.defaultBase())
        do {
            try SessionFiles.write(log(of: viewer, base: base), base: base, overwrite: overwrite)
            viewer.exportFinished(SessionFiles.written(base: base))
        } catch let e as SessionFiles.Exists {
            viewer.exportNeedsConfirmation(path: base, existing: e.files)
        } catch {
            viewer.exportFinished("\(error)")
        }
    }

    /// The session of `program`, or its reading errors on stderr and exit status 1.
    static func makeSession(_ program: Program, design: Design?) throws -> ViewerSession {
        do {
            return try ViewerSession(program: program, design: ScenarioRun.design(of: program, override: design))
        } catch {
            ErrorOutput.print(error.diagnostics, program: program)
            throw ExitCode(1)
        }
    }
}
