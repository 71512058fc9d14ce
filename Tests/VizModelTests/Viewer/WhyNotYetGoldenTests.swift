import Foundation
import Testing
import VizModel

/// Issue 10's screens, at 80×24 and 160×50, compared with the files in Golden/why: who holds
/// a buffer and the pending orig reference (expand), where each frag came from and the slots
/// a premature destructor leaves (segment, split), the fast-clone pair's memory (fclone), and
/// a struct whose head is not set yet (clone). `SKBVIZ_RECORD=1` rewrites them.
@Suite struct WhyNotYetGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden/why")

    static let moments: [(name: String, demo: String, design: Design, keys: String)] = [
        ("expand-released", "expand", .origChain, "7N 6n"),
        ("expand-pending-orig", "expand", .origChain, "9N 4n"),
        ("segment-lineage", "segment", .origChain, "10N"),
        ("segment-premature", "segment", .naive, "v"),
        ("split-lineage", "split", .origChain, "21N"),
        ("fclone-pair", "fclone", .origChain, "9N"),
        ("clone-head-not-set", "clone", .origChain, "3N 1n"),
    ]

    static let cases = moments.flatMap { m in [(m, Size(width: 80, height: 24)), (m, Size(width: 160, height: 50))] }

    @Test(arguments: 0..<cases.count)
    func screenMatchesGolden(index: Int) throws {
        let (m, size) = Self.cases[index]
        let demo = try #require(DemoCatalog.named(m.demo))
        var s = try ViewerFixture.session(demo.source, file: "demos/\(m.demo).skb", design: m.design)
        try ViewerFixture.press(&s, m.keys)
        let grid = ViewerLayout.grid(s, size: size, options: ViewerFixture.noColor)
        let file = Self.directory.appendingPathComponent("\(m.name)-\(size.width)x\(size.height).txt")
        try Golden.check("demo: \(m.demo)  design: \(m.design.rawValue)  keys: \(m.keys)\n" + grid.description + "\n", against: file)
    }
}
