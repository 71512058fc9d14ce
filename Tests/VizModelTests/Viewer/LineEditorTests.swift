import Testing
import VizModel

@Suite struct LineEditorTests {
    @Test func insertsAndDeletesAtTheInsertionPoint() {
        var e = LineEditor("kfree(a)")
        #expect(e.cursor == 8)
        for _ in 0..<3 { e.moveLeft() }
        e.insert("_skb")
        #expect(e.text == "kfree_skb(a)")
        #expect(e.cursor == 9)
        let deleted = e.deleteBackward()
        #expect(deleted)
        #expect(e.text == "kfree_sk(a)")
        e.moveToStart()
        let none = e.deleteBackward()
        #expect(!none, "nothing before the start")
        e.insert(Character("x"))
        #expect(e.text == "xkfree_sk(a)")
        #expect(e.cursor == 1)
    }

    @Test func movesStayInsideTheLine() {
        var e = LineEditor("ab")
        e.moveRight()
        #expect(e.cursor == 2)
        e.moveToStart()
        e.moveLeft()
        #expect(e.cursor == 0)
        e.moveToEnd()
        #expect(e.cursor == 2)
        e.replace(with: "skb_get(b)")
        #expect(e == LineEditor("skb_get(b)"))
    }

    @Test func charactersCountAsTheyAreSeen() {
        var e = LineEditor("é→")
        #expect(e.cursor == 2)
        e.moveLeft()
        e.insert("x")
        #expect(e.text == "éx→")
    }

    /// Each readline key of the prompt's keymap, on `c = pskb_copy(b)` with the cursor after `pskb`.
    @Test(arguments: [
        ("<C-a>", "c = pskb_copy(b)", 0), ("<Home>", "c = pskb_copy(b)", 0),
        ("<C-e>", "c = pskb_copy(b)", 16), ("<End>", "c = pskb_copy(b)", 16),
        ("<C-b>", "c = pskb_copy(b)", 7), ("<Left>", "c = pskb_copy(b)", 7),
        ("<C-f>", "c = pskb_copy(b)", 9), ("<Right>", "c = pskb_copy(b)", 9),
        ("<C-u>", "_copy(b)", 0), ("<C-k>", "c = pskb", 8),
        ("<C-w>", "c = _copy(b)", 4), ("<BS>", "c = psk_copy(b)", 7), ("<Del>", "c = pskbcopy(b)", 8),
    ])
    func readlineKeys(script: String, text: String, cursor: Int) throws {
        var e = LineEditor("c = pskb_copy(b)")
        for _ in 0..<8 { e.moveLeft() }
        for key in try Key.parse(script: script) {
            let command = try #require(Keymap.standard.prompt.command(for: key))
            let performed = e.perform(command)
            #expect(performed)
        }
        #expect(e.text == text)
        #expect(e.cursor == cursor)
    }

    @Test func ctrlWDeletesBackToABlankAndTheBlanksBeforeTheCursor() {
        var e = LineEditor("a = skb_get(b)   ")
        e.deleteWordBackward()
        #expect(e.text == "a = ")
        e.deleteWordBackward()
        #expect(e.text == "a ")
        e.deleteWordBackward()
        e.deleteWordBackward()
        #expect(e == LineEditor())
    }

    @Test func editsAtTheEndsChangeNothing() {
        var e = LineEditor("ab")
        let deleted = e.deleteForward()
        #expect(!deleted)
        e.deleteToEnd()
        e.moveToStart()
        let deletedBefore = e.deleteBackward()
        #expect(!deletedBefore)
        e.deleteToStart()
        e.deleteWordBackward()
        #expect(e.text == "ab" && e.cursor == 0)
        for command in [PromptCommand.submit, .cancel, .complete, .olderCall, .newerCall] {
            let performed = e.perform(command)
            #expect(!performed)
        }
    }

    /// A pasted line arrives a key at a time: each key lands where the last one left the
    /// insertion point, in the middle of the line as at its end.
    @Test func aLongLineTypedAKeyAtATime() {
        var e = LineEditor("()")
        e.moveLeft()
        let pasted = String(repeating: "skb_get(a) é→ ", count: 600)
        for c in pasted { e.insert(c) }
        #expect(e.text == "(" + pasted + ")")
        #expect(e.cursor == 1 + pasted.count)
        e.deleteWordBackward()
        #expect(e.text == "(" + pasted.dropLast(3) + ")")
        #expect(e.cursor == 1 + pasted.count - 3)
        e.moveToStart()
        e.deleteForward()
        e.moveToEnd()
        e.deleteBackward()
        #expect(e == LineEditor(String(pasted.dropLast(3))))
    }

    /// A character typed after one it joins (an accent after its letter, the second half of
    /// a flag) makes one character with it: the insertion point stays after it, and one
    /// Backspace deletes it whole.
    @Test func aCharacterThatJoinsItsNeighbourMakesOneWithIt() {
        var e = LineEditor("x")
        e.insert(Character("e"))
        e.insert(Character("\u{301}"))
        #expect(e.text == "xe\u{301}")
        #expect(e.cursor == 2)
        #expect(e == LineEditor("xe\u{301}"))
        e.deleteBackward()
        #expect(e == LineEditor("x"))
        var flag = LineEditor("🇺a🇸")
        flag.moveLeft()
        flag.deleteBackward()
        #expect(flag.text == "🇺🇸")
        #expect(flag.cursor == 1)
        flag.moveLeft()
        #expect(flag.cursor == 0)
        flag.insert("\u{301}")
        #expect(flag.text == "\u{301}🇺🇸")
        #expect(flag.cursor == 1)
        flag.moveToStart()
        flag.insert("e")
        #expect(flag.text == "e\u{301}🇺🇸")
        #expect(flag.cursor == 1, "the e joins the accent after it: the insertion point goes past both")
    }
}
