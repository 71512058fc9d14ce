import Testing
import VizModel

/// After a motion the objects pane brings the first change into view; what still is out of
/// view is named on the pane's bottom edge; `j`/`k` then scroll by hand from there.
@Suite struct ChangeFollowTests {
    static let size = Size(width: 80, height: 24)

    static func screen(_ s: ViewerSession) -> [String] {
        ViewerLayout.grid(s, size: size, options: ViewerFixture.noColor).lines
    }

    @Test func theFreedBufferComesIntoView() throws {
        var s = try ViewerFixture.session(DemoCatalog.named("zerocopy-tx")!.source, file: "demos/zerocopy-tx.skb")
        _ = s.apply(.firstStep, count: 50)
        let objects = Self.screen(s)[3..<12]
        #expect(objects.contains { $0.hasPrefix("│ d5 384 B* freed*") }, "\(objects.joined(separator: "\n"))")
        #expect(Self.screen(s)[12] == "└──────────────────────────────────────────────────────────────────────────────┘", "nothing else changed")
    }

    @Test func whatStaysOutOfViewIsNamed() throws {
        var s = try ViewerFixture.session()
        _ = s.apply(.firstStep, count: 20)
        let lines = Self.screen(s)
        #expect(lines[3].contains("cloned 0*"), "the first change shows at the top")
        #expect(lines[12] == "└─ changed below: d2 dataref 0x00000001 = 1 ref, d2 shinfo->destructor NUL... ─┘")
    }

    @Test func scrollingByHandStartsFromTheFollowedPlaceUntilTheNextMotion() throws {
        var s = try ViewerFixture.session(DemoCatalog.named("zerocopy-tx")!.source, file: "demos/zerocopy-tx.skb")
        s.screenSize = Self.size
        _ = s.apply(.firstStep, count: 50)
        let followed = Self.screen(s)
        #expect(s.scroll[.objects] == nil)
        #expect(s.handle(.character("k")) == .redraw)
        let up = Self.screen(s)
        #expect(up[4].dropLast(2) == followed[3].dropLast(2), "one line up from where it followed")
        #expect(up[12].hasPrefix("└─ changed below:") == false)
        try ViewerFixture.press(&s, "10k")
        #expect(Self.screen(s)[12].hasPrefix("└─ changed below: d5 "), "the change scrolled off by hand is named")
        _ = s.apply(.previousStep)
        _ = s.apply(.nextStep)
        #expect(s.scroll[.objects] == nil && Self.screen(s) == followed, "a motion follows again")
    }
}

/// The objects pane is as tall as its content (its most lines over the call at the cursor),
/// up to its share; the steps get the rest, and notes follow the steps when all fits.
@Suite struct PaneSizeTests {
    @Test func aShortObjectsPaneLeavesItsRowsToTheSteps() throws {
        var s = try ViewerFixture.session()
        _ = s.apply(.firstStep, count: 5)
        let lines = ViewerLayout.grid(s, size: Size(width: 120, height: 40), options: ViewerFixture.noColor).lines
        #expect(lines[8].hasPrefix("│                                                         held by a (full)"))
        #expect(lines[9].hasPrefix("│                                                       nr_frags 0"))
        #expect(lines[10].hasPrefix("└────"))
        #expect(lines[11].hasPrefix("┌─ skb_reserve(a, 64) ─"))
        #expect(lines[14].hasPrefix("│ note: skb_reserve opens 64 bytes of headroom"), "the note right after the steps")
    }

    @Test func thePaneKeepsItsSizeThroughACall() throws {
        var s = try ViewerFixture.session()
        func objectsBottom() -> Int {
            ViewerLayout.grid(s, size: Size(width: 120, height: 40), options: ViewerFixture.noColor).lines.firstIndex { $0.hasPrefix("└") }!
        }
        _ = s.apply(.firstStep, count: 1)  // alloc_skb: s1 and d1 appear during the call
        let first = objectsBottom()
        for _ in 2...4 {
            _ = s.apply(.nextStep)
            #expect(objectsBottom() == first)
        }
    }
}
