/// What keys do at the `:` and export prompts (and in the help's filter); other printable
/// keys are typed into the line (`LineEditor`).
public enum PromptCommand: String, CaseIterable, Hashable, Sendable {
    case submit, cancel, complete, olderCall, newerCall
    case moveLeft, moveRight, moveToStart, moveToEnd
    case deleteBackward, deleteForward, deleteWordBackward, deleteToStart, deleteToEnd

    public typealias Entry = CommandEntry<PromptCommand>

    /// The table, in the order the README lists it.
    public static let table: [Entry] = [
        Entry(command: .submit, keys: [.enter], hint: nil, help: "run the call, search, or write the log or the picture at the path"),
        Entry(command: .cancel, keys: [.escape], hint: nil, help: "close the prompt"),
        Entry(command: .complete, keys: [.tab], hint: nil, help: "complete a call's name or a name alive at the cursor"),
        Entry(command: .olderCall, keys: [.up], hint: nil, help: "the call typed before"),
        Entry(command: .newerCall, keys: [.down], hint: nil, help: "the call typed after, then the line being typed"),
        Entry(command: .moveLeft, keys: [.left, .control("b")], hint: nil, help: "move the cursor one character left"),
        Entry(command: .moveRight, keys: [.right, .control("f")], hint: nil, help: "move the cursor one character right"),
        Entry(command: .moveToStart, keys: [.home, .control("a")], hint: nil, help: "move the cursor to the start of the line"),
        Entry(command: .moveToEnd, keys: [.end, .control("e")], hint: nil, help: "move the cursor to the end of the line"),
        Entry(command: .deleteBackward, keys: [.backspace], hint: nil,
              help: "delete the character before the cursor; on an empty line, nothing (Esc closes)"),
        Entry(command: .deleteForward, keys: [.delete], hint: nil, help: "delete the character under the cursor"),
        Entry(command: .deleteWordBackward, keys: [.control("w")], hint: nil, help: "delete the word before the cursor"),
        Entry(command: .deleteToStart, keys: [.control("u")], hint: nil, help: "delete from the start of the line to the cursor"),
        Entry(command: .deleteToEnd, keys: [.control("k")], hint: nil, help: "delete from the cursor to the end of the line"),
    ]
}

/// The answers to "overwrite? (y/n)" when an export would replace files.
public enum ConfirmCommand: String, CaseIterable, Hashable, Sendable {
    case overwrite, keep

    public typealias Entry = CommandEntry<ConfirmCommand>

    public static let table: [Entry] = [
        Entry(command: .overwrite, keys: [.character("y"), .character("Y")], hint: nil, help: "overwrite the log's files or the picture"),
        Entry(command: .keep, keys: [.character("n"), .character("N"), .escape, .enter], hint: nil,
              help: "keep them: nothing is written"),
    ]
}
