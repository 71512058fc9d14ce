import Testing
import VizModel

/// A typed call is a what-if branch: the calls after it are set aside, and `o` or undoing past
/// the typed calls brings the original walk back with every call.
@Suite struct WhatIfBranchTests {
    @Test func oBringsBackEveryOriginalCall() throws {
        var s = try ViewerFixture.session()
        let all = s.calls.map(\.text), steps = s.history.stepCount
        _ = s.apply(.firstStep, count: 20)
        ViewerFixture.enter(&s, at: ":", "kfree_skb(a)")
        #expect(s.calls.map(\.text) == Array(all.prefix(8)) + ["kfree_skb(a)"])
        #expect(s.original?.shared == 8 && s.original?.calls.map(\.text) == all)
        let header = ViewerLayout.grid(s, size: Size(width: 120, height: 40), options: ViewerFixture.noColor).lines[0]
        #expect(header.hasSuffix("orig-chain  what-if after call 8"))
        ViewerFixture.enter(&s, at: ":", "kfree_skb(b)")
        #expect(s.calls.count == 10 && s.original?.shared == 8, "a second typed call stays on the branch")
        #expect(s.handle(.character("o")) == .redraw)
        #expect(s.calls.map(\.text) == all && s.history.stepCount == steps && s.original == nil)
        #expect(s.history.cursor == 20, "at the branch point")
        #expect(s.status == "back on the original walk: its 10 calls")
        #expect(s.handle(.character("o")) == .redraw)
        #expect(s.status == "not on a what-if branch: type a call with : to make one")
    }

    @Test func undoingPastTheTypedCallsReturnsToo() throws {
        var s = try ViewerFixture.session()
        let all = s.calls.map(\.text)
        _ = s.apply(.firstStep, count: 20)
        ViewerFixture.enter(&s, at: ":", "kfree_skb(a)")
        #expect(s.history.cursor == 21)
        _ = s.apply(.nextStep)
        _ = s.apply(.previousStep)
        #expect(s.original != nil, "still on the typed call")
        _ = s.apply(.previousStep)
        #expect(s.original == nil && s.calls.map(\.text) == all && s.history.cursor == 20)
    }

    @Test func theHintBarNamesTheWayBackOnlyOnABranch() throws {
        var s = try ViewerFixture.session()
        let size = Size(width: 120, height: 40)
        #expect(!ViewerLayout.grid(s, size: size, options: ViewerFixture.noColor).lines.last!.contains("o original walk"))
        _ = s.apply(.firstStep, count: 20)
        ViewerFixture.enter(&s, at: ":", "kfree_skb(a)")
        _ = s.apply(.nextStep)
        #expect(ViewerLayout.grid(s, size: size, options: ViewerFixture.noColor).lines.last!.contains("o original walk"))
        #expect(ViewerLayout.grid(s, size: Size(width: 80, height: 24), options: ViewerFixture.noColor).lines.last!
            == " n/p step  j/k scroll  Tab pane  : try a call  o original walk  ? help  q quit")
    }
}

/// A typed call's error numbers every line it names as the log does, like its own location.
@Suite struct TypedCallNumberingTests {
    @Test func theFreeAndTheUseAreLinesOfTheLog() throws {
        var s = try ViewerFixture.session()
        _ = s.apply(.lastStep)
        ViewerFixture.enter(&s, at: ":", "kfree_skb(b)")
        let message = try #require(s.prompt?.messages.first)
        #expect(message == "36:11: error: use after free: b (s2) was freed at line 31 by kfree_skb(b)", "the file says line 32")
        let log = SessionLog(s.logSource, scenarioPath: "x.skb", tool: ("skbviz", "test")).scenario.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(log[30] == "kfree_skb(b)")
        #expect(log.count >= 35)
    }
}
