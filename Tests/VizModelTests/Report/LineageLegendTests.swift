import Testing
@testable import VizModel

/// The help's legend has a row for a frag slot's lineage, a slot without a page reference,
/// the premature slot marks and a kernel page, in the screen's glyphs.
@Suite struct LineageLegendTests {
    @Test func theLegendExplainsTheLineageMarks() {
        let unicode = ScreenLegend.rows(options: ViewerFixture.noColor, filter: "")
        let ascii = ScreenLegend.rows(options: ViewerOptions(usesColor: false, glyphs: .ascii), filter: "")
        let lineage = "where a frag slot came from, newest hand-on first: the buffer and slot, and how: get_page (a page reference of its own), moved (the reference went with it: skb_split, or the zero-copy designs' pskb_expand_head of an skb not cloned), memcpy (pskb_expand_head's copy of the shinfo, before its get_page)"
        #expect(unicode.contains { $0 == ("← d1.frags[0] (…)", lineage) })
        #expect(ascii.contains { $0 == ("<- d1.frags[0] (...)", lineage) })
        #expect(unicode.contains { $0.mark == "(owns no page ref)" })
        #expect(unicode.contains { $0.mark == "↑ premature_…" } && ascii.contains { $0.mark == "^ premature_..." })
        #expect(ascii.contains { $0.mark == "<- copy of p1" })
    }

    /// Under ASCII glyphs every row of the help, keys and legend, is spelled as it shows, and
    /// the help's filter matches what is shown: `...` finds the rows whose mark has an ellipsis.
    @Test func asciiRowsAreSpelledAndFilteredAsShown() {
        let ascii = ViewerOptions(usesColor: false, glyphs: .ascii)
        #expect(ScreenLegend.rows(options: ascii, filter: "").allSatisfy { ($0.mark + $0.meaning).unicodeScalars.allSatisfy(\.isASCII) })
        #expect(ScreenLegend.rows(options: ascii, filter: "u1 ... carried").map(\.mark) == ["u1 ... carried by"])
        #expect(ScreenLegend.rows(options: ascii, filter: "(released: ...)").map(\.mark) == ["(released: ...)"])
        #expect(ScreenLegend.rows(options: ViewerFixture.noColor, filter: "u1 … carried").map(\.mark) == ["u1 … carried by"])
        // The keys' rows above the legend too.
        #expect(Keymap.standard.helpRows(filter: "before -> after", ascii: true).count == 1)
        #expect(Keymap.standard.helpRows(filter: "before → after").count == 1)
        #expect(Keymap.standard.helpRows(filter: "", ascii: true).allSatisfy { ($0.keys + $0.help).unicodeScalars.allSatisfy(\.isASCII) })
    }
}
