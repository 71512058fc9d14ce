import Testing
import VizModel

@Suite struct RectTests {
    @Test func rowsGiveFixedPartsTheirCellsAndSharesOfTheRest() {
        let parts = Rect(x: 0, y: 0, width: 80, height: 24).rows([.cells(2), .percent(55, atLeast: 6), .fill, .cells(1)])
        #expect(parts == [
            Rect(x: 0, y: 0, width: 80, height: 2),
            Rect(x: 0, y: 2, width: 80, height: 11),
            Rect(x: 0, y: 13, width: 80, height: 10),
            Rect(x: 0, y: 23, width: 80, height: 1),
        ])
    }

    @Test func aShareHasItsMinimum() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 9).rows([.percent(10, atLeast: 6), .fill])
        #expect(parts.map(\.height) == [6, 3])
    }

    @Test func columnsStartAtTheRectsOwnOrigin() {
        let parts = Rect(x: 3, y: 5, width: 161, height: 4).columns([.percent(55), .fill])
        #expect(parts == [Rect(x: 3, y: 5, width: 88, height: 4), Rect(x: 91, y: 5, width: 73, height: 4)])
    }

    @Test func fillsShareWhatIsLeftFirstOnesTakingTheOddCells() {
        let parts = Rect(x: 0, y: 0, width: 11, height: 1).columns([.fill, .cells(2), .fill, .fill])
        #expect(parts.map(\.width) == [3, 2, 3, 3])
        #expect(parts.map(\.x) == [0, 3, 5, 8])
    }

    @Test func partsThatDoNotFitAreCutAtTheEdge() {
        let parts = Rect(x: 0, y: 0, width: 5, height: 4).rows([.cells(3), .cells(3), .fill])
        #expect(parts.map(\.height) == [3, 1, 0])
        #expect(parts.map(\.y) == [0, 3, 4])
    }

    @Test func insetAndCentered() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(r.inset(dx: 2, dy: 1) == Rect(x: 2, y: 1, width: 76, height: 22))
        #expect(r.centered(Size(width: 78, height: 10)) == Rect(x: 1, y: 7, width: 78, height: 10))
        #expect(Rect(x: 0, y: 0, width: 3, height: 1).inset(dx: 2, dy: 1).size == Size(width: 0, height: 0))
    }
}

@Suite struct ChangeLookTests {
    @Test func inColourAChangeIsBoldYellowAndHasNoMark() {
        let drawn = Style(foreground: .magenta, changed: true).drawn(usesColor: true)
        #expect(drawn == Style(foreground: .yellow, bold: true))
        #expect(Style.changeMark(usesColor: true) == "")
    }

    @Test func withoutColourAChangeIsBoldReverseWithAStarAndColoursGo() {
        let drawn = Style(foreground: .red, background: .blue, changed: true).drawn(usesColor: false)
        #expect(drawn == Style(bold: true, reverse: true))
        #expect(Style(foreground: .red, dim: true).drawn(usesColor: false) == Style(dim: true))
        #expect(Style.changeMark(usesColor: false) == "*")
    }

    @Test func anUnchangedStyleIsDrawnAsItIsInColour() {
        let style = Style(foreground: .cyan, underline: true)
        #expect(style.drawn(usesColor: true) == style)
    }
}
