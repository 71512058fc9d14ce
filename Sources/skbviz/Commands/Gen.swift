import ArgumentParser
import VizModel

/// `skbviz gen`: a valid random scenario, for property tests and the benchmark.
struct Gen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a random valid scenario: every call succeeds, every call of the language appears, and it ends by releasing what it holds."
    )

    @Option(help: "How many calls.")
    var calls: Int = 100

    @Option(help: "The random seed (the same seed gives the same scenario).")
    var seed: UInt64 = 1

    @Option(help: "The design line of the scenario: \(Design.names("or")).")
    var design: Design = .standard

    @Option(name: .shortAndLong, help: "Write the scenario here instead of to standard output ('-').",
            completion: .file(extensions: ["skb"]))
    var output: String = "-"

    func validate() throws {
        guard calls > 0 else { throw ValidationError("--calls must be above 0") }
    }

    func run() throws {
        let out = try OutputFile.open(output)
        var generator = ScenarioGenerator(seed: seed, design: design)
        out.write(generator.scenario(calls: calls))
        try out.commit()
    }
}
