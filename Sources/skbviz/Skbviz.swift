import ArgumentParser
import VizModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `skbviz`: walk through the Linux 2.6.28 sk_buff bookkeeping one step at a time.
@main
struct Skbviz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skbviz",
        abstract: "Step through Linux 2.6.28 sk_buff / skb_shared_info bookkeeping, the 'destructor for skb data' patch, and the zero-copy designs of Linux 3.1 and 4.14.",
        usage: """
            skbviz FILE.skb [--design <design>] [--color <color>] [--log <log>]
              skbviz <subcommand>
            """,
        discussion: """
            New to sk_buffs? `skbviz demo clone` opens the first lesson (n steps, ? lists the keys, q quits); `skbviz demo` lists \
            every demo.

            `skbviz FILE.skb` is short for `skbviz open FILE.skb`. `skbviz run --help` lists the calls a scenario can make.
            """,
        version: SkbvizVersion.current,
        subcommands: [Open.self, Demo.self, Run.self, Check.self, Compare.self, Gen.self, Render.self, PictureCommand.self, Explore.self, TerminalSelfTest.self]
    )

    /// `skbviz FILE.skb …` becomes `skbviz open FILE.skb …`; everything else is parsed as is.
    /// A `ToolError` is printed as it is (`skbviz: cannot write OUT: …`), with status 1.
    static func main() {
        // A closed pipe ends a filter quietly (status 141), even if the parent ignored SIGPIPE.
        signal(SIGPIPE, SIG_DFL)
        var command: ParsableCommand
        do {
            command = try parseAsRoot(rewrite(Array(CommandLine.arguments.dropFirst())))
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch let error as ToolError {
            StandardError.line(error.description)
            Glibc.exit(1)
        } catch let error as ValidationError {
            // Past parsing, ArgumentParser knows only the root: say the usage of the command
            // that refused its arguments, as it does for an error found while parsing.
            let type = Swift.type(of: command)
            let name = type == Skbviz.self ? "skbviz" : "skbviz \(type._commandName)"
            StandardError.line("Error: \(error.message)")
            StandardError.line("Usage: \(usageString(for: type))")
            StandardError.line("  See '\(name) --help' for more information.")
            Glibc.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: error)
        }
    }

    /// Inserts `open` before a first argument that is a scenario file rather than a subcommand.
    static func rewrite(_ arguments: [String]) -> [String] {
        guard let first = arguments.first, !first.hasPrefix("-") else { return arguments }
        let names = Set(configuration.subcommands.map { $0._commandName } + ["help"])
        guard !names.contains(first) else { return arguments }
        var info = stat()
        let isFile = stat(first, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        return first.hasSuffix(".skb") || isFile ? ["open"] + arguments : arguments
    }
}

/// An error whose description is the whole message, `skbviz: …` included.
protocol ToolError: Error, CustomStringConvertible {}

/// The tool's version, in `--version` and in exported session logs.
enum SkbvizVersion {
    static let current = "0.1.0"
}

extension Design: ExpressibleByArgument {}
