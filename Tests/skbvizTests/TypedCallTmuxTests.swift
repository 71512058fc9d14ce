#if os(Linux)
import Foundation
import Testing
import VizModel

/// Typing a call in a real terminal, then exporting the session log.
@Suite struct TypedCallTmuxTests {
    /// One Backspace too many leaves the prompt open: what follows is typed into it, not run
    /// as viewer keys, and nothing is written.
    @Test func backspaceOnAnEmptyPromptLeavesItOpen() async throws {
        let stray = FileManager.default.currentDirectoryPath + "/(a)"
        let tmux = try Tmux.start(["demo", "expand"], width: 120, height: 40)
        defer { tmux.kill() }
        try await tmux.waitFor("call 1/10: a = alloc_skb(200)  step 0/4")
        try tmux.sendKeys(":")
        try await tmux.waitFor("runs first")
        try tmux.sendKeys("-l", "ab")
        try tmux.sendKeys("BSpace", "BSpace", "BSpace", "BSpace")
        try tmux.sendKeys("-l", "nGe")
        try await tmux.waitFor(": nGe")
        try tmux.sendKeys("Escape", "e")
        try await tmux.waitFor("export to:")
        try tmux.sendKeys("-l", "x")
        try tmux.sendKeys("BSpace", "BSpace")
        try tmux.sendKeys("-l", "(a)")
        let screen = try await tmux.waitFor("export to: (a)")
        #expect(screen.contains("call 1/10: a = alloc_skb(200)  step 0/4"), "no key ran as a viewer key")
        try tmux.sendKeys("Escape", "q")
        #expect(try await tmux.waitForExit().status == 0)
        for suffix in ["skb", "jsonl", "txt"] {
            #expect(!FileManager.default.fileExists(atPath: "\(stray).\(suffix)"))
        }
    }

    /// The expand demo at the end of call 7 (`b = skb_clone(a)`), its `:` prompt open.
    private static func promptAfterCall7() async throws -> Tmux {
        let tmux = try Tmux.start(["demo", "expand"], width: 120, height: 40)
        do {
            try await tmux.waitFor("call 1/10: a = alloc_skb(200)  step 0/4")
            try tmux.sendKeys("7", "N")
            try await tmux.waitFor("call 7/10: b = skb_clone(a)  step 3/3")
            try tmux.sendKeys(":")
            try await tmux.waitFor("runs after call 7")
            return tmux
        } catch {
            tmux.kill()
            throw error
        }
    }

    /// A pasted line reaches the viewer as a burst of keys, handled before the screen is
    /// drawn again: every key of it is typed, in order, and the call runs.
    @Test func aPastedLongCallIsTypedWholeAndRuns() async throws {
        let tmux = try await Self.promptAfterCall7()
        defer { tmux.kill() }
        try tmux.sendKeys("-l", "c = pskb_copy(" + String(repeating: " ", count: 2000) + "b)")
        try await tmux.waitFor("b)")
        try tmux.sendKeys("Enter")
        let screen = try await tmux.waitFor("call 8/8: c = pskb_copy(")
        #expect(screen.contains("call 8 added: c = pskb_copy("))
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit().status == 0)
    }

    @Test func typeACallExportAndCheckTheThreeFiles() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skbviz-typed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("session").path
        let tmux = try await Self.promptAfterCall7()
        defer { tmux.kill() }
        try tmux.sendKeys("-l", "c = pskb_co")
        try tmux.sendKeys("Tab")
        try await tmux.waitFor(": c = pskb_copy(")
        try tmux.sendKeys("-l", "b)")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor("call 8/8: c = pskb_copy(b)  step 1/")
        try tmux.sendKeys("e")
        try await tmux.waitFor("export to:")
        try tmux.sendKeys("-l", base)
        try tmux.sendKeys("Enter")
        try await tmux.waitFor("wrote \(base).skb")
        // Again: the files exist, so the viewer asks; n keeps them.
        try tmux.sendKeys("e")
        try await tmux.waitFor("export to:")
        try tmux.sendKeys("-l", base)
        try tmux.sendKeys("Enter")
        try await tmux.waitFor("overwrite? (y/n)")
        try tmux.sendKeys("n")
        try await tmux.waitFor("not written")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit().status == 0)

        let skb = try String(contentsOfFile: base + ".skb", encoding: .utf8)
        #expect(skb.contains("design orig-chain"))
        #expect(skb.hasSuffix("c = pskb_copy(b)\n"))
        let jsonl = try String(contentsOfFile: base + ".jsonl", encoding: .utf8).split(separator: "\n")
        #expect(jsonl[0].hasPrefix(#"{"type":"session","tool":"skbviz","version":"0.1.0","design":"orig-chain","cursor":{"call":8,"step":1,"#))
        #expect(jsonl[1].hasPrefix(#"{"type":"scenario""#))
        let txt = try String(contentsOfFile: base + ".txt", encoding: .utf8)
        #expect(txt.contains("c = pskb_copy(b)"))
        #expect(txt.split(separator: "\n").allSatisfy { $0.count <= 72 })
        // The exported .skb, run with --trace --steps, gives the exported trace after its session record.
        let (status, out, err) = try ViewerRenderTests.skbviz(["run", base + ".skb", "--trace", "-", "--steps"])
        #expect(status == 0, "\(err)")
        let ran = out.split(separator: "\n")
        #expect(ran.dropFirst().elementsEqual(jsonl.dropFirst(2)))
        #expect(ran[0] == jsonl[1])
    }
}
#endif
