import Testing
import VizModel

@Suite struct GlyphSetTests {
    private static func glyphs(_ set: GlyphSet) -> [Character] {
        [set.horizontal, set.vertical, set.topLeft, set.topRight, set.bottomLeft, set.bottomRight,
         set.arrowHead, set.headroom, set.data, set.tailroom]
    }

    @Test func everyGlyphIsOneCellWide() {
        for glyph in Self.glyphs(.unicode) + Self.glyphs(.ascii) {
            #expect(Grid.width(of: glyph) == 1, "\(glyph)")
        }
    }

    @Test func asciiFallbackIsASCII() {
        #expect(Self.glyphs(.ascii).allSatisfy { $0.isASCII })
        #expect(!Self.glyphs(.unicode).allSatisfy { $0.isASCII })
    }
}

@Suite struct ColorChoiceTests {
    @Test func noColorDecidesOnlyForAuto() {
        #expect(ColorChoice.auto.usesColor(noColor: nil, terminalHasColors: true))
        #expect(ColorChoice.auto.usesColor(noColor: "", terminalHasColors: true))
        #expect(!ColorChoice.auto.usesColor(noColor: "1", terminalHasColors: true))
        #expect(ColorChoice.always.usesColor(noColor: "1", terminalHasColors: true))
        #expect(!ColorChoice.never.usesColor(noColor: nil, terminalHasColors: true))
    }

    @Test(arguments: ColorChoice.allCases)
    func noColorsWithoutATerminalThatHasThem(choice: ColorChoice) {
        #expect(!choice.usesColor(noColor: nil, terminalHasColors: false))
    }
}

@Suite struct TooSmallScreenTests {
    @Test func messageIsCentered() {
        let grid = TooSmallScreen.grid(size: Size(width: 50, height: 5))
        #expect(grid.description == """


                   terminal too small: 50×5, need 80×24


            --- styles
            2:7..<43 fg=yellow bold
            """)
    }

    @Test func narrowTerminalBreaksAfterTheComma() {
        let grid = TooSmallScreen.grid(size: Size(width: 30, height: 4), style: .plain)
        #expect(grid.lines == ["", "  terminal too small: 30×4,", "          need 80×24", ""])
    }

    @Test func tinyTerminalClips() {
        let grid = TooSmallScreen.grid(size: Size(width: 8, height: 1), style: .plain)
        #expect(grid.lines == ["terminal"])
    }
}
