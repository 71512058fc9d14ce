/// One row of a command table: a command, the keys bound to it and what the screen says of it.
public struct CommandEntry<Command: Hashable & Sendable>: Hashable, Sendable {
    public var command: Command
    /// The keys bound to it, the first ones shown in hints.
    public var keys: [Key]
    /// A word or two for a hint line, or nil to leave it out.
    public var hint: String?
    /// The reverse command shown with it in a hint (`N/P call`).
    public var pair: Command? = nil
    /// How many of `keys` a hint shows (`Esc or ? closes`).
    public var hintKeys = 1
    /// The sentence of the help overlay and of the README.
    public var help: String
}

/// The commands of one mode of the viewer (motions, the help overlay, the prompts) with their
/// keys: what a key does, and every text that lists keys, come from it.
public struct KeyTable<Command: Hashable & Sendable>: Sendable {
    /// The rows, in the order the help lists them.
    public let entries: [CommandEntry<Command>]
    private var bindings: [Key: Command] = [:]

    public init(_ entries: [CommandEntry<Command>]) {
        self.entries = entries
        for entry in entries {
            for key in entry.keys where bindings[key] == nil { bindings[key] = entry.command }
        }
    }

    /// The command bound to `key`, if any.
    public func command(for key: Key) -> Command? { bindings[key] }

    /// The row of `command`.
    public func entry(_ command: Command) -> CommandEntry<Command>? { entries.first { $0.command == command } }

    /// The hint items of the rows with a hint: the keys shown (and the pair's first key) and the hint.
    public var hints: [(keys: String, label: String)] { entries.compactMap(hint) }

    /// The hint items with their commands, in the table's order.
    public var commandHints: [(command: Command, keys: String, label: String)] {
        entries.compactMap { e in hint(e).map { (e.command, $0.keys, $0.label) } }
    }

    /// The hint items of `commands` only, in the table's order, as one line: `n/p step  ? help`.
    public func hintLine(_ commands: [Command]) -> String {
        entries.filter { commands.contains($0.command) }.compactMap(hint).map { "\($0.keys) \($0.label)" }
            .joined(separator: "  ")
    }

    private func hint(_ e: CommandEntry<Command>) -> (keys: String, label: String)? {
        guard let hint = e.hint, !e.keys.isEmpty else { return nil }
        var keys = e.keys.prefix(e.hintKeys).map(\.hintName).joined(separator: " or ")
        if let pair = e.pair.flatMap(entry), let first = pair.keys.first { keys += "/\(first.hintName)" }
        return (keys, hint)
    }
}
