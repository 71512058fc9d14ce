import Testing
import VizModel

@Suite struct GridTests {
    @Test func newGridIsBlankLines() {
        let grid = Grid(width: 4, height: 2)
        #expect(grid.size == Size(width: 4, height: 2))
        #expect(grid.lines == ["", ""])
        #expect(grid[3, 1] == .blank())
    }

    @Test func putWritesCellsAndReturnsNextColumn() {
        var grid = Grid(width: 10, height: 2)
        let end = grid.put("abc", x: 2, y: 1, style: Style(bold: true))
        #expect(end == 5)
        #expect(grid.lines == ["", "  abc"])
        #expect(grid[2, 1] == Grid.Cell(glyph: "a", style: Style(bold: true)))
        #expect(grid[5, 1] == .blank())
    }

    @Test func putClipsAtEveryEdge() {
        var grid = Grid(width: 5, height: 2)
        #expect(grid.put("abcdefg", x: 2, y: 0) == 9)
        grid.put("xyz", x: -2, y: 1)
        grid.put("above", x: 0, y: -1)
        grid.put("below", x: 0, y: 2)
        #expect(grid.lines == ["  abc", "z"])
    }

    @Test func wideGlyphTakesTwoCells() {
        var grid = Grid(width: 6, height: 1)
        #expect(grid.put("a漢b", x: 0, y: 0) == 4)
        #expect(grid[1, 0].glyph == "漢")
        #expect(grid[2, 0].isContinuation)
        #expect(grid[3, 0].glyph == "b")
        #expect(grid.lines == ["a漢b"])
    }

    @Test func wideGlyphThatDoesNotFitIsNotDrawn() {
        var grid = Grid(width: 3, height: 1)
        #expect(grid.put("ab漢", x: 0, y: 0) == 4)
        #expect(grid.lines == ["ab"])
        var left = Grid(width: 3, height: 1)
        left.put("漢x", x: -1, y: 0)
        #expect(left.lines == [" x"])
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var grid = Grid(width: 6, height: 2)
        grid.put("漢字", x: 0, y: 0)
        grid.put("x", x: 1, y: 0)
        #expect(grid.lines[0] == " x字")
        #expect(!grid[0, 0].isContinuation)
        grid.put("漢字", x: 0, y: 1)
        grid.put("y", x: 2, y: 1)
        #expect(grid.lines[1] == "漢y")
        #expect(grid[3, 1] == .blank())
    }

    @Test func wideGlyphOverAnotherShiftedByOne() {
        var grid = Grid(width: 6, height: 1)
        grid.put("漢字", x: 0, y: 0)
        grid.put("木", x: 1, y: 0)
        #expect(grid.lines == [" 木 "].map { $0.trimmingTrailingSpaces })
        #expect(grid[3, 0] == .blank())
    }

    @Test func controlCharactersShowAsQuestionMarks() {
        var grid = Grid(width: 6, height: 1)
        #expect(grid.put("a\tb\u{7}", x: 0, y: 0) == 4)
        #expect(grid.lines == ["a?b?"])
    }

    @Test func combiningMarksStayWithTheirBase() {
        var grid = Grid(width: 4, height: 1)
        #expect(grid.put("e\u{301}x", x: 0, y: 0) == 2)
        #expect(grid[0, 0].glyph == "e\u{301}")
        #expect(grid.lines == ["e\u{301}x"])
    }

    @Test func widths() {
        #expect(Grid.width(of: "abc") == 3)
        #expect(Grid.width(of: "┌─▶░█·…") == 7)
        #expect(Grid.width(of: "漢字") == 4)
        #expect(Grid.width(of: "한") == 2)
        #expect(Grid.width(of: "🙂") == 2)
        #expect(Grid.width(of: "\u{200B}") == 0)
        #expect(Grid.width(of: "×") == 1)
    }

    @Test func fillClipsAndStyles() {
        var grid = Grid(width: 4, height: 3)
        grid.fill(x: 2, y: 1, width: 5, height: 5, glyph: "#", style: Style(reverse: true))
        #expect(grid.lines == ["", "  ##", "  ##"])
        #expect(grid[3, 2].style == Style(reverse: true))
    }

    @Test func linesTrimOnlyTrailingBlanks() {
        var grid = Grid(width: 8, height: 1)
        grid.put(" a  b", x: 1, y: 0)
        #expect(grid.lines == ["  a  b"])
    }

    @Test func runsCoverTheRowAndMergeEqualStyles() {
        var grid = Grid(width: 6, height: 1)
        let red = Style(foreground: .red)
        grid.put("ab", x: 1, y: 0, style: red)
        grid.put("漢", x: 3, y: 0, style: red)
        let runs = grid.runs(inRow: 0)
        #expect(runs.map(\.x) == [0, 1, 5])
        #expect(runs.map(\.width) == [1, 4, 1])
        #expect(runs.map(\.text) == [" ", "ab漢", " "])
        #expect(runs.map(\.style) == [.plain, red, .plain])
    }

    @Test func descriptionListsLinesThenStyledRuns() {
        var grid = Grid(width: 12, height: 3)
        grid.put("┌ objects", x: 0, y: 0)
        grid.put("cloned 0", x: 2, y: 1)
        grid.put("0", x: 9, y: 1, style: Style(bold: true, changed: true))
        grid.put("help", x: 1, y: 2, style: Style(foreground: .cyan, background: .blue, underline: true, dim: true))
        grid.put("!", x: 5, y: 2, style: Style(reverse: true))
        #expect(grid.description == """
            ┌ objects
              cloned 0
             help!
            --- styles
            1:9..<10 bold changed
            2:1..<5 fg=cyan bg=blue underline dim
            2:5..<6 reverse
            """)
    }

    @Test func gridsCompareByContent() {
        var first = Grid(width: 3, height: 1)
        var second = Grid(width: 3, height: 1)
        first.put("a", x: 0, y: 0)
        #expect(first != second)
        second.put("a", x: 0, y: 0)
        #expect(first == second)
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
