#if os(Linux)
import Foundation
import Glibc
import Testing

/// Every way out of the viewer in a real terminal: the session log is written on each one
/// that can still write, SIGQUIT ends it like SIGTERM, a fatal signal leaves the terminal
/// restored, and a terminal that cannot move the cursor is refused.
@Suite(.serialized) struct SignalTmuxTests {
    /// How to end the viewer: a key or a signal, and the status the shell then sees.
    enum Ending: Sendable, CustomStringConvertible {
        case key(String, Int)
        case signal(Int32, Int)

        var status: Int {
            switch self {
            case .key(_, let s), .signal(_, let s): return s
            }
        }

        var description: String {
            switch self {
            case .key(let k, _): return k
            case .signal(let s, _): return "signal \(s)"
            }
        }

        func apply(_ tmux: Tmux) async throws {
            switch self {
            case .key(let k, _): try tmux.sendKeys(k)
            case .signal(let s, _): try await tmux.signal(s)
            }
        }
    }

    @Test(arguments: [
        Ending.key("q", 0), .key("C-c", 130), .signal(SIGTERM, 143), .signal(SIGHUP, 129), .signal(SIGQUIT, 131),
    ])
    func theLogIsWrittenOnEveryWayOut(ending: Ending) async throws {
        let dir = try OutputTests.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("log").path
        let tmux = try Tmux.start(["demo", "expand", "--log", base], width: 120, height: 30)
        defer { tmux.kill() }
        try await tmux.waitFor("step 0/4")
        try tmux.sendKeys("n")
        try await tmux.waitFor("step 1/4")
        try await ending.apply(tmux)
        let exit = try await tmux.waitForExit()
        #expect(exit.status == ending.status)
        #expect(exit.isTerminalRestored, "stty after exit: \(exit.terminalModes.sorted())")
        #expect(try tmux.isAlternateScreenOn() == false)
        let screen = try tmux.capture(joined: true, history: true)
        #expect(screen.contains("skbviz: session log written to \(base).skb, \(base).jsonl, \(base).txt"), "\(screen)")
        #expect(try OutputTests.files(in: dir) == ["log.jsonl", "log.skb", "log.txt", "s.skb"])
    }

    @Test(arguments: [(SIGSEGV, 139), (SIGABRT, 134), (SIGBUS, 135), (SIGFPE, 136), (SIGILL, 132)])
    func aFatalSignalLeavesTheTerminalRestored(signal: Int32, status: Int) async throws {
        let home = try OutputTests.directory()
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = try Tmux.start(["demo", "expand"], width: 100, height: 30, environment: ["HOME": home.path, "XDG_STATE_HOME": ""])
        defer { tmux.kill() }
        try await tmux.waitFor("step 0/4")
        try await tmux.signal(signal)
        let exit = try await tmux.waitForExit()
        #expect(exit.status == status)
        #expect(exit.isTerminalRestored, "stty after exit: \(exit.terminalModes.sorted())")
        #expect(try tmux.isAlternateScreenOn() == false)
    }

    /// A crash never leaves the runtime's backtrace on the user's screen: the report (the
    /// signal and the call stack) goes to a file, and one line says where.
    @Test func aCrashWritesItsReportToAFile() async throws {
        let home = try OutputTests.directory()
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = try Tmux.start(["demo", "expand"], width: 100, height: 30,
                                  environment: ["HOME": home.path, "XDG_STATE_HOME": ""])
        defer { tmux.kill() }
        try await tmux.waitFor("step 0/4")
        try await tmux.signal(SIGSEGV)
        let exit = try await tmux.waitForExit()
        #expect(exit.status == 139)
        #expect(exit.isTerminalRestored)
        let folder = home.appendingPathComponent(".local/state/skbviz")
        let reports = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("crash-") }
        #expect(reports.count == 1)
        let report = try String(contentsOf: folder.appendingPathComponent(reports.first ?? "none"), encoding: .utf8)
        #expect(report.hasPrefix("skbviz crashed: signal 11\n") && report.split(separator: "\n").count > 3, "\(report)")
        let screen = try tmux.capture(joined: true, history: true)
        #expect(screen.contains("skbviz: crashed; the crash report (signal and call stack) is in \(folder.path)/crash-"), "\(screen)")
    }

    @Test func aLogPathIsCheckedAtStart() throws {
        let (status, _, err) = try ViewerRenderTests.skbviz(["demo", "expand", "--log", "/no/such/dir/x"])
        #expect(status != 0)
        #expect(err.hasPrefix("Error: --log: the directory /no/such/dir does not exist\n"), "\(err)")
    }

    @Test func aTerminalThatCannotMoveTheCursorIsRefused() async throws {
        let tmux = try Tmux.start(["demo", "expand"], width: 200, height: 24, environment: ["TERM": "dumb"])
        defer { tmux.kill() }
        let exit = try await tmux.waitForExit()
        #expect(exit.status == 1)
        let screen = try tmux.capture(joined: true, history: true)
        #expect(screen.contains("TERM=dumb cannot move the cursor"), "\(screen)")
        #expect(exit.isTerminalRestored)
    }
}
#endif
