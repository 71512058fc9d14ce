import ArgumentParser
import Foundation
import VizModel

/// `skbviz render FILE --keys "5n G" --size 120x40`: the viewer without a terminal, keys in
/// and screens out as text.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the viewer's screen as text after a key script, without a terminal.",
        discussion: """
            Keys as in the viewer (`5n G <Tab> ?`, a typed call `:skb_get(a)<Enter>`); a blank only separates keys, \
            <Space> is the space bar. Names in angle brackets: \(Key.knownNames). \
            With --color never (the default) changed values carry a `*`; --styles lists the style runs after the text. \
            It writes no files: after e or w the hint bar says so.
            """
    )

    @Argument(help: "The .skb scenario file (or use --demo).", completion: .file(extensions: ["skb"]))
    var file: String?

    @Option(help: "A built-in demo instead of a file.")
    var demo: String?

    @Option(help: "The keys to press, in key-script notation.")
    var keys: String = ""

    @Option(help: "Screen size as WIDTHxHEIGHT.")
    var size: String = "80x24"

    @Option(help: "Design override: \(Design.names("or")).")
    var design: Design?

    @Option(help: "Draw as on a colour terminal (always) or not (never, the default: changes get a `*`).")
    var color: ColorChoice = .never

    @Flag(help: "Draw with ASCII instead of box-drawing characters.")
    var ascii = false

    @Flag(help: "Print the screen after every key, each under a `--- after KEY` line.")
    var every = false

    @Flag(help: "After the text, list the style runs (y:x..<end style).")
    var styles = false

    func validate() throws {
        try ScenarioFile.checkOne(file: file, demo: demo)
        if Self.parseSize(size) == nil { throw ValidationError("--size must be WIDTHxHEIGHT, e.g. 120x40") }
    }

    static func parseSize(_ text: String) -> Size? {
        let parts = text.lowercased().split(whereSeparator: { $0 == "x" || $0 == "×" })
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0, w <= 1000, h <= 1000 else { return nil }
        return Size(width: w, height: h)
    }

    func run() throws {
        let program = try ScenarioFile.load(file, demo: demo)
        var session = try ViewerLauncher.makeSession(program, design: design)
        let script: [Key]
        do { script = try Key.parse(script: keys) } catch { throw ValidationError("\(error)") }
        let options = ViewerOptions(usesColor: color == .always, glyphs: ascii ? .ascii : .unicode)
        guard let screenSize = Self.parseSize(size) else { throw ValidationError("--size must be WIDTHxHEIGHT, e.g. 120x40") }
        session.screenSize = screenSize
        let out = OutputFile.standardOutput()
        func show() {
            let grid = ViewerLayout.grid(session, size: screenSize, options: options)
            out.line(styles ? grid.description : grid.lines.joined(separator: "\n"))
        }
        for key in script {
            let effect = session.handle(key)
            if effect == .quit {
                if every { out.line("--- after \(key): quit") }
                break
            }
            refuseWriting(effect, in: &session)
            if every {
                out.line("--- after \(key)")
                show()
            }
        }
        if !every { show() }
        try out.commit()
    }

    /// Render writes no files: an `e` or `w` that would write in the viewer says so in the
    /// hint bar, and the command that makes that file from this scenario, instead of closing
    /// its prompt without a word.
    func refuseWriting(_ effect: ViewerSession.Effect, in session: inout ViewerSession) {
        let designOption = design.map { " --design \($0.rawValue)" } ?? ""
        switch effect {
        case .export:
            let viewer = demo.map { "skbviz demo \($0)" } ?? "skbviz open \(file ?? "")"
            session.exportFinished("not written: render writes no files; e writes the log in the viewer (\(viewer)\(designOption))")
        case .picture:
            let scenario = demo.map { "--demo \($0)" } ?? file ?? ""
            session.exportFinished("not written: render writes no files; skbviz picture \(scenario)\(designOption) --step \(session.history.cursor) draws this step")
        default: break
        }
    }
}
