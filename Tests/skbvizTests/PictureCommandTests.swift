import Foundation
import Testing
import VizModel
@testable import skbviz

/// `skbviz picture` end to end (`-o`, standard output, `--every`, its refusals), and the
/// viewer's picture file: written through a temporary, never over a file without a yes.
@Suite struct PictureCommandTests {
    static func temporaryDirectory() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("skbviz-picture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    static func session(at keys: String = "") throws -> ViewerSession {
        var s = try ViewerSession(program: Parser.parse(DemoCatalog.named("expand")!.source, file: "demos/expand.skb"),
                                  design: .origChain)
        for key in try Key.parse(script: keys) { _ = s.handle(key) }
        return s
    }

    @Test func pictureWritesTheLibrarysSVGToAFileOrStandardOutput() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("step.svg").path
        let (status, out, err) = try ViewerRenderTests.skbviz(["picture", "--demo", "expand", "--step", "17", "-o", path])
        #expect(status == 0, "\(err)")
        #expect(out.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Picture.svg(of: try Self.session(at: "17g")))
        let (_, last, _) = try ViewerRenderTests.skbviz(["picture", "--demo", "expand"])
        #expect(last == Picture.svg(of: try Self.session(at: "G")))
        let (_, call, _) = try ViewerRenderTests.skbviz(["picture", "--demo", "expand", "--call", "8"])
        #expect(call == Picture.svg(of: try Self.session(at: "8N")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["step.svg"], "no temporary left")
    }

    @Test func everyWritesAFileAStepAndAnIndexIntoANewDirectory() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("steps").path
        let (status, _, err) = try ViewerRenderTests.skbviz(["picture", "--demo", "expand", "--every", "-o", out])
        #expect(status == 0, "\(err)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["index.html"] + (1...31).map { Picture.fileName(step: $0, of: 31) })
        var expected: [String] = []
        Picture.every(try Self.session()) { _, svg in expected.append(svg) }
        for (i, svg) in expected.enumerated() {
            #expect(try String(contentsOfFile: out + "/" + names[i + 1], encoding: .utf8) == svg, "\(names[i + 1])")
        }
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index == PictureIndex.html(title: "pskb_expand_head on zero-copy data", count: 31))
        // A directory with files in it is refused, and left as it was.
        let (again, _, refusal) = try ViewerRenderTests.skbviz(["picture", "--demo", "expand", "--every", "-o", out])
        #expect(again == 1)
        #expect(refusal == "skbviz: cannot write \(out): the directory is not empty: nothing written; give a new or empty directory\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).count == 32)
        // An empty directory is used.
        let empty = dir.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        let (third, _, _) = try ViewerRenderTests.skbviz(["picture", "--demo", "segment", "--every", "-o", empty])
        #expect(third == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty).contains("index.html"))
    }

    /// The help says what a picture holds, its legend and the index's link included.
    @Test func theHelpNamesTheLegendAndTheIndexsLink() throws {
        let (status, help, _) = try ViewerRenderTests.skbviz(["picture", "--help"])
        #expect(status == 0)
        let words = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("a caption and a legend of the colours, arrows and dashes."))
        #expect(words.contains("DIR/index.html (← and → step, a slider, a link to the shown step's file; no network)"))
    }

    /// A teacher's typo or a step past the end: the message says what to give instead.
    @Test func usageErrorsSayWhatToGive() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tooBig = dir.appendingPathComponent("big.skb").path
        try "a = alloc_skb(2147483647)\n".write(toFile: tooBig, atomically: false, encoding: .utf8)
        for (arguments, message) in [
            (["--demo", "expand", "--step", "32"], "Error: --step 32: the run has 31 steps: give 0 (before the first call) to 31\n"),
            (["--demo", "expand", "--call", "11"], "Error: --call 11: the run has 10 completed calls: give 1 to 10\n"),
            ([tooBig, "--call", "1"], "Error: --call 1: the run has no completed call\n"),
            (["--demo", "clones"], "Error: no demo named 'clones': did you mean 'clone'? `skbviz demo` lists them\n"),
            (["--demo", "tcp"], "Error: no demo named 'tcp': did you mean 'tcp-xmit'? `skbviz demo` lists them\n"),
            (["--demo", "explore"], "Error: no demo named 'explore': `skbviz demo` lists them\n"),
        ] {
            let (status, _, err) = try ViewerRenderTests.skbviz(["picture"] + arguments)
            #expect(status == 64, "\(arguments)")
            #expect(err.hasPrefix(message), "\(arguments): \(err)")
        }
        let full = dir.appendingPathComponent("full").path
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: false)
        try "x".write(toFile: full + "/x", atomically: false, encoding: .utf8)
        let (status, _, err) = try ViewerRenderTests.skbviz(["picture", "--demo", "clone", "--every", "-o", full])
        #expect(status == 1)
        #expect(err == "skbviz: cannot write \(full): the directory is not empty: nothing written; give a new or empty directory\n")
    }

    @Test func usageErrorsAndAFailedCall() throws {
        for (arguments, message) in [
            (["--demo", "expand", "--step", "32"], "--step 32: the run has 31 steps: give 0 (before the first call) to 31"),
            (["--demo", "expand", "--every"], "--every writes a directory: give it with -o DIR"),
            (["--demo", "expand", "--step", "1", "--call", "1"], "give one of --step, --call and --every"),
            (["--demo", "nope"], "no demo named 'nope'"),
        ] {
            let (status, _, err) = try ViewerRenderTests.skbviz(["picture"] + arguments)
            #expect(status == 64, "\(arguments)")
            #expect(err.contains(message), "\(arguments): \(err)")
        }
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("f.skb").path
        try "a = alloc_skb(100)\nkfree_skb(a)\nkfree_skb(a)\n".write(toFile: file, atomically: false, encoding: .utf8)
        let (status, out, err) = try ViewerRenderTests.skbviz(["picture", file])
        #expect(status == 1)
        #expect(err.contains("f.skb:3:"))
        #expect(out.contains("call 2/2: kfree_skb(a)"), "the steps before the failed call are drawn")
        #expect(out.contains("call 3 failed"))
    }

    @Test func theViewersPictureIsNeverWrittenOverAFileWithoutAYes() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var s = try Self.session(at: "17g")
        let base = dir.appendingPathComponent("step").path
        ViewerLauncher.picture(&s, path: base, overwrite: false)
        #expect(s.status == "wrote \(base).svg")
        #expect(try String(contentsOfFile: base + ".svg", encoding: .utf8) == Picture.svg(of: s))
        try "mine\n".write(toFile: base + ".svg", atomically: false, encoding: .utf8)
        ViewerLauncher.picture(&s, path: base + ".svg", overwrite: false)
        #expect(s.prompt?.kind == .confirmPicture(path: base + ".svg"))
        #expect(try String(contentsOfFile: base + ".svg", encoding: .utf8) == "mine\n")
        #expect(s.handle(.character("y")) == .picture(path: base + ".svg", overwrite: true))
        ViewerLauncher.picture(&s, path: base + ".svg", overwrite: true)
        #expect(try String(contentsOfFile: base + ".svg", encoding: .utf8) == Picture.svg(of: s))
        let link = dir.appendingPathComponent("link.svg").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: base + ".svg")
        ViewerLauncher.picture(&s, path: link, overwrite: true)
        #expect(s.status == "not written: cannot write \(link): it is a symbolic link, not replaced")
        #expect(PictureFiles.path(nil, step: 17) == "skbviz-step-17.svg")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["link.svg", "step.svg"])
    }
}
