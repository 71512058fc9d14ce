import Foundation
import Testing
import VizModel

/// One keymap per mode is the only source of keys: dispatch, every text that lists keys, and
/// the README's table.
@Suite struct KeymapTests {
    @Test func everyModeBindsAKeyOnce() {
        let k = Keymap.standard
        for keys in [k.view.entries.flatMap(\.keys), k.help.entries.flatMap(\.keys), k.prompt.entries.flatMap(\.keys),
                     k.confirm.entries.flatMap(\.keys)] {
            #expect(Set(keys).count == keys.count, "a key is bound twice in a mode")
        }
    }

    @Test func theTextsThatListKeysComeFromTheKeymap() {
        let k = Keymap.standard
        #expect(k.smallScreenHint == "n/p step  ? help  q quit")
        #expect(k.help.hints.map { "\($0.keys) \($0.label)" } == ["Esc or ? closes", "/ filters", "j/k scrolls", "q quits"])
        #expect(k.summary.hasPrefix("Keys: n/p step, N/P call, g/G first/last,"))
        #expect(k.summary.hasSuffix(", ? help, q quit."))
    }

    /// The help sentences that name keys of another mode name that mode's keys.
    @Test func theHelpSentencesNameTheKeysOfTheirModes() throws {
        let k = Keymap.standard
        let help = try #require(k.view.entry(.help)?.help), typeCall = try #require(k.view.entry(.typeCall)?.help)
        for hint in k.help.hints where hint.label != "quits" { #expect(help.contains("\(hint.keys) \(hint.label.dropLast())")) }
        for (command, word) in [(PromptCommand.complete, "completes"), (.cancel, "cancels")] {
            let key = try #require(k.prompt.entry(command)?.keys.first)
            #expect(typeCall.contains("\(key.hintName) \(word)"))
        }
        #expect(k.prompt.entry(.olderCall)?.keys == [.up] && k.prompt.entry(.newerCall)?.keys == [.down] && typeCall.contains("Up/Down history"))
        #expect(k.exportPathHint.hasSuffix("Enter alone: skbviz-session-YYYYmmdd-HHMMSS here; Esc cancels"))
    }

    @Test func aRebindingReachesDispatchHintsAndHelp() throws {
        var table = ViewerCommand.table
        let i = try #require(table.firstIndex { $0.command == .nextStep })
        table[i].keys = [.character("x")] + table[i].keys.dropFirst()
        let keymap = Keymap(table)
        var s = try ViewerSession(program: Parser.parse(ViewerFixture.expandSource, file: "e.skb"), design: .origChain,
                                  keymap: keymap)
        #expect(s.handle(.character("x")) == .redraw)
        #expect(s.history.cursor == 1)
        #expect(s.handle(.character("n")) == .none)
        #expect(keymap.hints.first?.keys == "x/p")
        #expect(keymap.smallScreenHint.hasPrefix("x/p step"))
        #expect(ViewerLayout.helpRows(filter: "redo", keymap: keymap).map(\.keys) == ["x → l Space"])
        let bar = ViewerLayout.grid(s, size: Size(width: 120, height: 40), options: ViewerFixture.noColor).lines.last!
        #expect(bar.hasPrefix(" x/p step"))
    }

    @Test func theHelpOverlayAndThePromptsUseTheirModesKeys() throws {
        var help = HelpCommand.table
        help[0].keys = [.character("x")]
        var prompt = PromptCommand.table
        let i = try #require(prompt.firstIndex { $0.command == .cancel })
        prompt[i].keys = [.character("!")]
        let keymap = Keymap(ViewerCommand.table, help: help, prompt: prompt)
        var s = try ViewerSession(program: Parser.parse(ViewerFixture.expandSource, file: "e.skb"), design: .origChain,
                                  keymap: keymap)
        try ViewerFixture.press(&s, "?")
        #expect(s.handle(.escape) == .none)
        #expect(s.handle(.character("x")) == .redraw)
        #expect(s.help == nil)
        try ViewerFixture.press(&s, ":ab")
        #expect(s.handle(.escape) == .none)
        #expect(s.prompt?.text == "ab")
        #expect(s.handle(.character("!")) == .redraw)
        #expect(s.prompt == nil)
        #expect(keymap.help.hints.first?.keys == "x")
    }

    @Test func theConfirmationSaysItsKeys() throws {
        var s = try ViewerFixture.session()
        s.exportNeedsConfirmation(path: "log1", existing: ["log1.skb", "log1.txt"])
        #expect(s.prompt?.label == "log1.* exist: overwrite? (y/n) ")
    }

    /// The README's keys (section "The viewer") are the keymap's markdown, line for line.
    @Test func theReadmeListsTheKeymap() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
        let lines = try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Keys (") }, "README: no line starting 'Keys ('")
        let end = try #require(lines[start...].firstIndex { $0.hasPrefix("Decisions where") })
        let section = lines[start..<end].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(section == Keymap.standard.markdown, "README.md's keys differ from the keymap; they should read:\n\(Keymap.standard.markdown)")
    }
}
