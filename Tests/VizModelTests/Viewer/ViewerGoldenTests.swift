import Foundation
import Testing
import VizModel

/// Whole screens of demos/expand.skb compared with text files in Golden/viewer: the lines,
/// then the style runs. `SKBVIZ_RECORD=1 swift test --filter ViewerGolden` rewrites them,
/// and fails so that a recording run is never mistaken for a passing one.
@Suite struct ViewerGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden/viewer")

    /// The telling steps: after the clone, inside pskb_expand_head (skb_ref_data_parent),
    /// after it, and at the firing of tun_free.
    static let moments: [(name: String, keys: String)] = [
        ("after-clone", "7N"),
        ("expand-parent-ref", "7N 5n"),
        ("after-expand", "8N"),
        ("tun-free", "9N 3c"),
    ]

    static let cases: [(String, String, Size, Bool)] = moments.flatMap { m in
        [(m.name, m.keys, Size(width: 80, height: 24), true),
         (m.name, m.keys, Size(width: 160, height: 50), true),
         (m.name, m.keys, Size(width: 80, height: 24), false)]
    }

    @Test(arguments: 0..<cases.count)
    func screenMatchesGolden(index: Int) throws {
        let (name, keys, size, colour) = Self.cases[index]
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, keys)
        let grid = ViewerLayout.grid(s, size: size, options: colour ? ViewerFixture.color : ViewerFixture.noColor)
        let file = Self.directory.appendingPathComponent("expand-\(name)-\(size.width)x\(size.height)\(colour ? "" : "-nocolor").txt")
        let actual = "keys: \(keys)\n" + grid.description + "\n"
        try Golden.check(actual, against: file)
    }

    @Test func tunFreeMomentIsTheDataDestructor() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "9N 3c")
        #expect(s.history.outcomes(ofStep: s.history.cursor).contains { if case .event(.dataDestructor) = $0 { true } else { false } })
        #expect(s.shownSteps[s.history.position.step - 1].text.contains("tun_free"))
    }
}
