import ArgumentParser
import VizModel

/// `skbviz demo NAME`: a built-in scenario in the viewer; without a name, the list.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a built-in demo in the viewer; without a name, list them.",
        discussion: "Without a terminal, `skbviz run` and `skbviz render --demo NAME` show the same scenario as text."
    )

    @Argument(help: "The demo's name (see `skbviz demo`).")
    var name: String?

    @OptionGroup var viewer: ViewerArguments

    func run() throws {
        guard let name else {
            let out = OutputFile.standardOutput()
            for demo in DemoCatalog.all { out.line("\(demo.name.padding(16))\(demo.title)") }
            try out.commit()
            return
        }
        guard let demo = DemoCatalog.named(name) else {
            throw ValidationError("no demo named '\(name)': `skbviz demo` lists them")
        }
        let program = Parser.parse(demo.source, file: "demos/\(demo.name).skb")
        do {
            try ViewerLauncher.open(program, arguments: viewer)
        } catch TerminalError.notATerminal {
            throw NotATerminal(demo: demo.name)
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

extension String {
    /// The string padded with spaces to `width` columns.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
