import Testing
import VizModel

/// A file's lines as the carets under errors see them.
@Suite struct SourceLinesTests {
    @Test(arguments: [
        ("", [""]),
        ("\n", [""]),
        ("a", ["a"]),
        ("a\n", ["a"]),
        ("a\nb", ["a", "b"]),
        ("a\n\nb\n\n", ["a", "", "b", ""]),
        ("a\r\nb\r\n", ["a\r", "b\r"]),
    ])
    func linesSplitAtNewlines(text: String, lines: [String]) {
        #expect(Array(SourceLines(Array(text.utf8))) == lines)
    }

    @Test func aCaretUnderTheErrorOfALongFile() {
        let text = (1...1000).map { "skb_put(a\($0), 1)" }.joined(separator: "\n") + "\nkfree_skb(\n"
        let program = Parser.parse(text, file: "f.skb")
        #expect(program.source.count == 1001)
        #expect(program.source[999] == "skb_put(a1000, 1)")
        let d = program.errors.first { $0.location.line == 1001 }
        #expect(d != nil)
        let shown = d?.formatted(file: "f.skb", source: program.source).split(separator: "\n") ?? []
        #expect(shown.count == 3 && shown[1] == "kfree_skb(")
    }

    /// A CRLF file's lines are shown without their CR, which the spec reads as a blank.
    @Test func aCRLFLineIsShownWithoutItsCR() {
        let program = Parser.parse("a = alloc_skb(1)\r\nskb_reserv(a, 1)\r\n", file: "f.skb")
        let shown = program.errors.first?.formatted(file: "f.skb", source: program.source)
        #expect(shown == "f.skb:2:1: error: unknown call 'skb_reserv': did you mean 'skb_reserve'?\nskb_reserv(a, 1)\n^")
    }

    @Test func theCaretStandsUnderTheColumnAfterWideText() {
        // `名` is 3 bytes and 2 cells, `é` 2 bytes and 1 cell: the error is at byte column 14,
        // under the 12th cell.
        let program = Parser.parse("note \"名é\" 5\n", file: "f.skb")
        let d = program.errors.first
        #expect(d?.location == SourceLocation(line: 1, column: 14))
        let shown = d?.formatted(file: "f.skb", source: program.source).split(separator: "\n", omittingEmptySubsequences: false) ?? []
        #expect(shown.count == 3)
        #expect(shown.last.map(String.init) == String(repeating: " ", count: 11) + "^", "\(shown.last.map { Array($0.utf8) } ?? [])")
    }
}
