import Testing
import VizModel

/// A step nested past `Nesting.shownLevels` stays at that indent and says its depth, in the
/// walk of `run` (and so in transcripts) and in the viewer's steps pane.
@Suite struct NestingTests {
    /// s0 → s1 → … → s`depth`, each on the `frag_list` of the one before, then `kfree_skb(s0)`:
    /// each list is dropped inside the `kfree_skb` of its holder, one level deeper.
    private static func nestedLists(_ depth: Int) -> String {
        var lines = (0...depth).map { "s\($0) = alloc_skb(64)" }
        lines += (1...depth).reversed().map { "skb_frag_list_add(s\($0 - 1), s\($0))" }
        return (lines + ["kfree_skb(s0)"]).joined(separator: "\n")
    }

    @Test func theIndentAndTheLabel() {
        #expect(Nesting.indent(0) == "")
        #expect(Nesting.indent(3) == "      ")
        #expect(Nesting.indent(8) == String(repeating: " ", count: 16))
        #expect(Nesting.indent(9) == Nesting.indent(8))
        #expect(Nesting.indent(10_000) == Nesting.indent(8))
        #expect(Nesting.label(8) == "")
        #expect(Nesting.label(9) == "depth 9: ")
    }

    @Test func theWalkKeepsItsIndentAtEightLevelsAndSaysTheDepth() throws {
        let records = ViewerFixture.run(Self.nestedLists(12)).records
        let walk = Walk.lines(try #require(records.last), design: .origChain)
        let pad = "  " + String(repeating: " ", count: 16)
        #expect(walk.contains("  " + String(repeating: " ", count: 14) + "23. skb_release_data(s7 (s8)) on d8: cloned 0: the only user, free the data"))
        #expect(walk.contains(pad + "28. depth 9: kfree_skb(s9 (s10)): users 1: __kfree_skb"))
        #expect(walk.contains(pad + "37. depth 12: kfree_skb(s12 (s13)): users 1: __kfree_skb"))
        #expect(walk.contains(pad + "     event free_head d13"))
    }

    @Test func aDeepStepKeepsItsTextInTheStepsPane() throws {
        var s = try ViewerFixture.session(Self.nestedLists(12), file: "t.skb")
        try ViewerFixture.press(&s, "G 30p")
        let lines = ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines
        #expect(lines.contains("│ ▶ 34                 depth 11: kfree_skb(s11 (s12)): users 1: __kfree_skb    │"))
    }
}
