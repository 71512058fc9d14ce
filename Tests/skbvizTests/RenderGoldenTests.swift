import Foundation
import Testing

/// Whole screens printed by `skbviz render`, compared with text files in
/// Tests/VizModelTests/Golden/render (that target excludes its Golden folder).
/// `SKBVIZ_RECORD=1 swift test --filter RenderGolden` rewrites them, and fails so that a
/// recording run is never mistaken for a passing one.
@Suite struct RenderGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("VizModelTests/Golden/render")

    /// The file's name, the demo, the keys and the size.
    static let cases: [(name: String, demo: String, keys: String, size: String)] = [
        // The header cuts the title, never the design.
        ("naive-bug-80x24", "naive-bug", "", "80x24"),
        // `v` lands on the violation and shows its line in the steps pane.
        ("naive-bug-v-80x24", "naive-bug", "v", "80x24"),
        ("naive-bug-v-120x40", "naive-bug", "v", "120x40"),
        // `v` with no violation under the design says so.
        ("expand-v-80x24", "expand", "v", "80x24"),
        ("expand-v-120x40", "expand", "v", "120x40"),
        // The help scrolls, wraps its texts at words, and ends with the legend of the marks.
        ("help-80x24", "expand", "?", "80x24"),
        ("help-end-80x24", "expand", "? G", "80x24"),
        ("help-page-120x40", "expand", "? <PgDn>", "120x40"),
        ("help-filter-80x24", "expand", "? / b u f f e r <Enter>", "80x24"),
        // The objects pane follows the change; what is still out of view is named on its edge.
        ("follow-zerocopy-80x24", "zerocopy-tx", "50G", "80x24"),
        ("follow-expand-strip-80x24", "expand", "20G", "80x24"),
        ("follow-expand-120x40", "expand", "20G", "120x40"),
        ("follow-by-hand-80x24", "expand", "20G 5j", "80x24"),
        // `/` searches the walk: a match, a wrap to the top with its message, the prompt.
        ("search-80x24", "expand", "/ o r i g <Enter>", "80x24"),
        ("search-wrap-120x40", "expand", "G / a l l o c <Enter>", "120x40"),
        ("search-prompt-80x24", "expand", "/ t u n", "80x24"),
    ]

    @Test(arguments: 0..<cases.count)
    func screenMatchesGolden(index: Int) throws {
        let c = Self.cases[index]
        let (status, out, err) = try ViewerRenderTests.skbviz(["render", "--demo", c.demo, "--keys", c.keys, "--size", c.size])
        #expect(status == 0, "\(err)")
        let file = Self.directory.appendingPathComponent("\(c.name).txt")
        let actual = "skbviz render --demo \(c.demo) --keys '\(c.keys)' --size \(c.size)\n" + out
        if ProcessInfo.processInfo.environment["SKBVIZ_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(file.lastPathComponent); run again without SKBVIZ_RECORD to compare")
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected, "\(file.lastPathComponent) differs; diff it after SKBVIZ_RECORD=1 if the change is meant")
    }
}
