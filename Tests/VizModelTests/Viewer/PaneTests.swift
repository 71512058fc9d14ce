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

/// Without colour a wrapped event or violation of the current step keeps its `*`: the text
/// wraps a column early, so the mark is not cut at the pane's edge.
@Suite struct ChangeMarkWrapTests {
    @Test func aWrappedViolationKeepsItsMarkInTheEventsAndStepsPanes() throws {
        var s = try ViewerFixture.session(DemoCatalog.named("naive-bug")!.source, file: "demos/naive-bug.skb")
        try ViewerFixture.press(&s, "v <S-Tab>")
        let events = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        #expect(events[15...17] == [
            "│ call 8  VIOLATION premature_destructor: data destructor tun_free of d1*      │",
            "│           fired while d2 still holds page p1 (frag 0) copied out of it       │",
            "│ call 8  event free_head d1*                                                  │",
        ])
        try ViewerFixture.press(&s, "<Tab>")
        let steps = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        #expect(steps[18...19] == [
            "│       VIOLATION premature_destructor: data destructor tun_free of d1 fired*  │",
            "│         while d2 still holds page p1 (frag 0) copied out of it*             ↓│",
        ])
    }
}
