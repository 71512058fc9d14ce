import Testing
import VizModel

/// The skb rows close up like a list: a freed skb is drawn, marked freed, at the step that
/// frees it, and after that no blank row is left where it was.
@Suite struct SkbRowsTests {
    static func rows(_ s: ViewerSession) -> [String] {
        ViewerLayout.grid(s, size: Size(width: 120, height: 40), options: ViewerFixture.noColor).lines
            .filter { $0.hasPrefix("│ a ") || $0.hasPrefix("│ b") || $0.hasPrefix("│ c ") || $0.hasPrefix("│  ") }
            .prefix(3).map { String($0.prefix(12)) }
    }

    @Test func aFreedSkbLeavesNoBlankRow() throws {
        var s = try ViewerFixture.session(src("a = alloc_skb(64)", "b = alloc_skb(64)", "c = alloc_skb(64)", "kfree_skb(b)", "skb_get(a)"),
                                          file: "rows.skb")
        try ViewerFixture.press(&s, "4N")
        #expect(Self.rows(s) == ["│ a   s1   u", "│ b*  s2*  f", "│ c   s3   u"])
        try ViewerFixture.press(&s, "n")
        #expect(Self.rows(s).prefix(2) == ["│ a  s1  use", "│ c  s3  use"])
    }

    /// At 80 columns a row that would not fit shortens with the others (`len 1448`,
    /// `fclone orig 2`) instead of wrapping alone, so the columns line up.
    @Test func narrowRowsShortenTogether() throws {
        var s = try ViewerFixture.session(DemoCatalog.named("tcp-xmit")!.source, file: "demos/tcp-xmit.skb")
        try ViewerFixture.press(&s, "6N")
        let lines = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        let s1 = try #require(lines.first { $0.hasPrefix("│ s   s1") }), s2 = try #require(lines.first { $0.hasPrefix("│ c1  s2") })
        #expect(s1.contains("fclone orig 2  len 1448  ──▶ d1"))
        #expect(s1.range(of: "──▶")?.lowerBound.utf16Offset(in: s1) == s2.range(of: "──▶")?.lowerBound.utf16Offset(in: s2))
    }

    /// Rows too wide even in the narrowest form flow over several lines; a row that wraps
    /// anyway has room for the field's kernel name, `skb->destructor`, where a one-line row
    /// says `destructor` (tcp-xmit at call 9: c1 is charged to the socket, `sock_wfree`).
    @Test func aFlowedRowNamesSkbDestructorWhole() throws {
        var s = try ViewerFixture.session(DemoCatalog.named("tcp-xmit")!.source, file: "demos/tcp-xmit.skb")
        try ViewerFixture.press(&s, "14n")
        let lines = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        let c1 = try #require(lines.firstIndex { $0.hasPrefix("│ c1  s2") })
        #expect(lines[c1] == "│ c1  s2  users 1  cloned 1  nohdr 0  fclone clone  len 1502                   │")
        #expect(lines[c1 + 1] == "│     skb->destructor sock_wfree  ──▶ d1                                       │")
        try ViewerFixture.press(&s, "G")
        let oneLine = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        #expect(!oneLine.contains { $0.contains("skb->destructor") }, "\(oneLine.joined(separator: "\n"))")
    }

    /// A struct `kmem_cache_alloc` just made, before the call sets its head, points nowhere:
    /// `head (not set)`, never `──▶ d0` (ids start at 1).
    @Test func aNewStructWithoutItsHeadPointsNowhere() throws {
        var s = try ViewerFixture.session(src("a = alloc_skb(64)"), file: "new.skb")
        try ViewerFixture.press(&s, "n")
        let lines = ViewerLayout.grid(s, size: Size(width: 120, height: 40), options: ViewerFixture.noColor).lines
        #expect(lines.contains { $0.contains("s1") && $0.contains("head (not set)") })
        #expect(!lines.contains { $0.contains("d0") })
        #expect(AsciiDrawing().lines(try #require(s.history.state.skbs.isEmpty ? nil : s.history.state)).contains { $0.contains("head (not set)") })
    }
}
