#if os(Linux)
import Foundation
import Glibc
import Testing
import VizModel

/// The viewer in a real terminal (tmux): keys end to end, help, resize, colour, quitting.
@Suite struct ViewerTmuxTests {
    @Test func demoStepsUndoesAndQuitsRestoringTheTerminal() async throws {
        let tmux = try Tmux.start(["demo", "expand"], width: 100, height: 30)
        defer { tmux.kill() }
        try await tmux.waitFor("call 1/10: a = alloc_skb(200)  step 0/4")
        try tmux.sendKeys("7", "N")
        try await tmux.waitFor("call 7/10: b = skb_clone(a)  step 3/3")
        try tmux.sendKeys("n", "n")
        try await tmux.waitFor("call 8/10: pskb_expand_head(a, 32, 0)  step 2/8")
        // Wait for the steps pane's marker, drawn after the header: a capture can catch a
        // screen half painted (the header already at step 1, the marker still at 2).
        try tmux.sendKeys("Left")
        let back = try await tmux.waitForSettled("▶ 1 size = SKB_DATA_ALIGN")
        try tmux.sendKeys("p")
        try await tmux.waitFor("call 7/10: b = skb_clone(a)  step 3/3")
        try tmux.sendKeys("n")
        let again = try await tmux.waitForSettled("▶ 1 size = SKB_DATA_ALIGN")
        #expect(back == again, "stepping back shows the same screen")
        try tmux.sendKeys("q")
        let exit = try await tmux.waitForExit()
        #expect(exit.status == 0)
        #expect(exit.isTerminalRestored, "stty after exit: \(exit.terminalModes.sorted())")
    }

    /// Ctrl-Z in a shell with job control: the terminal is the shell's again (the alternate
    /// screen left), and `fg` brings the viewer back where it was, still taking keys.
    @Test func ctrlZSuspendsToTheShellAndFgComesBackWhereItWas() async throws {
        let tmux = try Tmux.startShell(width: 100, height: 30)
        defer { tmux.kill() }
        try await tmux.waitFor("[shell]")
        try tmux.typeLine("\"$SKBVIZ\" demo expand")
        try await tmux.waitFor("call 1/10: a = alloc_skb(200)  step 0/4")
        try tmux.sendKeys("n")
        try await tmux.waitFor("call 1/10: a = alloc_skb(200)  step 1/4")
        try tmux.sendKeys("C-z")
        try await tmux.waitFor("Stopped")
        #expect(try tmux.isAlternateScreenOn() == false)
        try tmux.typeLine("fg")
        try await tmux.waitForAlternateScreen(true)
        try await tmux.waitFor("call 1/10: a = alloc_skb(200)  step 1/4")
        try tmux.sendKeys("n")
        try await tmux.waitFor("call 1/10: a = alloc_skb(200)  step 2/4")
        try tmux.sendKeys("q")
        try await tmux.waitForAlternateScreen(false)
        try tmux.typeLine("echo \"[exit $?]\"")
        try await tmux.waitFor("[exit 0]")
    }

    @Test func helpOverlayOpensFiltersAndCloses() async throws {
        let tmux = try Tmux.start(["demo", "expand"], width: 80, height: 24)
        defer { tmux.kill() }
        try await tmux.waitFor("step 0/4")
        try tmux.sendKeys("?")
        try await tmux.waitFor("help: keys")
        try tmux.sendKeys("/", "v", "i", "o")
        let filtered = try await tmux.waitFor("/ filter: vio")
        #expect(filtered.contains("next violation"))
        #expect(!filtered.contains("next step"))
        try tmux.sendKeys("Escape")
        try await tmux.waitFor("/ filter:  ")
        try await Task.sleep(for: .milliseconds(100))
        try tmux.sendKeys("Escape")
        try await Task.sleep(for: .milliseconds(300))
        #expect(!(try tmux.capture().contains("help: keys")))
        try tmux.sendKeys("?")
        try await tmux.waitFor("help: keys")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit().status == 0)
    }

    @Test func resizeRelaysOutTheScreen() async throws {
        let tmux = try Tmux.start(["demo", "expand"], width: 160, height: 50)
        defer { tmux.kill() }
        try await tmux.waitFor("events")
        try tmux.resize(width: 60, height: 20)
        try await tmux.waitFor("60×20: objects only")
        try tmux.resize(width: 30, height: 10)
        try await tmux.waitFor("need 40×12")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit().status == 0)
    }

    @Test func noColorHasNoColourEscapesAndMarksChangesWithAStar() async throws {
        let tmux = try Tmux.start(["demo", "expand"], width: 120, height: 40, environment: ["NO_COLOR": "1"])
        defer { tmux.kill() }
        try await tmux.waitFor("step 0/4")
        try tmux.sendKeys("7", "N", "8", "n")
        try await tmux.waitFor("cloned 0*")
        let screen = try tmux.capture(escapes: true)
        let colourCodes = Set(30...38).union(40...48).union(90...97).union(100...107)
        #expect(Self.sgrParameters(in: screen).isDisjoint(with: colourCodes), "screen: \(screen.debugDescription)")
        #expect(Self.sgrParameters(in: screen).contains(7), "changes are reversed without colour")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit().status == 0)
    }

    @Test(arguments: [("C-c", 130)])
    func ctrlCQuitsWith130(key: String, status: Int) async throws {
        let tmux = try Tmux.start(["demo", "expand"], width: 80, height: 24)
        defer { tmux.kill() }
        try await tmux.waitFor("step 0/4")
        try tmux.sendKeys("?")
        try await tmux.waitFor("help: keys")
        try tmux.sendKeys(key)
        let exit = try await tmux.waitForExit()
        #expect(exit.status == status)
        #expect(exit.isTerminalRestored, "stty after exit: \(exit.terminalModes.sorted())")
    }

    @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129)])
    func signalsRestoreTheTerminal(signal: Int32, status: Int) async throws {
        let tmux = try Tmux.start(["demo", "expand"], width: 80, height: 24)
        defer { tmux.kill() }
        try await tmux.waitFor("step 0/4")
        try await tmux.signal(signal)
        let exit = try await tmux.waitForExit()
        #expect(exit.status == status)
        #expect(exit.isTerminalRestored, "stty after exit: \(exit.terminalModes.sorted())")
    }

    @Test func coloursAreUsedByDefault() async throws {
        let tmux = try Tmux.start(["demo", "expand"], width: 120, height: 40)
        defer { tmux.kill() }
        try await tmux.waitFor("step 0/4")
        try tmux.sendKeys("7", "N", "8", "n")
        try await tmux.waitFor("step 8/8")
        let screen = try tmux.capture(escapes: true)
        #expect(!screen.contains("cloned 0*"))
        #expect(!Self.sgrParameters(in: screen).isDisjoint(with: Set(30...37)))
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit().status == 0)
    }

    /// Every parameter of the SGR escapes (`ESC [ … m`) in `screen`.
    static func sgrParameters(in screen: String) -> Set<Int> {
        var parameters = Set<Int>()
        var rest = Substring(screen)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            let list = rest.prefix { $0.isNumber || $0 == ";" }
            guard rest.dropFirst(list.count).first == "m" else { continue }
            for p in list.split(separator: ";") { if let n = Int(p) { parameters.insert(n) } }
        }
        return parameters
    }

    @Test func qQuitsFromTheTooSmallScreen() async throws {
        let tmux = try Tmux.start(["demo", "expand"], width: 30, height: 10)
        defer { tmux.kill() }
        try await tmux.waitFor("need 40×12")
        try tmux.sendKeys("q")
        let exit = try await tmux.waitForExit()
        #expect(exit.status == 0)
        #expect(exit.isTerminalRestored)
    }

    /// A typed call is a what-if branch: `o` brings the original walk back, and the log
    /// exported then holds every original call.
    @Test func aTypedCallBranchesAndOReturnsToEveryOriginalCall() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skbviz-branch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("walk").path
        let tmux = try Tmux.start(["demo", "expand"], width: 120, height: 40)
        defer { tmux.kill() }
        try await tmux.waitFor("call 1/10: a = alloc_skb(200)  step 0/4")
        try tmux.sendKeys("7", "N", ":")
        try await tmux.waitFor("sets the 3 calls after it aside")
        try tmux.sendKeys("-l", "c = pskb_copy(b)")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor("what-if after call 7")
        try await tmux.waitFor("call 8/8: c = pskb_copy(b)  step 1/")
        try tmux.sendKeys("o")
        try await tmux.waitFor("back on the original walk: its 10 calls")
        try tmux.sendKeys("G")
        try await tmux.waitFor("call 10/10: kfree_skb(a)  step 8/8")
        try tmux.sendKeys("e")
        try await tmux.waitFor("export to:")
        try tmux.sendKeys("-l", base)
        try tmux.sendKeys("Enter")
        try await tmux.waitFor("wrote \(base).skb")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit().status == 0)
        let skb = try String(contentsOfFile: base + ".skb", encoding: .utf8)
        let original = Parser.parse(DemoCatalog.named("expand")!.source, file: "expand.skb").calls.map(\.text)
        let exported = Parser.parse(skb, file: "walk.skb").calls.map(\.text)
        #expect(exported == original)
    }
}
#endif
