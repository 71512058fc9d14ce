import Testing
import VizModel

/// A frag slot's lineage and a kernel page's "copy of" line in the glyphs of the drawing that
/// shows them: ASCII in `skbviz run`'s drawing and the viewer's `--ascii` screen, `←` and `…`
/// in the viewer's Unicode screen, never the two mixed in one drawing.
@Suite struct LineageGlyphTests {
    /// 3.1: `skb_clone` copies p1 into k1 (`skb_copy_ubufs`), then three `pskb_expand_head`s of
    /// the cloned skb each `get_page` k1 into a new head: d4's slot has three hand-ons.
    static let source = src(
        "design ubuf-2011", "a = alloc_skb(200)", "skb_reserve(a, 64)", "skb_put(a, 54)", "p1 = alloc_page()",
        "skb_add_rx_frag(a, 0, p1, 0, 4096)", "set_data_destructor(a, tun_free)",
        "b = skb_clone(a)", "pskb_expand_head(a, 32, 0)", "c = skb_clone(a)", "pskb_expand_head(a, 32, 0)",
        "d = skb_clone(a)", "pskb_expand_head(a, 32, 0)")

    @Test func theRunDrawingIsAscii() throws {
        let state = run(Self.source).final
        let k1 = try #require(state.sortedPages.first { state.pageRef($0.id) == "k1" })
        #expect(Describe.page(k1, in: state) == "k1  count 4  <- copy of p1  held by d1 frags[0], d2 frags[0], d3 frags[0], d4 frags[0]")
        #expect(state.data[4]!.frags.compactMap { Describe.lineage(of: $0) }
                == ["<- d3.frags[0] (get_page, pskb_expand_head) <- d2.frags[0] (get_page, pskb_expand_head) <- ... (1 more)"])
        let drawing = AsciiDrawing(width: 72).lines(state)
        #expect(drawing.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(drawing.filter { !$0.unicodeScalars.allSatisfy(\.isASCII) })")
    }

    @Test func theViewerUsesItsGlyphSet() throws {
        var session = try ViewerFixture.session(Self.source, file: "t.skb")
        try ViewerFixture.press(&session, "G")
        let size = Size(width: 200, height: 120)
        let unicode = ViewerLayout.grid(session, size: size, options: ViewerFixture.noColor).lines
        #expect(unicode.contains { $0.contains("│ k1  count 4   ← copy of p1  held by d1 frags[0], d2 frags[0], d3 frags[0], d4 frags[0]") })
        #expect(unicode.contains { $0.contains("(get_page, pskb_expand_head) ← … (1 more)") })
        let ascii = ViewerLayout.grid(session, size: size, options: ViewerOptions(usesColor: false, glyphs: .ascii)).lines
        #expect(ascii.contains { $0.contains("| k1  count 4   <- copy of p1  held by d1 frags[0], d2 frags[0], d3 frags[0], d4 frags[0]") })
        #expect(ascii.contains { $0.contains("(get_page, pskb_expand_head) <- ... (1 more)") })
    }
}
