/// A line of text being typed and its insertion point: the `:` and export prompts and the
/// help's filter. Each edit is a method, so a new key (readline's Ctrl-A, Ctrl-W, …) is a row
/// of `PromptCommand.table` and, for a new edit, one method here.
public struct LineEditor: Hashable, Sendable {
    public private(set) var text: String
    /// The insertion point, in characters from the start of `text`.
    public private(set) var cursor: Int

    /// `text` with the insertion point at its end.
    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    /// Inserts `c` before the insertion point.
    public mutating func insert(_ c: Character) { insert(String(c)) }

    /// Inserts `s` before the insertion point, which moves past it.
    public mutating func insert(_ s: String) {
        var chars = Array(text)
        chars.insert(contentsOf: s, at: cursor)
        text = String(chars)
        cursor += s.count
    }

    /// Deletes the character before the insertion point.
    /// - Returns: Whether there was one.
    @discardableResult
    public mutating func deleteBackward() -> Bool {
        guard cursor > 0 else { return false }
        var chars = Array(text)
        chars.remove(at: cursor - 1)
        text = String(chars)
        cursor -= 1
        return true
    }

    /// Deletes the character under the insertion point.
    /// - Returns: Whether there was one.
    @discardableResult
    public mutating func deleteForward() -> Bool {
        guard cursor < text.count else { return false }
        var chars = Array(text)
        chars.remove(at: cursor)
        text = String(chars)
        return true
    }

    /// Deletes from the start of the line to the insertion point (readline's Ctrl-U).
    public mutating func deleteToStart() {
        text = String(text.dropFirst(cursor))
        cursor = 0
    }

    /// Deletes from the insertion point to the end of the line (readline's Ctrl-K).
    public mutating func deleteToEnd() { text = String(text.prefix(cursor)) }

    /// Deletes the word before the insertion point and the blanks after it, back to the
    /// previous blank (readline's Ctrl-W).
    public mutating func deleteWordBackward() {
        let chars = Array(text)
        var start = cursor
        while start > 0, chars[start - 1].isBlank { start -= 1 }
        while start > 0, !chars[start - 1].isBlank { start -= 1 }
        text = String(chars[..<start] + chars[cursor...])
        cursor = start
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = text.count }

    /// Replaces the whole line (a call from the typed history), the insertion point at its end.
    public mutating func replace(with text: String) { self = LineEditor(text) }
}

extension LineEditor {
    /// Performs `command` when it edits the line or moves in it.
    /// - Returns: Whether it was such a command (else the prompt handles it: submit, cancel…).
    public mutating func perform(_ command: PromptCommand) -> Bool {
        switch command {
        case .moveLeft: moveLeft()
        case .moveRight: moveRight()
        case .moveToStart: moveToStart()
        case .moveToEnd: moveToEnd()
        case .deleteBackward: deleteBackward()
        case .deleteForward: deleteForward()
        case .deleteToStart: deleteToStart()
        case .deleteToEnd: deleteToEnd()
        case .deleteWordBackward: deleteWordBackward()
        case .submit, .cancel, .complete, .olderCall, .newerCall: return false
        }
        return true
    }
}

extension Character {
    /// A space or a tab: what separates words for Ctrl-W.
    var isBlank: Bool { self == " " || self == "\t" }
}
