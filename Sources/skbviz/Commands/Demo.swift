import ArgumentParser
import VizModel

/// `skbviz demo NAME`: a built-in scenario in the viewer; without a name (or with `--list`),
/// the list.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a built-in demo in the viewer; without a name, list them.",
        discussion: "Without a terminal, `skbviz run` and `skbviz render --demo NAME` show the same scenario as text."
    )

    @Argument(help: "The demo's name (see `skbviz demo`).")
    var name: String?

    @Flag(help: "List the demos, one a line (what `skbviz demo` without a name does).")
    var list = false

    @OptionGroup var viewer: ViewerArguments

    func validate() throws {
        if list, let name { throw ValidationError("--list lists every demo: give it no name (got '\(name)')") }
    }

    func run() throws {
        guard let name, !list else {
            let out = OutputFile.standardOutput()
            for line in Self.listing(DemoCatalog.all.map { ($0.name, $0.title) }) { out.line(line) }
            try out.commit()
            return
        }
        guard let demo = DemoCatalog.named(name) else {
            throw ValidationError(DemoCatalog.unknownMessage(name))
        }
        let program = Parser.parse(demo.source, file: "demos/\(demo.name).skb")
        do {
            try ViewerLauncher.open(program, arguments: viewer)
        } catch TerminalError.notATerminal {
            throw NotATerminal(demo: demo.name)
        }
    }

    /// One line a demo: its name, then its title in a column two spaces past the longest
    /// name; a title that starts with its demo's name (`ubuf-tx: …`) without it.
    static func listing(_ demos: [(name: String, title: String)]) -> [String] {
        let width = (demos.map(\.name.count).max() ?? 0) + 2
        return demos.map { demo in
            let prefix = demo.name + ": "
            let title = demo.title.hasPrefix(prefix) ? String(demo.title.dropFirst(prefix.count)) : demo.title
            return demo.name + String(repeating: " ", count: width - demo.name.count) + title
        }
    }

    /// The demo cannot open the viewer without a terminal: say what works instead.
    struct NotATerminal: Error, CustomStringConvertible {
        var demo: String
        var description: String {
            "the viewer needs a terminal, but standard input or output is not one; to step through the demo "
                + "without a terminal, use `skbviz run` on its file (demos/\(demo).skb in the source tree) "
                + "or `skbviz render --demo \(demo) --keys \"5n\"`"
        }
    }
}
