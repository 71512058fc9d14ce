import Testing
import VizModel

/// The panes place text in cells, so what is typed and what is marked line up on a terminal.
@Suite struct PaneTests {
    /// The column of the reverse-video cursor on the input row.
    private static func cursorColumn(_ script: String) throws -> Int {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, script)
        let grid = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor)
        let cursor = grid.styledRuns.filter { $0.style == Style(reverse: true) && $0.y == 23 }
        try #require(cursor.count == 1)
        return cursor[0].x
    }

    @Test func thePromptCursorCountsCellsNotCharacters() throws {
        #expect(try Self.cursorColumn(":a漢b") == 6)
        #expect(try Self.cursorColumn(":a漢b <Left>") == 5)
        #expect(try Self.cursorColumn(":a漢b <Left> <Left>") == 3)
    }

    @Test func theErrorCaretAndTheCursorSitUnderTheirCharacters() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, ":skb_put(漢字,3) <Enter>")
        let grid = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor)
        #expect(grid.lines[22] == ": skb_put(漢字,3)")
        #expect(grid.lines[23] == "          ^")
        #expect(grid[10, 22].glyph == "漢")
        #expect(grid.styledRuns.contains { $0.y == 22 && $0.x == 17 && $0.style == Style(reverse: true) })
    }
}
