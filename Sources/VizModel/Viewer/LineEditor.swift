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

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = text.count }

    /// Replaces the whole line (a call from the typed history), the insertion point at its end.
    public mutating func replace(with text: String) { self = LineEditor(text) }
}
