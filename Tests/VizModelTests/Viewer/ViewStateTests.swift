import Testing
import VizModel

@Suite struct ViewStateTests {
    @Test func focusCyclesBothWays() {
        var v = ViewState()
        #expect(v.focus == .objects)
        v.cycleFocus(forward: true)
        #expect(v.focus == .steps)
        v.cycleFocus(forward: false)
        v.cycleFocus(forward: false)
        #expect(v.focus == .events)
    }

    @Test func scrollIsPerPaneNeverAboveTheTopAndForgottenAtAMotion() {
        var v = ViewState()
        v.scroll(v.focus, to: -3)
        #expect(v.scroll[.objects] == 0)
        v.cycleFocus(forward: true)
        v.scroll(v.focus, to: 10)
        #expect(v.scroll == [.objects: 0, .steps: 10])
        v.followChange()
        #expect(v.scroll.isEmpty, "every pane follows the cursor again")
    }

    @Test func aCountIsTypedDigitByDigitAndTakenOnce() {
        var v = ViewState()
        let taken = [Key.character("0"), .character("4"), .character("0"), .character("n")].map { v.typeCount($0) }
        #expect(taken == [false, true, true, false], "0 alone is no count; a letter is none")
        #expect(v.count == 40)
        let count = v.takeCount()
        #expect(count == 40)
        #expect(v.count == nil)
        for _ in 0..<12 { _ = v.typeCount(.character("9")) }
        #expect(v.count == 99_999_999, "a count stops growing")
    }

    @Test func theHelpOverlayClosesFiltersAndQuitsWithItsKeys() throws {
        var v = ViewState()
        func press(_ script: String) throws -> [ViewState.HelpResult] {
            try Key.parse(script: script).map { v.handleHelp($0, keymap: .standard) }
        }
        #expect(try press("<Esc>") == [.unchanged], "no overlay open")
        v.openHelp()
        #expect(try press("n / a b ?") == [.unchanged, .changed, .changed, .changed, .changed])
        #expect(v.help == .init(filter: "ab?", isEditingFilter: true))
        #expect(try press("<BS> <Down> q <BS> <Enter>") == [.changed, .unchanged, .changed, .changed, .changed],
                "q is a letter while the filter is typed")
        #expect(v.help == .init(filter: "ab"))
        #expect(try press("/ <C-a> x <Right> <Del> <BS> <Home> <BS> <End> <Enter>") == Array(repeating: .changed, count: 7) + [.unchanged, .changed, .changed],
                "the filter is a line editor; Backspace at its start does nothing")
        #expect(v.help == .init(filter: "x"))
        #expect(try press("<BS> <BS>") == [.changed, .unchanged], "Backspace clears the filter")
        #expect(v.help == .init())
        _ = try press("/ x <Esc>")
        #expect(v.help == .init(), "Esc in the filter clears it")
        #expect(try press("q") == [.quit], "out of the filter, q quits")
        #expect(try press("<F1>") == [.changed])
        #expect(v.help == nil)
    }
}
