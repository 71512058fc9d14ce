/// What keys do while the list of the steps that touched an object is open (`t`).
public enum ListCommand: String, CaseIterable, Hashable, Sendable {
    case down, up, pageDown, pageUp, go, close, quit

    public typealias Entry = CommandEntry<ListCommand>

    /// The table, in the order the README lists it; the rows with a hint make the hint bar
    /// while the list is open.
    /// The hint bar's order of need while the touched list is open: how to close it stays the
    /// longest when the keys do not fit (as `ViewerCommand.hintPriority` for the main keys).
    public static let hintPriority: [Self] = [.close, .go, .quit, .down]

    public static let table: [Entry] = [
        Entry(command: .go, keys: [.enter], hint: "goes there", help: "go to the step under the list's cursor and close the list"),
        Entry(command: .close, keys: [.escape, .character("t")], hint: "closes", hintKeys: 2, help: "close the list where the cursor was"),
        Entry(command: .down, keys: [.character("j"), .down], hint: "moves", pair: .up, help: "the next step of the list"),
        Entry(command: .up, keys: [.character("k"), .up], hint: nil, help: "the previous step of the list"),
        Entry(command: .pageDown, keys: [.pageDown, .character(" ")], hint: nil, help: "ten steps down the list"),
        Entry(command: .pageUp, keys: [.pageUp], hint: nil, help: "ten steps up the list"),
        Entry(command: .quit, keys: [.character("q")], hint: "quits", help: "quit"),
    ]
}
