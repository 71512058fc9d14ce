import Testing
@testable import VizModel

/// The one cell width and the one word-wrap that the grid, the layout and the exports share.
@Suite struct CellWidthTests {
    @Test func softHyphenTakesOneCellAsInWcwidth() {
        #expect(Grid.width(of: "\u{AD}" as Character) == 1)
        #expect(Grid.width(of: "a\u{AD}b") == 3)
        var grid = Grid(width: 5, height: 1)
        #expect(grid.put("a\u{AD}b", x: 0, y: 0) == 3)
        #expect(grid[1, 0].glyph == "\u{AD}")
        #expect(Span("a\u{AD}b").width == 3)
    }

    @Test func otherFormatAndCombiningCharactersTakeNone() {
        #expect(Grid.width(of: "a\u{200B}b") == 2)
        #expect(Grid.width(of: "\u{2060}" as Character) == 0)
        #expect(Grid.width(of: "\u{20D0}" as Character) == 0)
        #expect(Grid.width(of: "e\u{301}") == 1)
    }

    @Test func carriageReturnLineFeedIsOneControlCell() {
        #expect(Grid.width(of: "a\r\nb") == 3)
        var grid = Grid(width: 5, height: 1)
        #expect(grid.put("a\r\nb", x: 0, y: 0) == 3)
        #expect(grid.lines == ["a?b"])
    }

    @Test func aLineIsCutWhereTheGridWouldClipIt() {
        var line = StyledLine()
        line.append("ab漢cd")
        var grid = Grid(width: 6, height: 1)
        line.draw(on: &grid, x: 0, y: 0, limit: 3)
        #expect(grid.lines == ["ab"])
        #expect(Grid.prefix(of: "a\u{AD}bc", fitting: 3) == "a\u{AD}b")
    }
}

@Suite struct WrapTests {
    @Test func textThatFitsIsOneLine() {
        #expect("aaa  bbb".wrapped(width: 8, indent: 2) == ["aaa  bbb"])
        #expect("".wrapped(width: 8, indent: 2) == [""])
    }

    @Test func breaksAtSpacesAndIndentsContinuations() {
        #expect("aaa bbb ccc ddd".wrapped(width: 8, indent: 2) == ["aaa bbb", "  ccc", "  ddd"])
        #expect("  aaa bbb ccc".wrapped(width: 9, indent: 6) == ["  aaa bbb", "    ccc"])
    }

    @Test func keepsSpacesInsideALineAndDropsThemAtABreak() {
        #expect("a  b   c".wrapped(width: 5, indent: 0) == ["a  b", "c"])
    }

    @Test func cutsAWordWiderThanALine() {
        #expect("ab cdefghijk".wrapped(width: 5, indent: 1) == ["ab", " cdef", " ghij", " k"])
        #expect("abcdefgh x".wrapped(width: 4, indent: 0) == ["abcd", "efgh", "x"])
    }

    @Test func measuresInCells() {
        #expect("漢字 漢字".wrapped(width: 5, indent: 0) == ["漢字", "漢字"])
        #expect("漢字漢字漢".wrapped(width: 5, indent: 0) == ["漢字", "漢字", "漢"])
        #expect("a\u{AD}b c".wrapped(width: 4, indent: 0) == ["a\u{AD}b", "c"])
    }

    @Test func aFieldsParenthesisedGroupThatFitsMovesWhole() {
        let waits = "tun_free waits for b, d2 (and through it for a)"
        #expect(waits.wrapped(width: 44, indent: 2) == ["tun_free waits for b, d2 (and through it for", "  a)"])
        #expect(waits.wrapped(width: 44, indent: 2, keepingGroups: true)
                == ["tun_free waits for b, d2", "  (and through it for a)"])
        // Nested groups are one group; one wider than a continuation line breaks as words.
        #expect("x (a (b c) d) e".wrapped(width: 10, indent: 0, keepingGroups: true) == ["x (a (b c)", "d) e"])
        #expect("x (a (b c) d) e".wrapped(width: 12, indent: 0, keepingGroups: true) == ["x", "(a (b c) d)", "e"])
        // An unclosed `(` is a word like any other.
        #expect("aa (bb cc".wrapped(width: 6, indent: 0, keepingGroups: true) == ["aa (bb", "cc"])
    }

    @Test func everyLineFitsAndNoWordIsLost() {
        let words = (0..<20_000).map { "w\($0 % 97)" + String(repeating: "x", count: $0 % 13) }
        let lines = words.joined(separator: " ").wrapped(width: 30, indent: 3)
        #expect(lines.allSatisfy { Grid.width(of: $0) <= 30 })
        #expect(lines.flatMap { $0.split(separator: " ").map(String.init) } == words)
    }
}
