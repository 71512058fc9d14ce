import Testing
import VizModel

/// Wrapping is linear in the line's length: a 1 MB word in a transcript line is quick.
@Suite struct PlainTextTests {
    @Test func aMegabyteWordWrapsQuickly() {
        let start = ContinuousClock.now
        let lines = PlainText.wrap("title: " + String(repeating: "x", count: 1 << 20), width: 72)
        #expect(ContinuousClock.now - start < .seconds(2))
        // "title:", then the word cut after each continuation line's four-space lead.
        #expect(lines.count == 1 + ((1 << 20) + 67) / 68)
        #expect(lines.allSatisfy { $0.count <= 72 })
    }
}
