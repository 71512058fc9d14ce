import Foundation
import Testing
import VizModel

/// `skbviz run --trace`: what the binary writes (on its second thread, from its own copy of the
/// state) is exactly what the trace writer writes in process, with and without step records.
@Suite struct RunTraceTests {
    /// The trace of `source` written in process by `TraceWriter`, as `skbviz run` would.
    static func expected(_ source: String, file: String, steps: Bool) -> [String] {
        let program = Parser.parse(source, file: file)
        let design = ScenarioRun.design(of: program, override: nil)
        var lines: [String] = []
        let writer = TraceWriter(includeSteps: steps) { lines.append($0) }
        writer.write(program, design: design)
        return lines
    }

    @Test(arguments: [Design.vanilla, .naive, .origChain], [false, true])
    func binaryTraceEqualsTheWritersOwn(design: Design, steps: Bool) throws {
        var generator = ScenarioGenerator(seed: 11, design: design)
        let source = generator.scenario(calls: 400)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skbviz-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("g.skb").path
        try source.write(toFile: file, atomically: true, encoding: .utf8)
        let (status, out, err) = try ViewerRenderTests.skbviz(["run", file, "--trace", "-"] + (steps ? ["--steps"] : []))
        #expect(status == 0, "\(err)")
        let got = out.split(separator: "\n").map(String.init)
        let want = Self.expected(source, file: file, steps: steps)
        #expect(got.count == want.count)
        for (g, w) in zip(got, want) where g != w {
            Issue.record("first difference:\n got \(g)\nwant \(w)")
            break
        }
    }

    @Test func aFailedCallEndsTheTraceAsTheWriterDoes() throws {
        let source = "a = alloc_skb(100)\nb = skb_clone(a)\nkfree_skb(a)\nkfree_skb(b)\nskb_put(a, 1)\n"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skbviz-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("f.skb").path
        try source.write(toFile: file, atomically: true, encoding: .utf8)
        let (status, out, _) = try ViewerRenderTests.skbviz(["run", file, "--trace", "-"])
        #expect(status == 1)
        #expect(out.split(separator: "\n").map(String.init) == Self.expected(source, file: file, steps: false))
    }
}
