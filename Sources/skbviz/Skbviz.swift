import ArgumentParser
import VizModel

/// `skbviz`: walk through the Linux 2.6.28 sk_buff bookkeeping one step at a time.
@main
struct Skbviz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skbviz",
        abstract: "Step through Linux 2.6.28 sk_buff / skb_shared_info bookkeeping, and the 'destructor for skb data' patch.",
        version: SkbvizVersion.current,
        subcommands: [Run.self, Check.self, Gen.self, Demo.self]
    )
}

/// The tool's version, in `--version` and in exported session logs.
enum SkbvizVersion {
    static let current = "0.1.0"
}

extension Design: ExpressibleByArgument {}
