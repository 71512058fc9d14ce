import Testing
@testable import VizModel

/// A page is its allocation: an id from the page counter. The scenario's name is a binding,
/// which the trace and the screens use to call the page.
@Suite struct PageIdentityTests {
    @Test func theNameIsABindingThatStepsBackWithTheCall() throws {
        let program = Parser.parse("q = alloc_page()\np = alloc_page()\n", file: "t.skb")
        var runner = Runner(design: .origChain)
        _ = runner.run(program.calls[0])
        guard case .success(let steps) = runner.run(program.calls[1]) else { Issue.record("alloc_page failed"); return }
        #expect(runner.state.pages[2]?.id == 2 && runner.state.bindings["p"] == .page(2))
        #expect(runner.state.pageRef(2) == "p" && runner.state.page(named: "p")?.id == 2)
        #expect(runner.state.sortedPages.map(\.id) == [2, 1], "natural name order: p before q")
        runner.revert(steps)
        #expect(runner.state.pages[2] == nil && runner.state.bindings["p"] == nil)
        #expect(runner.state.pageNames == { var s = SkbState(); s.bind("q", to: .page(1)); return s.pageNames }())
    }

    /// A page a kernel call allocates has no scenario name: the model needs none.
    @Test func aPageWithNoScenarioName() {
        var machine = Machine(state: SkbState(), design: .origChain, call: CallSite(line: 1, text: "alloc_page()"))
        machine.begin("alloc_page()")
        let id = machine.newPage()
        let state = machine.state
        var lines: [String] = []
        TraceWriter { lines.append($0) }.state(state, op: 1)
        #expect(lines == [#"{"type":"state","op":1,"skbs":[],"data":[],"pages":[{"id":"page1","count":1}]}"#])
        #expect(Describe.page(state.pages[id]!, in: state) == "page1  count 1  held by scenario")
    }
}
