import Foundation
import Testing

/// Text from a scenario or a file name never reaches the terminal raw, errors say why a file
/// cannot be read, and a flood of errors is cut after 100.
@Suite struct EscapingTests {
    /// A title and a note that would set the window title and clear the screen, and a line
    /// with an escape sequence (a reading error that quotes it).
    static let hostile = "title \"x\u{1B}]0;pwned\u{07}\u{1B}[2Jy\"\na = alloc_skb(100)\nnote \"n\u{1B}[2J\"\nkfree_skb(a)\n"

    @Test(arguments: [
        ("run s.skb", "\"x\\e]0;pwned\\x07\\e[2Jy\""),
        ("run s.skb --transcript -", "title:  x\\e]0;pwned\\x07\\e[2Jy"),
        ("run s.skb --trace - --quiet", "\"title\":\"x\\u001b]0;pwned\\u0007\\u001b[2Jy\""),
        ("check s.skb", "no violation"),
        ("compare s.skb", "title: x\\e]0;pwned\\x07\\e[2Jy"),
        ("run e.skb", "e.skb:1:1: error: syntax error: unexpected '\\e'"),
        ("check e.skb", "e.skb:1:1: error: syntax error: unexpected '\\e'"),
        ("compare e.skb", "e.skb:1:1: error: syntax error: unexpected '\\e'"),
    ])
    func noControlCharacterIsPrinted(command: String, shown: String) throws {
        let dir = try OutputTests.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.hostile.write(to: dir.appendingPathComponent("s.skb"), atomically: true, encoding: .utf8)
        try "\u{1B}[31m\n".write(to: dir.appendingPathComponent("e.skb"), atomically: true, encoding: .utf8)
        let (_, out, err) = try OutputTests.sh("\"$B\" \(command)", in: dir)
        let all = out + err
        #expect(!all.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "\(all.debugDescription)")
        #expect(all.contains(shown), "\(all)")
    }

    @Test func aNewlineInAPathStaysOnItsLine() throws {
        let dir = try OutputTests.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "oops\n".write(to: dir.appendingPathComponent("a\nb.skb"), atomically: true, encoding: .utf8)
        let (status, _, err) = try OutputTests.sh("\"$B\" check 'a\nb.skb'; \"$B\" run 'a\nc.skb'", in: dir)
        #expect(status == 1)
        #expect(err == "a\\nb.skb:1:1: error: unknown call 'oops'\nskbviz: cannot read a\\nc.skb: No such file or directory\n")
    }

    @Test func afterAHundredErrorsOneLineSaysHowManyMore() throws {
        let dir = try OutputTests.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try String(repeating: "?\n", count: 250).write(to: dir.appendingPathComponent("m.skb"), atomically: true, encoding: .utf8)
        let (status, _, err) = try OutputTests.sh("\"$B\" run m.skb", in: dir)
        #expect(status == 1)
        let lines = err.split(separator: "\n")
        #expect(lines.count == 101)
        #expect(lines.first == "m.skb:1:1: error: syntax error: unexpected '?'")
        #expect(lines.last == "m.skb: 150 more errors not shown")
    }

    @Test func unreadableInputsSayWhy() throws {
        let dir = try OutputTests.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, out, err) = try OutputTests.sh("""
            mkdir d; mkfifo f
            "$B" run d; "$B" check missing.skb; "$B" compare /dev/zero
            (echo 'a = alloc_skb(1)'; echo 'kfree_skb(a)') > f & "$B" check f
            """, in: dir)
        #expect(err == """
            skbviz: cannot read d: Is a directory
            skbviz: cannot read missing.skb: No such file or directory
            skbviz: cannot read /dev/zero: not a regular file (a device or a socket): give a scenario file

            """)
        #expect(out == "f: no violation (orig-chain)\n")
    }
}
