/// What keys do while the help overlay is open (its filter is typed with the prompt's keys).
public enum HelpCommand: String, CaseIterable, Hashable, Sendable {
    case close, filter, clearFilter, scrollDown, scrollUp, pageDown, pageUp, top, bottom, quit

    public typealias Entry = CommandEntry<HelpCommand>

    /// The table, in the order the README lists it; the rows with a hint make the hint bar
    /// while the overlay is open.
    /// The hint bar's order of need while the help overlay is open: how to close it stays the
    /// longest when the keys do not fit (as `ViewerCommand.hintPriority` for the main keys).
    public static let hintPriority: [Self] = [.close, .quit, .filter, .scrollDown]

    public static let table: [Entry] = [
        Entry(command: .close, keys: [.escape, .character("?"), .function(1)], hint: "closes", hintKeys: 2,
              help: "close the help"),
        Entry(command: .filter, keys: [.character("/")], hint: "filters",
              help: "type a filter: only the rows containing it (Enter ends it, Esc clears it)"),
        Entry(command: .clearFilter, keys: [.backspace], hint: nil, help: "clear the filter"),
        Entry(command: .scrollDown, keys: [.character("j"), .down], hint: "scrolls", pair: .scrollUp, help: "scroll the help down a line"),
        Entry(command: .scrollUp, keys: [.character("k"), .up], hint: nil, help: "scroll the help up a line"),
        Entry(command: .pageDown, keys: [.pageDown, .character(" ")], hint: nil, help: "scroll the help down a page"),
        Entry(command: .pageUp, keys: [.pageUp], hint: nil, help: "scroll the help up a page"),
        Entry(command: .top, keys: [.home, .character("g")], hint: nil, help: "to the top of the help"),
        Entry(command: .bottom, keys: [.end, .character("G")], hint: nil, help: "to the end of the help: the marks of the screen"),
        Entry(command: .quit, keys: [.character("q")], hint: "quits", help: "quit (while the filter is typed, q is a letter: Esc leaves the filter first)"),
    ]
}
