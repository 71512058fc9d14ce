import Foundation
import Testing
import VizModel

/// `skbviz render`, `skbviz demo` and `skbviz FILE.skb` end to end, without a terminal.
@Suite struct ViewerRenderTests {
    /// Runs the binary with stdin and stdout on pipes; returns the status, stdout and stderr.
    /// - Parameter directory: The working directory, when not the test's own.
    static func skbviz(
        _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
    ) throws -> (Int32, String, String) {
        let (process, out, err) = try launch(try Tmux.binary(), arguments, environment: environment, directory: directory, input: Pipe())
        return (process.terminationStatus, out, err)
    }

    /// Runs `executable` to its end with stdout and stderr on pipes; returns the process and
    /// both outputs.
    static func launch(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: URL?, input: Any
    ) throws -> (Process, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func renderPrintsTheScreenAfterTheKeys() throws {
        let (status, out, err) = try Self.skbviz(["render", "--demo", "expand", "--keys", "7N 5n", "--size", "120x40"])
        #expect(status == 0, "\(err)")
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 41)
        #expect(out.contains("call 8/10: pskb_expand_head(a, 32, 0)"))
        #expect(out.contains("step 5/8"))
        #expect(out.contains("dataref 0x00010003 = 3 refs, 1 payload-only → 2 header refs*"))
        #expect(out.contains("▶ 5 skb_ref_data_parent"))
    }

    /// `e` and `w` in a key script write nothing (render is headless): the hint bar says so
    /// and names what does, rather than closing the prompt without a word.
    @Test func renderSaysItWritesNoFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skbviz-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, log, _) = try Self.skbviz(["render", "--demo", "expand", "--keys", "e out<Enter>", "--size", "120x40"], directory: dir)
        #expect(log.contains("not written: render writes no files; e writes the log in the viewer (skbviz demo expand)"))
        let (_, svg, _) = try Self.skbviz(["render", "--demo", "expand", "--keys", "17G w p<Enter>", "--size", "120x40"], directory: dir)
        #expect(svg.contains("not written: render writes no files; skbviz picture --demo expand --step 17 draws this step"))
        let (_, naive, _) = try Self.skbviz(["render", "--demo", "expand", "--design", "naive", "--keys", "17G w p<Enter>", "--size", "160x40"],
                                            directory: dir)
        #expect(naive.contains("skbviz picture --demo expand --design naive --step 17 draws this step"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func renderMatchesTheLayoutOfTheLibrary() throws {
        var session = try ViewerSession(program: Parser.parse(DemoCatalog.named("expand")!.source, file: "demos/expand.skb"),
                                        design: .origChain)
        for key in try Key.parse(script: "9N c c") { _ = session.handle(key) }
        let grid = ViewerLayout.grid(session, size: Size(width: 100, height: 30), options: ViewerOptions(usesColor: false))
        let (_, out, _) = try Self.skbviz(["render", "--demo", "expand", "--keys", "9N c c", "--size", "100x30"])
        #expect(out == grid.lines.joined(separator: "\n") + "\n")
    }

    @Test func renderEveryKeyAndStyles() throws {
        let (status, out, _) = try Self.skbviz(["render", "--demo", "expand", "--keys", "n n q n", "--every", "--styles"])
        #expect(status == 0)
        #expect(out.components(separatedBy: "--- after n\n").count == 3)
        #expect(out.contains("--- after q: quit"))
        #expect(out.contains("--- styles"))
        #expect(out.contains("changed"))
    }

    @Test func renderOfAFileWithTheOtherDesign() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString).skb")
        try DemoCatalog.named("expand")!.source.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, out, _) = try Self.skbviz(["render", file.path, "--design", "vanilla", "--keys", "G", "--size", "200x50"])
        #expect(status == 0)
        #expect(out.contains("vanilla"))
    }

    @Test func renderRejectsBadKeysAndSizes() throws {
        #expect(try Self.skbviz(["render", "--demo", "expand", "--keys", "<Nope>"]).0 != 0)
        #expect(try Self.skbviz(["render", "--demo", "expand", "--size", "80"]).0 != 0)
        #expect(try Self.skbviz(["render"]).0 != 0)
    }

    @Test func demoWithoutANameListsTheDemos() throws {
        let (status, out, _) = try Self.skbviz(["demo"])
        #expect(status == 0)
        #expect(out.hasPrefix("expand"))
        #expect(out.contains("pskb_expand_head on zero-copy data"))
    }

    @Test func demoAndOpenWithoutATerminalPointToRun() throws {
        let (status, _, err) = try Self.skbviz(["demo", "expand"])
        #expect(status != 0)
        #expect(err.contains("skbviz run"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("open-\(UUID().uuidString).skb")
        try DemoCatalog.named("expand")!.source.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        for arguments in [["open", file.path], [file.path]] {
            let (s, _, e) = try Self.skbviz(arguments)
            #expect(s != 0)
            #expect(e.contains("needs a terminal") && e.contains("skbviz run"), "\(arguments): \(e)")
        }
    }

    @Test func helpListsTheViewerCommands() throws {
        let (status, out, _) = try Self.skbviz(["--help"])
        #expect(status == 0)
        for name in ["open", "demo", "run", "render"] { #expect(out.contains("  \(name)"), "\(name)") }
        #expect(out.contains("skbviz FILE.skb"))
    }
}
