import Foundation
import Testing

/// What the commands write and how: write errors, broken pipes, temporary files renamed in
/// place, refused targets, escaped control characters, the reasons of reading errors.
@Suite struct OutputTests {
    /// Runs `script` under `sh` in `directory`, with `$B` the binary; returns the status
    /// (128 + n for signal n), stdout and stderr.
    static func sh(_ script: String, in directory: URL) throws -> (Int32, String, String) {
        try ViewerRenderTests.skbviz([], environment: ["B": try Tmux.binary()], directory: directory, shell: script)
    }

    static func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skbviz-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "a = alloc_skb(100)\nb = skb_clone(a)\nkfree_skb(a)\nkfree_skb(b)\n"
            .write(to: dir.appendingPathComponent("s.skb"), atomically: true, encoding: .utf8)
        return dir
    }

    static func files(in dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test(arguments: [
        ("run s.skb > /dev/full", "standard output"),
        ("compare s.skb > /dev/full", "standard output"),
        ("check s.skb > /dev/full", "standard output"),
        ("render s.skb > /dev/full", "standard output"),
        ("gen > /dev/full", "standard output"),
        ("demo > /dev/full", "standard output"),
        ("run s.skb --quiet --trace /dev/full", "/dev/full"),
        ("run s.skb --quiet --transcript /dev/full", "/dev/full"),
        ("gen -o /dev/full", "/dev/full"),
    ])
    func aWriteErrorIsAMessageAndStatus1(command: String, output: String) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (status, _, err) = try Self.sh("\"$B\" \(command)", in: dir)
        #expect(status == 1)
        #expect(err == "skbviz: cannot write \(output): No space left on device\n")
    }

    @Test(arguments: ["gen --calls 20000", "run g.skb --trace - --steps", "run g.skb"])
    func aBrokenPipeEndsQuietlyWith141(command: String) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The reader is gone before the pipe's buffer is full.
        let (status, out, err) = try Self.sh(
            "\"$B\" gen --calls 2000 -o g.skb; exec 3>&1; { \"$B\" \(command); echo \"status $?\" >&3; } | true", in: dir)
        #expect(status == 0)
        #expect(out == "status 141\n")
        #expect(err == "")
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "good\n".write(to: dir.appendingPathComponent("g.skb"), atomically: true, encoding: .utf8)
        try "good\n".write(to: dir.appendingPathComponent("t.jsonl"), atomically: true, encoding: .utf8)
        // 8 blocks of 512 bytes at most: the write fails with EFBIG (SIGXFSZ ignored).
        let (status, _, err) = try Self.sh("trap '' XFSZ; ulimit -f 8; \"$B\" gen --calls 5000 -o g.skb", in: dir)
        #expect(status == 1)
        #expect(err == "skbviz: cannot write g.skb: File too large\n")
        #expect(try String(contentsOf: dir.appendingPathComponent("g.skb"), encoding: .utf8) == "good\n")
        #expect(try Self.files(in: dir) == ["g.skb", "s.skb", "t.jsonl"])
        let (s2, _, e2) = try Self.sh(
            "\"$B\" gen --calls 3000 -o big.skb && trap '' XFSZ && ulimit -f 8 && \"$B\" run big.skb --trace t.jsonl --transcript t.jsonl --quiet",
            in: dir)
        #expect(s2 == 1)
        #expect(e2.hasPrefix("skbviz: cannot write t.jsonl: File too large\n"))
        #expect(try String(contentsOf: dir.appendingPathComponent("t.jsonl"), encoding: .utf8) == "good\n")
        #expect(try Self.files(in: dir) == ["big.skb", "g.skb", "s.skb", "t.jsonl"])
    }

    @Test func genWritesItsFileWhole() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (status, out, err) = try Self.sh("\"$B\" gen --calls 50 --seed 3 -o g.skb && \"$B\" gen --calls 50 --seed 3", in: dir)
        #expect(status == 0, "\(err)")
        #expect(try String(contentsOf: dir.appendingPathComponent("g.skb"), encoding: .utf8) == out)
    }

    @Test func aSymlinkTheScenarioAndADirectoryAreRefusedADeviceIsWrittenThrough() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try String(contentsOf: dir.appendingPathComponent("s.skb"), encoding: .utf8)
        let (status, _, err) = try Self.sh("""
            ln -s target dangling; ln -s s.skb link.skb; ln s.skb hard.skb; mkdir d
            "$B" run s.skb --quiet --trace dangling
            "$B" run s.skb --quiet --transcript link.skb
            "$B" run s.skb --quiet --trace s.skb
            "$B" run s.skb --quiet --transcript hard.skb
            "$B" gen -o d
            "$B" run s.skb --trace /dev/null --transcript /dev/null && test -c /dev/null && echo device-kept >&2
            """, in: dir)
        #expect(status == 0)
        #expect(err == """
            skbviz: cannot write dangling: it is a symbolic link (not followed; name the file itself)
            skbviz: cannot write link.skb: it is a symbolic link (not followed; name the file itself)
            skbviz: cannot write s.skb: it is the scenario being read
            skbviz: cannot write hard.skb: it is the scenario being read
            skbviz: cannot write d: Is a directory
            device-kept

            """)
        #expect(try Self.files(in: dir) == ["d", "dangling", "hard.skb", "link.skb", "s.skb"])
        #expect(try String(contentsOf: dir.appendingPathComponent("s.skb"), encoding: .utf8) == scenario)
    }
}

extension ViewerRenderTests {
    /// `skbviz(arguments…)`, or with `shell`, `sh -c shell` (stdin empty, stdout and stderr
    /// on pipes).
    static func skbviz(
        _ arguments: [String], environment: [String: String], directory: URL?, shell: String
    ) throws -> (Int32, String, String) {
        let (process, out, err) = try launch(
            "/bin/sh", ["-c", shell], environment: environment, directory: directory,
            input: FileHandle.nullDevice)
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (status, out, err)
    }
}
