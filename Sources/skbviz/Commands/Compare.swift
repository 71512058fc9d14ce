import ArgumentParser
import Foundation
import VizModel

/// `skbviz compare FILE`: the calls where the designs differ, side by side.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario under \(Design.names("and")); print, for each call where they differ, the events of each design side by side and the violations of each.",
        discussion: """
            Exits 0 when the file reads under every design compared (whatever its calls do there: a failed call is \
            shown, not an error), 1 on reading errors or a file that cannot be read, 64 on a usage error. A design \
            the file does not read under (a page named k1 under the zero-copy designs) is left out of the \
            comparison, and its errors go to standard error.
            """
    )

    @Argument(help: "The .skb scenario file.", completion: .file(extensions: ["skb"]))
    var file: String

    @Option(help: ArgumentHelp("The designs to compare, in this order, separated by commas (default: all: \(Design.allCases.map(\.rawValue).joined(separator: ","))).",
                               valueName: "list"),
            transform: Compare.designList)
    var designs: [Design] = Design.allCases

    /// `ubuf-2011,msg-zerocopy-2017`: two or more designs, each once.
    static func designList(_ text: String) throws -> [Design] {
        var list: [Design] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let d = Design(rawValue: name) else {
                throw ValidationError("unknown design '\(name)': \(Design.names("or"))")
            }
            guard !list.contains(d) else { throw ValidationError("design '\(name)' named twice") }
            list.append(d)
        }
        guard list.count >= 2 else { throw ValidationError("--designs needs two designs or more, separated by commas") }
        return list
    }

    func run() throws {
        let program = try ScenarioFile.load(file)
        guard program.errors.isEmpty else {
            ErrorOutput.print(program.errors, program: program)
            throw ExitCode(1)
        }
        let comparison = DesignComparison(program, designs: designs)
        for u in comparison.unreadable { ErrorOutput.print(u.errors, program: program) }
        let out = OutputFile.standardOutput()
        comparison.write { out.line(TerminalText.escaped($0)) }
        try out.commit()
        if !comparison.unreadable.isEmpty { throw ExitCode(1) }
    }
}
