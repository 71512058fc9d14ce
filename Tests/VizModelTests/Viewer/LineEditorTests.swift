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
}
