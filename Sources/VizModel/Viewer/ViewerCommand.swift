/// Everything the viewer can be asked to do outside the help overlay and the prompts, with
/// its keys and help text in one table: the standard keymap (`Keymap`), from which dispatch,
/// the hint bar, the help overlay, `open --help` and the README's table all read.
public enum ViewerCommand: String, CaseIterable, Hashable, Sendable {
    case nextStep, previousStep, nextCall, previousCall, firstStep, lastStep
    case nextFree, previousFree, nextDataDestructor, previousDataDestructor, nextViolation, previousViolation
    case scrollDown, scrollUp, pageDown, pageUp, focusNext, focusPrevious
    case pickObject, dropObject, lastChange, nextChange, touchedSteps
    case typeCall, returnToOriginal, switchDesign, export, picture, search
    case help, quit

    /// One row of the command table.
    public typealias Entry = CommandEntry<ViewerCommand>

    /// The table, in the order the help overlay lists it.
    public static let table: [Entry] = [
        Entry(command: .nextStep, keys: [.character("n"), .right, .character("l"), .character(" ")],
              hint: "step", pair: .previousStep, help: "next step (redo)"),
        Entry(command: .previousStep, keys: [.character("p"), .left, .character("h"), .character("u")],
              hint: nil, help: "previous step (undo)"),
        Entry(command: .nextCall, keys: [.character("N")], hint: "call", pair: .previousCall, help: "to the end of the next call"),
        Entry(command: .previousCall, keys: [.character("P")], hint: nil, help: "to the end of the previous call"),
        Entry(command: .firstStep, keys: [.character("g"), .home], hint: "first/last", pair: .lastStep,
              help: "first step; with a count, that step (42g)"),
        Entry(command: .lastStep, keys: [.character("G"), .end], hint: nil,
              help: "last step; with a count, that step (42G)"),
        Entry(command: .nextFree, keys: [.character("c")], hint: "free", pair: .previousFree, help: "next destructor or free event"),
        Entry(command: .previousFree, keys: [.character("C")], hint: nil, help: "previous destructor or free event"),
        Entry(command: .nextDataDestructor, keys: [.character("x")], hint: "data destructor", pair: .previousDataDestructor,
              help: "next data destructor firing: shinfo->destructor, or under a zero-copy design the completion callback (c stops at every free); the steps pane says when it fires under the other designs"),
        Entry(command: .previousDataDestructor, keys: [.character("X")], hint: nil, help: "previous data destructor firing"),
        Entry(command: .nextViolation, keys: [.character("v")], hint: "violation", pair: .previousViolation, help: "next violation"),
        Entry(command: .previousViolation, keys: [.character("V")], hint: nil, help: "previous violation"),
        Entry(command: .scrollDown, keys: [.character("j"), .down], hint: "scroll", pair: .scrollUp,
              help: "scroll the focused pane down a line; in the objects pane with its cursor on an object, the next object"),
        Entry(command: .scrollUp, keys: [.character("k"), .up], hint: nil,
              help: "scroll the focused pane up a line; in the objects pane with its cursor on an object, the previous object"),
        Entry(command: .pageDown, keys: [.pageDown], hint: nil, help: "scroll the focused pane down a page"),
        Entry(command: .pageUp, keys: [.pageUp], hint: nil, help: "scroll the focused pane up a page"),
        Entry(command: .focusNext, keys: [.tab], hint: "pane", help: "focus the next pane (objects, steps, events)"),
        Entry(command: .focusPrevious, keys: [.backTab], hint: nil, help: "focus the previous pane"),
        Entry(command: .pickObject, keys: [.enter], hint: "object cursor",
              help: "put the objects pane's cursor on the first object in view (marked \u{25B8}), the pane focused: j/k move it, Esc lets go"),
        Entry(command: .dropObject, keys: [.escape], hint: nil, help: "take the objects pane's cursor away (after a count: forget the count)"),
        Entry(command: .lastChange, keys: [.character("[")], hint: "last/next change", pair: .nextChange,
              help: "where was this set? the last step before this one that changed the object under the cursor"),
        Entry(command: .nextChange, keys: [.character("]")], hint: nil, help: "the next step that changes the object under the cursor"),
        Entry(command: .touchedSteps, keys: [.character("t")], hint: "touched",
              help: "list every step that changed the object under the cursor (call, step, value before \u{2192} after); Enter goes to one"),
        Entry(command: .typeCall, keys: [.character(":")], hint: "try a call",
              help: "type a call to run at the cursor (Tab completes, Up/Down history, Esc cancels)"),
        Entry(command: .returnToOriginal, keys: [.character("o")], hint: "original walk",
              help: "leave the what-if branch of typed calls: back to the original walk and all its calls (as stepping back past them does)"),
        Entry(command: .switchDesign, keys: [.character("d")], hint: "design",
              help: "re-run under the next design: \(Design.allCases.map(\.rawValue).joined(separator: ", ")); marks the events that differ"),
        Entry(command: .export, keys: [.character("e")], hint: "save",
              help: "write the session log: .skb calls, .jsonl trace, .txt transcript"),
        Entry(command: .picture, keys: [.character("w")], hint: "picture",
              help: "write this step as an SVG picture (skbviz picture draws any step or all of them)"),
        Entry(command: .search, keys: [.character("/")], hint: "search",
              help: "search the walk's steps, events and notes: the next step that matches (Enter alone repeats, Esc cancels)"),
        Entry(command: .help, keys: [.character("?"), .function(1)], hint: "help",
              help: "this help, then the marks of the screen; / filters it, j/k scroll it, Esc or ? closes it"),
        Entry(command: .quit, keys: [.character("q"), .interrupt], hint: "quit", help: "quit (at a prompt or in the help's filter: Ctrl-C)"),
    ]

    /// The hint bar's items, the most needed first: a narrow bar drops them from the end of
    /// this list (a command not in it goes first), so that 80 columns keep stepping, scrolling,
    /// the panes, a typed call, the designs, saving, help and quit.
    public static let hintPriority: [ViewerCommand] = [
        .quit, .help, .returnToOriginal, .nextStep, .scrollDown, .focusNext, .typeCall, .switchDesign, .export,
        .nextViolation, .search, .picture, .nextCall, .nextFree, .nextDataDestructor, .firstStep,
        .pickObject, .lastChange, .touchedSteps,
    ]
}

extension Key {
    /// The key as the hint bar and the help overlay show it: `Tab`, `→`, `Space`, `n`.
    public var hintName: String { hintName(ascii: false) }

    /// `hintName`, with the arrow keys by name (`Right`) for a terminal that cannot draw the
    /// arrows (the viewer's ASCII glyphs): `->` would read as two keys.
    public func hintName(ascii: Bool) -> String {
        switch self {
        case .left: ascii ? "Left" : "←"
        case .right: ascii ? "Right" : "→"
        case .up: ascii ? "Up" : "↑"
        case .down: ascii ? "Down" : "↓"
        case .character(" "): "Space"
        case .interrupt: "Ctrl-C"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .control(let letter): "Ctrl-\(letter.uppercased())"
        case .character: description
        default: String(description.dropFirst().dropLast())
        }
    }
}
