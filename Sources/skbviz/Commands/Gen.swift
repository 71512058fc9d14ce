import ArgumentParser
import VizModel

/// `skbviz gen`: a valid random scenario, for property tests and the benchmark.
struct Gen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a random valid scenario: every call succeeds, it ends by releasing what it holds, and from about 300 calls on every call appears (under the 2008 designs all but the zero-copy ones, skb_orphan_frags and skb_orphan_frags_rx)."
    )

    /// Parsed unconditionally, so that `--calls -1` is a value to refuse, not a missing one.
    @Option(parsing: .unconditional, help: "How many calls (2 to 10000000), the final releases included.")
    var calls: Int = 100

    @Option(help: "The random seed (the same seed gives the same scenario).")
    var seed: UInt64 = 1

    @Option(help: "The design line of the scenario: \(Design.names("or")).")
    var design: Design = .standard

    @Option(name: .shortAndLong, help: "Write the scenario here instead of to standard output ('-').",
            completion: .file(extensions: ["skb"]))
    var output: String = "-"

    func validate() throws {
        guard calls >= 2 else {
            throw ValidationError("--calls \(calls): a scenario has 2 calls or more (it frees what it allocates)")
        }
        guard calls <= Self.mostCalls else {
            throw ValidationError("--calls \(calls): at most \(Self.mostCalls) (a file of some 300 MB, built whole before it is written)")
        }
    }

    /// The most calls `gen` writes: the scenario is built in memory, and a count like 2^63
    /// would run until memory ran out instead of being refused.
    static let mostCalls = 10_000_000

    func run() throws {
        let out = try OutputFile.open(output)
        var generator = ScenarioGenerator(seed: seed, design: design)
        out.write(generator.scenario(calls: calls))
        try out.commit()
    }
}
