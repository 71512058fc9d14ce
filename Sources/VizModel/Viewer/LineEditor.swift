/// A line of text being typed and its insertion point: the `:` and export prompts and the
/// help's filter. Each edit is a method, so a new key (readline's Ctrl-A, Ctrl-W, …) is a row
/// of `PromptCommand.table` and, for a new edit, one method here.
public struct LineEditor: Hashable, Sendable {
    public private(set) var text: String
    /// The insertion point, in characters from the start of `text`.
    public private(set) var cursor: Int
    /// The insertion point in UTF-8 bytes, kept with `cursor` so that an edit or a move costs
    /// what it changes, not the length of the line (a pasted line is typed a key at a time).
    private var offset: Int

    /// `text` with the insertion point at its end.
    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
        self.offset = text.utf8.count
    }

    /// The insertion point as an index of `text`: what the screen reads the characters around
    /// it from, without counting the line from its start.
    var cursorIndex: String.Index { index(offset) }

    /// Inserts `c` before the insertion point.
    public mutating func insert(_ c: Character) { insert(String(c)) }

    /// Inserts `s` before the insertion point, which moves past it.
    public mutating func insert(_ s: String) {
        let anchor = characterBefore(cursorIndex, at: cursor)
        text.insert(contentsOf: s, at: cursorIndex)
        settle(from: anchor, to: offset + s.utf8.count)
    }

    /// Deletes the character before the insertion point.
    /// - Returns: Whether there was one.
    @discardableResult
    public mutating func deleteBackward() -> Bool {
        guard cursor > 0 else { return false }
        let start = text.index(before: cursorIndex)
        remove(start..<cursorIndex, charactersBefore: cursor - 1)
        return true
    }

    /// Deletes the character under the insertion point.
    /// - Returns: Whether there was one.
    @discardableResult
    public mutating func deleteForward() -> Bool {
        guard cursorIndex < text.endIndex else { return false }
        remove(cursorIndex..<text.index(after: cursorIndex), charactersBefore: cursor)
        return true
    }

    /// Deletes from the start of the line to the insertion point (readline's Ctrl-U).
    public mutating func deleteToStart() {
        text.removeSubrange(..<cursorIndex)
        cursor = 0
        offset = 0
    }

    /// Deletes from the insertion point to the end of the line (readline's Ctrl-K).
    public mutating func deleteToEnd() { text.removeSubrange(cursorIndex...) }

    /// Deletes the word before the insertion point and the blanks after it, back to the
    /// previous blank (readline's Ctrl-W).
    public mutating func deleteWordBackward() {
        var start = cursorIndex, kept = cursor
        for blank in [true, false] {
            while start > text.startIndex, text[text.index(before: start)].isBlank == blank {
                text.formIndex(before: &start)
                kept -= 1
            }
        }
        remove(start..<cursorIndex, charactersBefore: kept)
    }

    public mutating func moveLeft() {
        guard cursor > 0 else { return }
        offset = byteOffset(text.index(before: cursorIndex))
        cursor -= 1
    }

    public mutating func moveRight() {
        guard cursorIndex < text.endIndex else { return }
        offset = byteOffset(text.index(after: cursorIndex))
        cursor += 1
    }

    public mutating func moveToStart() {
        cursor = 0
        offset = 0
    }

    public mutating func moveToEnd() {
        cursor += text[cursorIndex...].count
        offset = text.utf8.count
    }

    /// Replaces the whole line (a call from the typed history), the insertion point at its end.
    public mutating func replace(with text: String) { self = LineEditor(text) }

    // MARK: Offsets

    /// A character and its neighbours can join into one where text is inserted or removed (an
    /// accent typed after a letter, two halves of a flag): the insertion point is counted again
    /// from the start of the character before the change, which no change after it moves.
    private struct Anchor {
        var offset: Int
        var cursor: Int
    }

    /// Removes `range`, which starts `charactersBefore` characters into the line, and puts the
    /// insertion point where it started.
    private mutating func remove(_ range: Range<String.Index>, charactersBefore: Int) {
        let anchor = characterBefore(range.lowerBound, at: charactersBefore)
        let start = byteOffset(range.lowerBound)
        text.removeSubrange(range)
        settle(from: anchor, to: start)
    }

    /// The start of the character before `i` (`i` itself at the start of the line), which is
    /// `count` characters into the line.
    private func characterBefore(_ i: String.Index, at count: Int) -> Anchor {
        guard i > text.startIndex else { return Anchor(offset: 0, cursor: 0) }
        return Anchor(offset: byteOffset(text.index(before: i)), cursor: count - 1)
    }

    /// Puts the insertion point at the first character boundary at or after byte `target`,
    /// counting characters from `anchor`.
    private mutating func settle(from anchor: Anchor, to target: Int) {
        var i = index(anchor.offset), count = anchor.cursor
        let end = index(target)
        while i < end {
            text.formIndex(after: &i)
            count += 1
        }
        cursor = count
        offset = byteOffset(i)
    }

    private func index(_ byteOffset: Int) -> String.Index { text.utf8.index(text.startIndex, offsetBy: byteOffset) }

    private func byteOffset(_ i: String.Index) -> Int { text.utf8.distance(from: text.startIndex, to: i) }
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
