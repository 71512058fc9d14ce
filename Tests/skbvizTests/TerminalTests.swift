#if os(Linux)
import Foundation
import Glibc
import Testing
import VizModel

/// The terminal layer in a real terminal: `skbviz _terminal-demo` (the "terminal too small"
/// screen) run in tmux.
@Suite struct TerminalTests {
    @Test func showsTheMessageCenteredAndQuitsOnQWithTheTerminalRestored() async throws {
        let tmux = try Tmux.start(["_terminal-demo"], width: 100, height: 30)
        defer { tmux.kill() }
        let screen = try await tmux.waitFor("terminal too small: 100×30, need 80×24")
        let lines = screen.components(separatedBy: "\n")
        #expect(lines[14] == String(repeating: " ", count: 31) + "terminal too small: 100×30, need 80×24")
        try tmux.sendKeys("q")
        let exit = try await tmux.waitForExit()
        #expect(exit.status == 0)
        #expect(exit.isTerminalRestored, "stty after exit: \(exit.terminalModes.sorted())")
    }

    @Test func otherKeysDoNotQuit() async throws {
        let tmux = try Tmux.start(["_terminal-demo"], width: 80, height: 24)
        defer { tmux.kill() }
        try await tmux.waitFor("80×24, need")
        try tmux.sendKeys("x", "Escape", "Up", "F1", "Q")
        try await Task.sleep(for: .milliseconds(300))
        #expect(try tmux.capture().contains("terminal too small: 80×24"))
        #expect(!(try tmux.capture().contains("[exit")))
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit().status == 0)
    }

    @Test func ctrlCExitsWith130AndRestoresTheTerminal() async throws {
        let tmux = try Tmux.start(["_terminal-demo"], width: 80, height: 24)
        defer { tmux.kill() }
        try await tmux.waitFor("terminal too small")
        try tmux.sendKeys("C-c")
        let exit = try await tmux.waitForExit()
        #expect(exit.status == 130)
        #expect(exit.isTerminalRestored, "stty after exit: \(exit.terminalModes.sorted())")
    }

    @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129), (SIGINT, 130)])
    func signalExitsWithItsStatusAndRestoresTheTerminal(signal: Int32, status: Int) async throws {
        let tmux = try Tmux.start(["_terminal-demo"], width: 80, height: 24)
        defer { tmux.kill() }
        try await tmux.waitFor("terminal too small")
        try await tmux.signal(signal)
        let exit = try await tmux.waitForExit()
        #expect(exit.status == status)
        #expect(exit.isTerminalRestored, "stty after exit: \(exit.terminalModes.sorted())")
    }

    @Test func resizeRedrawsAtTheNewSize() async throws {
        let tmux = try Tmux.start(["_terminal-demo"], width: 100, height: 30)
        defer { tmux.kill() }
        try await tmux.waitFor("100×30")
        try tmux.resize(width: 60, height: 20)
        let screen = try await tmux.waitFor("terminal too small: 60×20, need 80×24")
        #expect(screen.components(separatedBy: "\n")[9] == String(repeating: " ", count: 11) + "terminal too small: 60×20, need 80×24")
        try tmux.resize(width: 30, height: 10)
        let narrow = try await tmux.waitFor("need 80×24")
        #expect(narrow.components(separatedBy: "\n")[4...5] == ["  terminal too small: 30×10,", "          need 80×24"])
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit().status == 0)
    }

    @Test(arguments: [
        ([], [:], true),
        ([], ["NO_COLOR": "1"], false),
        ([], ["NO_COLOR": ""], true),
        (["--color", "always"], ["NO_COLOR": "1"], true),
        (["--color", "never"], [:], false),
    ] as [([String], [String: String], Bool)])
    func colourFollowsTheChoiceAndNoColor(options: [String], environment: [String: String], expectsColour: Bool) async throws {
        let tmux = try Tmux.start(["_terminal-demo"] + options, width: 80, height: 24, environment: environment)
        defer { tmux.kill() }
        try await tmux.waitFor("terminal too small")
        let screen = try tmux.capture(escapes: true)
        let parameters = Self.sgrParameters(in: screen)
        let colourCodes = Set(30...38).union(40...48).union(90...97).union(100...107)
        #expect(!parameters.isDisjoint(with: colourCodes) == expectsColour, "screen: \(screen.debugDescription)")
        #expect(parameters.contains(1), "a change is bold with or without colour")
        #expect(parameters.contains(7) == !expectsColour, "a change is reversed without colour")
    }

    @Test func unknownTermIsAClearErrorPointingToRun() async throws {
        let tmux = try Tmux.start(["_terminal-demo"], width: 200, height: 24, environment: ["TERM": "no-such-terminal"])
        defer { tmux.kill() }
        let exit = try await tmux.waitForExit()
        #expect(exit.status == 1)
        let screen = try tmux.capture(joined: true, history: true)
        #expect(screen.contains("unknown terminal type TERM=no-such-terminal"))
        #expect(screen.contains("`skbviz run`"))
    }

    @Test func notATerminalIsAClearErrorPointingToRun() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Tmux.binary())
        process.arguments = ["_terminal-demo"]
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains("standard input or output is not"))
        #expect(message.contains("`skbviz run`"))
    }

    /// Every parameter of the SGR escapes (`ESC [ … m`) in `screen`: 1 bold, 7 reverse, 3x colour…
    private static func sgrParameters(in screen: String) -> Set<Int> {
        var parameters = Set<Int>()
        var rest = Substring(screen)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            let list = rest.prefix { $0.isNumber || $0 == ";" }
            rest = rest.dropFirst(list.count)
            if rest.first == "m" {
                parameters.formUnion(list.split(separator: ";").compactMap { Int($0) })
            }
        }
        return parameters
    }
}
#endif
