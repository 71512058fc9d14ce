import CNcurses
import Testing
import VizModel
@testable import skbviz

#if canImport(Glibc)
import Glibc
#endif

@Suite struct KeyReaderTests {
    @Test(arguments: [
        (UInt32(Character("n").asciiValue!), Key.character("n")),
        (32, .character(" ")),
        (0xE9, .character("é")),
        (3, .interrupt), (9, .tab), (10, .enter), (13, .enter), (27, .escape), (127, .backspace), (8, .backspace),
        (1, .control("a")), (21, .control("u")), (23, .control("w")), (26, .control("z")),
    ] as [(UInt32, Key)])
    func characters(code: UInt32, key: Key) {
        #expect(KeyReader.decode(status: OK, code: code) == key)
    }

    @Test(arguments: [
        (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
        (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
        (KEY_BTAB, .backTab), (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_RESIZE, .resize),
        (skbviz_key_f(1), .function(1)), (skbviz_key_f(12), .function(12)),
    ] as [(Int32, Key)])
    func keyCodes(code: Int32, key: Key) {
        #expect(KeyReader.decode(status: KEY_CODE_YES, code: UInt32(code)) == key)
    }

    @Test func nothingForTimeoutsUnmappedCodesAndControlCharacters() {
        #expect(KeyReader.decode(status: ERR, code: 0) == nil)
        #expect(KeyReader.decode(status: KEY_CODE_YES, code: UInt32(KEY_MOUSE)) == nil)
        #expect(KeyReader.decode(status: KEY_CODE_YES, code: UInt32(skbviz_key_f(13))) == nil)
        #expect(KeyReader.decode(status: OK, code: 0) == nil)
        #expect(KeyReader.decode(status: OK, code: 28) == nil)
    }

    #if canImport(Glibc)
    /// The grid's idea of glyph widths must match the C library's, which curses uses to place them.
    @Test func gridWidthsAgreeWithWcwidth() throws {
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil)
        let glyphs = GlyphSet.unicode
        let samples: [Character] = [
            "a", "×", "é", "漢", "한", "ｱ", "Ａ", "🙂", "🚀",
            glyphs.horizontal, glyphs.vertical, glyphs.topLeft, glyphs.topRight, glyphs.bottomLeft,
            glyphs.bottomRight, glyphs.arrowHead, glyphs.headroom, glyphs.data, glyphs.tailroom,
            "→", "▸", "─",
        ]
        for sample in samples {
            let scalar = sample.unicodeScalars.first!
            #expect(Grid.width(of: sample) == Int(skbviz_wcwidth(scalar.value)), "\(sample)")
        }
    }

    /// The soft hyphen is a format character that terminals still show in a cell; the others
    /// take none. The viewer, its exports and its carets all measure with `Grid.width(of:)`.
    @Test func formatCharactersAgreeWithWcwidth() throws {
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil)
        for scalar: Unicode.Scalar in ["\u{AD}", "\u{200B}", "\u{2060}", "\u{202A}", "\u{FEFF}", "\u{301}"] {
            #expect(Grid.width(of: Character(scalar)) == Int(skbviz_wcwidth(scalar.value)), "U+\(String(scalar.value, radix: 16))")
        }
    }
    #endif
}
