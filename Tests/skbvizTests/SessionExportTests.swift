import Foundation
import Testing
import VizModel
@testable import skbviz

/// Writing the session log (atomic, never clobbering), `run --transcript` and `compare`.
@Suite struct SessionExportTests {
    static func temporaryDirectory() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("skbviz-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    static func log() throws -> SessionLog {
        var s = try ViewerSession(program: Parser.parse(DemoCatalog.named("expand")!.source, file: "demos/expand.skb"),
                                  design: .origChain)
        for key in try Key.parse(script: "7N :skb_get(b)<Enter>") { _ = s.handle(key) }
        return SessionLog(s.logSource, scenarioPath: "x.skb", tool: ("skbviz", SkbvizVersion.current))
    }

    @Test func exportWritesThreeFilesAndRefusesToClobber() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("log").path
        let log = try Self.log()
        try SessionFiles.write(log, base: base, overwrite: false)
        for e in ["skb", "jsonl", "txt"] {
            #expect(FileManager.default.fileExists(atPath: "\(base).\(e)"))
        }
        #expect(try String(contentsOfFile: "\(base).skb", encoding: .utf8) == log.scenario)
        // Refused: nothing is touched.
        try "mine\n".write(toFile: "\(base).txt", atomically: false, encoding: .utf8)
        #expect(throws: SessionFiles.Exists.self) { try SessionFiles.write(log, base: base, overwrite: false) }
        #expect(try String(contentsOfFile: "\(base).txt", encoding: .utf8) == "mine\n")
        // Confirmed: replaced.
        try SessionFiles.write(log, base: base, overwrite: true)
        #expect(try String(contentsOfFile: "\(base).txt", encoding: .utf8) == log.transcript)
        // No temporary file is left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names.sorted() == ["log.jsonl", "log.skb", "log.txt"])
    }

    @Test func theSetIsWrittenWholeOrNotAtAll() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("x").path
        let log = try Self.log()
        try "old skb\n".write(toFile: "\(base).skb", atomically: false, encoding: .utf8)
        try "old jsonl\n".write(toFile: "\(base).jsonl", atomically: false, encoding: .utf8)
        // The third name cannot be replaced: the first two stay as they were.
        try FileManager.default.createDirectory(atPath: "\(base).txt", withIntermediateDirectories: false)
        #expect(throws: SessionFiles.Failure(description: "not written: \(base).txt is a directory, not replaced; no file was changed")) {
            try SessionFiles.write(log, base: base, overwrite: true)
        }
        try FileManager.default.removeItem(atPath: "\(base).txt")
        try FileManager.default.createSymbolicLink(atPath: "\(base).txt", withDestinationPath: "elsewhere.txt")
        #expect(throws: SessionFiles.Failure(description: "not written: \(base).txt is a symbolic link, not replaced; no file was changed")) {
            try SessionFiles.write(log, base: base, overwrite: true)
        }
        #expect(try String(contentsOfFile: "\(base).skb", encoding: .utf8) == "old skb\n")
        #expect(try String(contentsOfFile: "\(base).jsonl", encoding: .utf8) == "old jsonl\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["x.jsonl", "x.skb", "x.txt"])
        // A missing directory: nothing is made.
        #expect(throws: SessionFiles.Failure(description: "not written: the directory \(dir.path)/no does not exist; no file was changed")) {
            try SessionFiles.write(log, base: dir.path + "/no/y", overwrite: false)
        }
    }

    @Test func aDeviceIsRefusedWithAClearMessage() throws {
        let log = try Self.log()
        #expect(throws: SessionFiles.Failure(description: "not written: /dev/null is a device or a FIFO; the session log is three files (PATH.skb, PATH.jsonl, PATH.txt): give a path such as out/session; no file was changed")) {
            try SessionFiles.write(log, base: "/dev/null", overwrite: true)
        }
        #expect(!FileManager.default.fileExists(atPath: "/dev/null.skb"))
    }

    @Test func aLogExtensionTypedAtThePromptIsDropped() {
        #expect(SessionFiles.base(of: "out/x.skb") == "out/x")
        #expect(SessionFiles.base(of: "x.jsonl") == "x")
        #expect(SessionFiles.base(of: "x") == "x")
        #expect(SessionFiles.defaultBase().hasPrefix("skbviz-session-"))
        #expect(SessionFiles.defaultBase().count == "skbviz-session-YYYYmmdd-HHMMSS".count)
    }

    @Test func theViewerExportEffectAsksBeforeOverwriting() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("s").path
        var s = try ViewerSession(program: Parser.parse("a = alloc_skb(10)\n", file: "a.skb"), design: .origChain)
        ViewerLauncher.export(&s, path: base + ".skb", overwrite: false)
        #expect(s.status?.hasPrefix("wrote") == true)
        ViewerLauncher.export(&s, path: base, overwrite: false)
        guard case .confirmOverwrite(let path, let existing)? = s.prompt?.kind else {
            Issue.record("no confirmation asked"); return
        }
        #expect(path == base)
        #expect(existing.count == 3)
        #expect(s.handle(.character("y")) == .export(path: base, overwrite: true))
    }

    @Test func runTranscriptAndCompareWithoutATerminal() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("v.skb")
        try """
            a = alloc_skb(100)
            p = alloc_page()
            skb_add_rx_frag(a, 0, p, 0, 100)
            b = pskb_copy(a)
            set_data_destructor(a, tun_free)
            kfree_skb(a)
            kfree_skb(b)
            """.write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("t.txt").path
        let (status, _, err) = try ViewerRenderTests.skbviz(["run", file.path, "--transcript", out, "--quiet"])
        #expect(status == 0, "\(err)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("objects after call 7:"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 72 && $0.utf8.allSatisfy { $0 < 0x80 } })
        let (cs, cout, cerr) = try ViewerRenderTests.skbviz(["compare", file.path])
        #expect(cs == 0, "\(cerr)")
        #expect(cout.contains("vanilla"))
        #expect(cout.contains("premature_destructor"))
        #expect(cout.contains("differ between the designs"))
        // Five columns by default; `--designs` picks and orders them.
        #expect(cout.hasPrefix("skbviz compare \(file.path): vanilla, naive, orig-chain, ubuf-2011, msg-zerocopy-2017\n"))
        let (ps, pout, perr) = try ViewerRenderTests.skbviz(["compare", file.path, "--designs", "msg-zerocopy-2017,naive"])
        #expect(ps == 0, "\(perr)")
        #expect(pout.hasPrefix("skbviz compare \(file.path): msg-zerocopy-2017, naive\n"))
        #expect(pout.contains("zerocopy_callback u1 tun_free") && !pout.contains("ubuf-2011"))
        let (bs, _, berr) = try ViewerRenderTests.skbviz(["compare", file.path, "--designs", "naive,zerocopy"])
        #expect(bs == 64 && berr.contains("unknown design 'zerocopy'"))
    }
}

/// After an export the hint bar names the directory a relative path went into.
@Suite struct ExportMessageTests {
    @Test func theWrittenMessageNamesTheDirectory() {
        #expect(SessionFiles.written(base: "log", workingDirectory: "/w") == "wrote log.skb, log.jsonl and log.txt in /w")
        #expect(SessionFiles.written(base: "out/log", workingDirectory: "/w") == "wrote out/log.skb, out/log.jsonl and out/log.txt in /w/out")
        #expect(SessionFiles.written(base: "/tmp/log") == "wrote /tmp/log.skb, /tmp/log.jsonl and /tmp/log.txt")
    }
}
