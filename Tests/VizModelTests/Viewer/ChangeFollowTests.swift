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

    /// A buffer's byte counts and bar are drawings: out of view they are named by the kernel's
    /// accessors of the lengths, not quoted glyph by glyph.
    @Test func aChangedBarIsNamedInWords() throws {
        var s = try ViewerFixture.session(DemoCatalog.named("pskb-copy")!.source, file: "demos/pskb-copy.skb")
        _ = s.apply(.firstStep, count: 9)
        #expect(Self.screen(s)[12] == "└─ changed below: d2 256 B, d2 s2 skb_headroom 64 skb_headlen 54 skb_tailr... ─┘")
        let wide = ViewerLayout.grid(s, size: Size(width: 100, height: 24), options: ViewerFixture.noColor).lines
        #expect(wide[12] == "└─ changed below: d2 256 B, d2 s2 skb_headroom 64 skb_headlen 54 skb_tailroom 138 " + String(repeating: "─", count: 17) + "┘")
    }

    /// A value wrapped over lines whose first shows is named whole; two values on one line are
    /// two names, each with its label.
    @Test func wrappedAndSideBySideValuesAreNamedAsFields() throws {
        var s = try ViewerFixture.session(DemoCatalog.named("tcp-xmit")!.source, file: "demos/tcp-xmit.skb")
        _ = s.apply(.firstStep, count: 22)
        #expect(Self.screen(s)[12] == "└─ changed below: d1 dataref 0x00010001 = 1 ref, 1 payload-only → 0 header... ─┘")
        var loopback = try ViewerFixture.session(DemoCatalog.named("msg-loopback")!.source, file: "demos/msg-loopback.skb")
        _ = loopback.apply(.firstStep, count: 30)
        #expect(Self.screen(loopback)[12] == "└─ changed below: d2 refcnt 1, u1 refcnt 1, u1 zerocopy 0 ─────────────────────┘")
    }

    /// The edge after `steps` steps of `demo` and the objects pane scrolled to its end by hand.
    static func edgeAbove(_ demo: String, after steps: Int) throws -> String {
        var s = try ViewerFixture.session(DemoCatalog.named(demo)!.source, file: "demos/\(demo).skb")
        s.screenSize = size
        _ = s.apply(.firstStep, count: steps)
        try ViewerFixture.press(&s, "30j")
        return Self.screen(s)[12]
    }

    /// A freed skb or buffer is named once, with what happened to it, the skb as the steps
    /// name it (`c (s3)`), not once for each of its marked words (`c, c s3, c freed`).
    @Test func aFreedObjectIsNamedOnce() throws {
        #expect(try Self.edgeAbove("fclone", after: 25) == "└─ changed above: c (s3) freed " + String(repeating: "─", count: 48) + "┘")
        #expect(try Self.edgeAbove("naive-bug", after: 17) == "└─ changed above: d1 freed " + String(repeating: "─", count: 52) + "┘")
    }

    /// Each change is led by its object: an skb with no name by its struct (`s2`, not `-`),
    /// a field that starts with the object's letter too (`c cloned 1`), and the arrow to the
    /// buffer is named as drawn (`d ──▶ d2`, not `d2`).
    @Test func eachChangeIsLedByItsObject() throws {
        #expect(try Self.edgeAbove("expand", after: 11) == "└─ changed above: s2 cloned 1, s2 len 4150, data_len 4096 " + String(repeating: "─", count: 21) + "┘")
        #expect(try Self.edgeAbove("clone", after: 27) == "└─ changed above: c cloned 1, d len 1502 = 54+1448, d ──▶ d2 " + String(repeating: "─", count: 18) + "┘")
    }

    /// A wrapped value whose last lines are in view is named whole, not cut at the edge of the view.
    @Test func aWrappedValueIsNamedWholeWhenItsEndShows() throws {
        #expect(try Self.edgeAbove("expand", after: 15) == "└─ changed above: d2 dataref 0x00000002 (copied, not a reference) " + String(repeating: "─", count: 13) + "┘")
    }

    /// No demo, at any step, quotes drawing glyphs on the pane's edge.
    @Test func noDemoQuotesGlyphs() throws {
        for demo in DemoCatalog.all {
            var s = try ViewerFixture.session(demo.source, file: "demos/\(demo.name).skb")
            while s.history.cursor < s.history.stepCount {
                _ = s.apply(.nextStep)
                let edge = Self.screen(s)[3...].first { $0.hasPrefix("└─ changed") } ?? ""
                #expect(!edge.dropLast(3).contains { "│░█·".contains($0) }, "\(demo.name) \(s.history.cursor): \(edge)")
            }
        }
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
