import Testing
@testable import VizModel

/// The steps pane lays out the steps of a call once for the call, its width and its glyphs,
/// and only the current step on every frame; the screens are those of a session that lays
/// them out afresh.
@Suite struct StepLinesMemoTests {
    /// A frag_list of 30 members, then `skb_linearize`: a call of one step for each member
    /// unlinked, with a data destructor under every design.
    static let source = """
        design orig-chain
        a = alloc_skb(64)
        set_data_destructor(a, tun_free)
        \((0..<30).map { "m\($0) = alloc_skb(64)\nskb_put(m\($0), 10)\nskb_frag_list_add(a, m\($0))" }.joined(separator: "\n"))
        skb_linearize(a)
        kfree_skb(a)
        """

    static func screen(_ s: ViewerSession, width: Int = 120, options: ViewerOptions = ViewerFixture.noColor) -> [String] {
        ViewerLayout.grid(s, size: Size(width: width, height: 40), options: options).lines
    }

    /// The session at the first step of `skb_linearize` and the number of its steps.
    static func atLinearize() throws -> (ViewerSession, Int) {
        var s = try ViewerFixture.session(source, file: "t.skb")
        s.screenSize = Size(width: 120, height: 40)
        let call = s.calls.count - 1
        s.go(to: s.history.start(ofCall: call) + 1)
        return (s, s.history.stepCount(ofCall: call))
    }

    @Test func walkingThroughACallLaysItsStepsOutOnce() throws {
        var (s, count) = try Self.atLinearize()
        #expect(count > 30)
        for step in 1..<count {
            let walked = Self.screen(s)
            defer { _ = s.handle(.character("n")) }
            guard step % 4 == 1 || step == count - 1 else { continue }
            var fresh = try ViewerFixture.session(Self.source, file: "t.skb")
            fresh.screenSize = s.screenSize
            fresh.go(to: s.history.cursor)
            #expect(walked == Self.screen(fresh), "step \(step)")
        }
        #expect(s.texts.lines.layouts == 1, "one layout for the whole walk through the call")
    }

    @Test func anotherWidthOrGlyphSetLaysThemOutAgain() throws {
        let (s, _) = try Self.atLinearize()
        let wide = Self.screen(s)
        let narrow = Self.screen(s, width: 100)
        let ascii = Self.screen(s, options: ViewerOptions(usesColor: false, glyphs: .ascii))
        #expect(s.texts.lines.layouts == 3)
        #expect(Self.screen(s) == wide && wide != narrow && wide != ascii)
        #expect(ascii.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(s.texts.lines.layouts == 4, "one memo: the last layout asked for")
    }

    @Test func anotherCallOrRunGetsANewMemo() throws {
        var (s, _) = try Self.atLinearize()
        _ = Self.screen(s)
        let memo = s.texts.lines
        try ViewerFixture.press(&s, "n")
        #expect(s.texts.lines === memo)
        try ViewerFixture.press(&s, "p p")
        #expect(s.texts.lines !== memo, "another call")
        _ = Self.screen(s)
        let next = s.texts.lines
        try ViewerFixture.press(&s, "d")
        #expect(s.texts.lines !== next, "another design")
    }
}
