import ArgumentParser
import Foundation
import VizModel

/// `skbviz compare FILE`: the calls where the designs differ, side by side.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario under \(Design.names("and")); print, for each call where they differ, the events of each design side by side and the violations of each.",
        discussion: "Exits 0 when the file could be read (whatever the designs do), 1 on reading errors."
    )

    @Argument(help: "The .skb scenario file.", completion: .file(extensions: ["skb"]))
    var file: String

    func run() throws {
        let program = try ScenarioFile.load(file)
        guard program.errors.isEmpty else {
            ErrorOutput.print(program.errors, program: program)
            throw ExitCode(1)
        }
        let out = OutputFile.standardOutput()
        for line in DesignComparison(program).lines() { out.line(TerminalText.escaped(line)) }
        try out.commit()
    }
}
