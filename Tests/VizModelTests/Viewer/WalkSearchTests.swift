import Testing
import VizModel

/// `/` searches the step texts, events and notes of the whole walk, wraps with a message, and
/// repeats with Enter alone.
@Suite struct WalkSearchTests {
    @Test func goesToTheNextMatchAndRepeatsWithEnterAlone() throws {
        var s = try ViewerFixture.session()
        ViewerFixture.enter(&s, at: "/", "TUN_FREE")
        #expect(s.history.cursor == 9, "set_data_destructor(a, tun_free): case-insensitive, in the call's text")
        #expect(s.status == nil && s.prompt == nil && s.lastSearch == "TUN_FREE")
        ViewerFixture.enter(&s, at: "/", "")
        #expect(s.history.cursor > 9)
        let p = s.history.position, step = s.shownSteps[p.step - 1]
        #expect(step.text.contains("tun_free") || step.outcomes.contains { $0.line.contains("tun_free") }
            || (p.step == 1 && s.calls[p.call - 1].notes.texts(under: .origChain).contains { $0.contains("tun_free") }))
    }

    @Test func wrapsWithAMessageAndSaysWhenNothingMatches() throws {
        var s = try ViewerFixture.session()
        _ = s.apply(.lastStep)
        ViewerFixture.enter(&s, at: "/", "alloc_skb")
        #expect(s.history.cursor == 1)
        #expect(s.status == "'alloc_skb': from the top again")
        ViewerFixture.enter(&s, at: "/", "zzz")
        #expect(s.history.cursor == 1)
        #expect(s.status == "'zzz' not found in the walk")
    }

    @Test func searchesEventsAndNotes() throws {
        var s = try ViewerFixture.session()
        let events = WalkSearch.next("free_head", in: s.history, calls: s.calls, design: .origChain, after: 0)
        guard case .found(let step) = events else { Issue.record("\(events)"); return }
        #expect(s.history.outcomes(ofStep: step).contains { $0.line.contains("free_head") })
        let note = try #require(s.calls[0].notes.texts(under: .origChain).first)
        #expect(WalkSearch.next(String(note.suffix(12)), in: s.history, calls: s.calls, design: .origChain, after: 0) == .found(step: 1))
        ViewerFixture.enter(&s, at: "/", "")
        #expect(s.status == "no search yet: type what to look for after /")
    }

    /// The line under a data destructor (`other designs: …`) is searched as the steps pane shows it.
    @Test func searchesWhenTheOtherDesignsFireIt() throws {
        var s = try ViewerFixture.session()
        _ = s.apply(.nextDataDestructor)
        let firing = s.history.cursor
        _ = s.apply(.firstStep)
        ViewerFixture.enter(&s, at: "/", "naive: call 9 (premature)")
        #expect(s.history.cursor == firing, "\(s.status ?? "")")
        #expect(s.status == nil)
    }

    /// What the steps pane lists at the end of the walk (a data destructor that never fired
    /// under this design) is searched there, on the last step.
    @Test func searchesTheEndOfTheWalk() throws {
        var s = try ViewerFixture.session(design: .vanilla)
        ViewerFixture.enter(&s, at: "/", "never fired under vanilla")
        #expect(s.history.cursor == s.history.stepCount, "\(s.status ?? "")")
        var leaks = try ViewerFixture.session(ViewerFixture.violations, file: "t.skb")
        ViewerFixture.enter(&leaks, at: "/", "end: VIOLATION leak")
        #expect(leaks.history.cursor == leaks.history.stepCount, "\(leaks.status ?? "")")
    }

    @Test func escCancels() throws {
        var s = try ViewerFixture.session()
        try ViewerFixture.press(&s, "/ a b <Esc>")
        #expect(s.prompt == nil && s.history.cursor == 0 && s.lastSearch == nil)
    }
}
