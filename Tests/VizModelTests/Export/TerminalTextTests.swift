import Testing
import VizModel

/// Control characters from a scenario or a path are spelled out, nothing else changes.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("plain text, a\\b and é → ≤", "plain text, a\\b and é → ≤"),
        ("\u{1B}]0;pwned\u{07}\u{1B}[2J", "\\e]0;pwned\\x07\\e[2J"),
        ("a\nb.skb\r", "a\\nb.skb\\r"),
        ("tab\tkept", "tab\tkept"),
        ("\u{00}\u{7F}\u{9B}", "\\x00\\x7F\\u{9B}"),
    ])
    func escaped(input: String, expected: String) {
        #expect(TerminalText.escaped(input) == expected)
    }

    @Test func aDiagnosticEscapesItsFileNameAndMessage() {
        let d = Diagnostic("unexpected '\u{1B}'", at: SourceLocation(line: 2, column: 3))
        #expect(d.formatted(file: "a\nb.skb") == "a\\nb.skb:2:3: error: unexpected '\\e'")
    }
}
