/// Which key does what in each mode of the viewer, and every text that lists keys: the hint
/// bar (the main keys, the help overlay's, the touched list's), the help overlay's rows, the
/// small-screen hint, `open --help` and the README's keys table. The session dispatches with its keymap and the screen lists that same
/// keymap, so a key added or rebound in a table is everywhere at once.
public struct Keymap: Sendable {
    /// Motions, panes, prompts and the rest, outside the help overlay and the prompts.
    public let view: KeyTable<ViewerCommand>
    /// While the help overlay is open.
    public let help: KeyTable<HelpCommand>
    /// At the `:`, `/` and export prompts, and while typing the help's filter.
    public let prompt: KeyTable<PromptCommand>
    /// When an export asks before overwriting.
    public let confirm: KeyTable<ConfirmCommand>
    /// While the list of the steps that touched an object is open.
    public let list: KeyTable<ListCommand>

    /// The default bindings of the command tables.
    public static let standard = Keymap(ViewerCommand.table)

    public init(_ table: [ViewerCommand.Entry], help: [HelpCommand.Entry] = HelpCommand.table,
                prompt: [PromptCommand.Entry] = PromptCommand.table, confirm: [ConfirmCommand.Entry] = ConfirmCommand.table,
                list: [ListCommand.Entry] = ListCommand.table) {
        self.view = KeyTable(table)
        self.help = KeyTable(help)
        self.prompt = KeyTable(prompt)
        self.confirm = KeyTable(confirm)
        self.list = KeyTable(list)
    }

    /// The command bound to `key` outside the help overlay and the prompts, if any.
    public func command(for key: Key) -> ViewerCommand? { view.command(for: key) }

    // MARK: Texts

    /// The first key of `command`, as hints show it (`q`).
    public func keyName(_ command: ViewerCommand) -> String { view.entry(command)?.keys.first?.hintName ?? "" }

    /// The hint bar's items: the first key (and its pair's) and the hint.
    public var hints: [(keys: String, label: String)] { view.hints }

    /// The hint below 80×24, where only the objects pane is shown.
    public var smallScreenHint: String { view.hintLine([.nextStep, .help, .quit]) }

    /// What the export prompt says before a path is typed.
    public var exportPathHint: String {
        let submit = prompt.entry(.submit)?.keys.first?.hintName ?? "", cancel = prompt.entry(.cancel)?.keys.first?.hintName ?? ""
        return "writes PATH.skb, PATH.jsonl and PATH.txt; \(submit) alone: skbviz-session-YYYYmmdd-HHMMSS here; \(cancel) cancels"
    }

    /// What the picture prompt says before a path is typed.
    public var picturePathHint: String {
        let submit = prompt.entry(.submit)?.keys.first?.hintName ?? "", cancel = prompt.entry(.cancel)?.keys.first?.hintName ?? ""
        return "writes PATH as SVG (.svg added when missing); \(submit) alone: skbviz-step-N.svg here; \(cancel) cancels"
    }

    /// The hint bar's items while the help's filter is typed, where the overlay's own keys
    /// (`?`, `j`, `q`) are letters of the filter.
    public var helpFilterHints: [(keys: String, label: String)] {
        let submit = prompt.entry(.submit)?.keys.first?.hintName ?? "", cancel = prompt.entry(.cancel)?.keys.first?.hintName ?? ""
        return [(submit, "ends the filter"), (cancel, "clears it"), (Key.interrupt.hintName, "quits")]
    }

    /// The help overlay's rows: every command of the view table, then counts, those whose
    /// keys or text contain `filter` (case-insensitively), as shown: with `ascii` (the viewer's
    /// ASCII glyphs) the arrow keys by name and the texts spelled in ASCII.
    public func helpRows(filter: String, ascii: Bool = false) -> [(keys: String, help: String)] {
        let all = view.entries.map { e in
            (keys: e.keys.map { $0.hintName(ascii: ascii) }.joined(separator: " "), help: ascii ? PlainText.ascii(e.help) : e.help)
        }
            + [(keys: Self.countKeys, help: Self.countHelp)]
        let f = HelpFilter(filter)
        return f.isEmpty ? all : all.filter { f.matches($0.keys, $0.help) }
    }

    /// The keys line of `skbviz open --help`.
    public var summary: String {
        "Keys: " + hints.map { "\($0.keys) \($0.label)" }.joined(separator: ", ") + "."
    }

    /// The README's keys section (section "The viewer"): a table per mode.
    public var markdown: String {
        func table<C>(_ t: KeyTable<C>, extra: [(String, String)] = []) -> [String] {
            ["| keys | command |", "|---|---|"]
                + t.entries.map { "| \($0.keys.map(\.markdownName).joined(separator: " ")) | \($0.help) |" }
                + extra.map { "| \($0.0) | \($0.1) |" }
        }
        return ([
            "Keys (one table per mode, `Keymap`, drives the keys, the hint bar, the help overlay, `skbviz open --help`",
            "and this list; a test checks that they agree):",
            "",
        ] + table(view, extra: [(Self.countKeys, Self.countHelp)]) + [
            "",
            "In the help overlay:",
            "",
        ] + table(help) + [
            "",
            "At the `:`, `/` and export prompts, and in the help's filter (other keys are typed):",
            "",
        ] + table(prompt) + [
            "",
            "When an export would overwrite files:",
            "",
        ] + table(confirm) + [
            "",
            "In the list of the steps that changed the object under the cursor (`t`):",
            "",
        ] + table(list)).joined(separator: "\n")
    }

    private static let countKeys = "0-9"
    private static let countHelp = "a count before a motion repeats it (5n); 42g goes to step 42"
}

extension Key {
    /// The key as the README writes it: a character in backticks, a named key by its name.
    var markdownName: String {
        if case .character(let c) = self, c != " " { return "`\(c)`" }
        return hintName
    }
}
