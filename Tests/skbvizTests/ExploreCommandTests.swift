import Foundation
import Testing
import VizModel
@testable import skbviz

/// `skbviz explore`: the files it writes, the same with one thread or two, and hostile options.
@Suite struct ExploreCommandTests {
    private static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skbviz-explore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    private static func files(_ dir: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".skb") || name == "classes.tsv" {
            out[name] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        return out
    }

    @Test func oneThreadAndTwoWriteTheSameFilesThatRun() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var written: [[String: String]] = []
        for jobs in ["1", "2"] {
            let out = dir.appendingPathComponent("j\(jobs)")
            let (status, stdout, err) = try ViewerRenderTests.skbviz(["explore", "--depth", "4", "--jobs", jobs, "--out", out.path])
            #expect(status == 0, "\(err)")
            #expect(stdout.contains("orig-chain depth 4: 321 new, 380 total, 996 transitions"))
            #expect(stdout.contains("leak-cycle\tskb_frag_list_add\t4\t"))
            written.append(try Self.files(out.appendingPathComponent("orig-chain")))
        }
        #expect(written[0] == written[1])
        #expect(written[0].keys.sorted() == ["classes.tsv", "leak-cycle-skb_frag_list_add.skb"])
        let file = dir.appendingPathComponent("j1/orig-chain/leak-cycle-skb_frag_list_add.skb").path
        let (status, _, err) = try ViewerRenderTests.skbviz(["run", file, "--quiet"])
        #expect(status == 0, "\(err)")
        let depths = try String(contentsOfFile: dir.appendingPathComponent("j1/orig-chain/depths.tsv").path, encoding: .utf8)
        #expect(depths.hasPrefix("depth\tnew\ttotal\ttransitions\tseconds\n0\t1\t1\t0\t"))
    }

    @Test(arguments: [["--depth", "0"], ["--depth", "-3"], ["--design", "ubuf"], ["--memory", "lots"], ["--jobs", "0"],
                      ["--seconds", "0"], ["--dedup", "some"], ["--memory", "1e30"], ["--memory", "0.5"], ["--memory", "nan"],
                      ["--memory", "-1G"], ["--memory", "5IB"], ["--memory", "G"]])
    func badArgumentsAreRefused(arguments: [String]) throws {
        let (status, _, err) = try ViewerRenderTests.skbviz(["explore", "--out", "/nonexistent/x"] + arguments)
        // `explore --help` and the README say: 64 on bad arguments, as any usage error.
        #expect(status == 64)
        #expect(err.contains("Error:") || err.contains("error"), "\(err)")
    }

    /// Sizes as people write them: K, M and G count by 1024, with or without `B` or `iB`; a
    /// size an `Int` cannot hold is refused (it trapped before).
    @Test func memorySizesReadAsWritten() {
        #expect(Explore.bytes("4096") == 4096)
        #expect(Explore.bytes("500M") == 500 << 20)
        #expect(Explore.bytes("500mb") == 500 << 20)
        #expect(Explore.bytes("500MiB") == 500 << 20)
        #expect(Explore.bytes("1.5G") == 3 << 29)
        #expect(Explore.bytes("1GB") == 1 << 30)
        #expect(Explore.bytes("64KiB") == 64 << 10)
        #expect(Explore.bytes("100B") == 100)
        #expect(Explore.bytes("1048576G") == 1 << 50)
        for refused in ["1048577G", "1e30", "0.5", "0", "-1G", "nan", "inf", "5IB", "G", "", "1 G", "1TB"] {
            #expect(Explore.bytes(refused) == nil, "\(refused)")
        }
    }

    @Test func anUnwritableOutIsAnError() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("file")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        let (status, _, err) = try ViewerRenderTests.skbviz(["explore", "--depth", "2", "--out", blocker.appendingPathComponent("sub").path])
        #expect(status == 1)
        // The errno's own words, for the first directory along the path that cannot be made.
        #expect(err == "skbviz: explore: cannot create \(blocker.appendingPathComponent("sub").path): Not a directory\n", "\(err)")
    }

    @Test func aMissingParentIsNamedWithItsReason() throws {
        let (status, _, err) = try ViewerRenderTests.skbviz(["explore", "--depth", "2", "--out", "/proc/skbviz-none/x"])
        #expect(status == 1)
        #expect(err == "skbviz: explore: cannot create /proc/skbviz-none: No such file or directory\n", "\(err)")
    }

    @Test func aMemoryLimitStopsCleanly() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (status, stdout, err) = try ViewerRenderTests.skbviz(["explore", "--depth", "100", "--memory", "1M", "--out", dir.path])
        #expect(status == 2, "\(err)")
        #expect(stdout.contains("(incomplete)"))
        #expect(stdout.contains("stopped at depth"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("orig-chain/depths.tsv").path))
    }
}
