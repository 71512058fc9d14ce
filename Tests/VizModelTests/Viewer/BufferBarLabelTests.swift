import Testing
@testable import VizModel

/// A buffer's byte counts under its marks: each in its segment when it fits, else all of
/// them together between the outer rules, so a small segment never loses its number.
@Suite struct BufferBarLabelTests {
    static func screen(_ source: String, size: Size) throws -> [String] {
        var s = try ViewerFixture.session(source, file: "bar.skb")
        try ViewerFixture.press(&s, "G")
        return ViewerLayout.grid(s, size: size, options: ViewerFixture.noColor).lines
    }

    @Test func countsTooWideForTheirSegmentsGoTogether() throws {
        let lines = try Self.screen(src("a = alloc_skb(2000)", "skb_reserve(a, 64)", "skb_put(a, 2)"), size: Size(width: 100, height: 30))
        let numbers = try #require(lines.first { $0.contains("64/2/1982") })
        #expect(numbers.filter { $0 == "│" }.count == 4, "the pane's two borders and the bar's outer rules only: \(numbers)")
    }

    /// `/` joins the names of one byte only: a tailroom of one cell puts `end` past `tail`,
    /// never `tail/end`, which would say the buffer has no tailroom.
    @Test func marksJoinOnlyAtOnePlace() throws {
        let lines = try Self.screen(src("a = alloc_skb(2000)", "skb_put(a, 1990)"), size: Size(width: 100, height: 30))
        let marks = try #require(lines.first { $0.contains("head") && $0.contains("end") })
        #expect(marks.contains("head/data") && marks.contains("tail end") && !marks.contains("tail/end"), "\(marks)")
        // The pane's head mark is the `[`, one column before data's: bytes decide, not columns.
        let placed = BufferBar.markNames([("head", 0, 0), ("data", 0, 1), ("tail", 90, 3), ("end", 100, 5)],
                                         width: { $0.count }, gap: 1)
        #expect(placed.map(\.name) == ["head/data", "tail", "end"] && placed.map(\.at) == [0, 10, 15])
    }

    @Test func countsThatFitStayInTheirSegments() throws {
        let lines = try Self.screen(src("a = alloc_skb(200)", "skb_reserve(a, 64)", "skb_put(a, 54)"), size: Size(width: 160, height: 40))
        #expect(lines.contains { $0.contains("│") && $0.contains(" 64 ") && $0.contains(" 54 ") && $0.contains(" 138 ") })
        #expect(!lines.contains { $0.contains("64/54/138") })
    }

    /// A buffer of 0 bytes (a segment with no header and no headroom) has no tailroom: its bar
    /// is empty on screen and in ASCII, never a row of tailroom dots beside `skb_tailroom 0`.
    @Test func aBufferOfZeroBytesHasAnEmptyBar() throws {
        let source = src("p = alloc_page()", "a = alloc_skb(64)", "skb_add_rx_frag(a, 0, p, 0, 3000)",
                         "segs = skb_segment(a, 1448, 0)")
        let lines = try Self.screen(source, size: Size(width: 120, height: 60))
        let bar = try #require(lines.first { $0.contains("segs[2]") && $0.contains("[") && !$0.contains("──▶") })
        #expect(bar.contains("[]"), "\(bar)")
        let ascii = AsciiDrawing().lines(run(source).final)
        #expect(ascii.filter { $0.hasPrefix("  [||] s") }.count == 3, "the three segments")
    }
}
