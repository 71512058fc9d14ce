import Foundation
import Testing
import VizModel

/// `skbviz render` on scenarios where no call completed, with every key of the keymap.
@Suite struct NoCallRenderTests {
    /// Every key of every keymap table, in key-script notation.
    static var script: String {
        let k = Keymap.standard
        let keys = k.view.entries.flatMap(\.keys) + k.help.entries.flatMap(\.keys)
            + k.prompt.entries.flatMap(\.keys) + k.confirm.entries.flatMap(\.keys)
        return keys.map { key in
            switch key {
            case .character(" "): "<Space>"
            case .character("<"): "<lt>"
            default: key.description
            }
        }.joined(separator: " ")
    }

    @Test(arguments: ["", "# only a comment\n", "a = alloc_skb(99999999)\n"])
    func everyKeyOnAScenarioWithNoCall(source: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nocall-\(UUID().uuidString).skb")
        try source.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try Key.parse(script: Self.script)
        let (status, out, err) = try ViewerRenderTests.skbviz(["render", file.path, "--keys", "N 5N P 42g G " + Self.script, "--every"])
        #expect(status == 0, "\(err)")
        #expect(out.contains("--- after N\n"))
        #expect(err == "")
    }
}
