import Testing
@testable import VizModel

/// A `frag_list` nested 10,000 deep, through every call that walks one: each runs to the end
/// in the kernel's order, with the nested calls' steps as deep as the nesting.
@Suite struct DeepListTests {
    static let depth = 10_000

    /// `x0` … `x9999`, 10 bytes each, each on the next one's `frag_list`; then `tail`.
    static func deep(_ tail: String...) -> String {
        var lines = ["x0 = alloc_skb(64)", "skb_put(x0, 10)"]
        for i in 1..<depth {
            lines += ["x\(i) = alloc_skb(64)", "skb_put(x\(i), 10)", "skb_frag_list_add(x\(i), x\(i - 1))"]
        }
        return (lines + tail).joined(separator: "\n") + "\n"
    }

    /// The calls after the list is built, with their steps, and the final state (states
    /// in between are not kept: ten thousand of them would not fit).
    static func runTail(_ source: String) -> (records: [CallRecord], state: SkbState, completed: Bool) {
        let program = Parser.parse(source, file: "deep.skb")
        let built = 3 * depth - 1
        var records: [CallRecord] = []
        let outcome = ScenarioRun.execute(program, design: .origChain, texts: false) { record, _ in
            if record.op > built { records.append(record) }
        }
        if case .completed(let state) = outcome { return (records, state, true) }
        return (records, SkbState(), false)
    }

    static var top: String { "x\(depth - 1)" }
    static var total: Int { 10 * depth }

    static func events(_ record: CallRecord) -> [String] { record.steps.flatMap(\.events).map(\.summary) }

    @Test func kfreeSkbFreesEveryLevelDeepestFirst() {
        let r = Self.runTail(Self.deep("kfree_skb(\(Self.top))"))
        #expect(r.completed)
        #expect(r.state.skbs.isEmpty && r.state.data.isEmpty)
        let steps = r.records[0].steps
        // kfree_skb, skb_release_data, skb_drop_fraglist (not on x0), kfree head, kfree_skbmem.
        #expect(steps.count == 5 * Self.depth - 1)
        #expect(steps.map(\.depth).max() == Self.depth - 1)
        let events = Self.events(r.records[0])
        #expect(events.prefix(2) == ["free_head d1", "free_skb s1"])
        #expect(events.suffix(2) == ["free_head d\(Self.depth)", "free_skb s\(Self.depth)"])
        #expect(events.count == 2 * Self.depth)
        #expect(r.records[0].steps.flatMap(\.violations) == [])
    }

    @Test func skbCopyReadsEveryLevel() {
        let r = Self.runTail(Self.deep("c = skb_copy(\(Self.top))", "kfree_skb(c)", "kfree_skb(\(Self.top))"))
        #expect(r.completed)
        #expect(r.records[0].steps.flatMap(\.violations) == [])
        #expect(Self.events(r.records[2]).count == 2 * Self.depth)
    }

    @Test func pskbCopySharesTheListAndBothFree() {
        let r = Self.runTail(Self.deep("c = pskb_copy(\(Self.top))", "kfree_skb(\(Self.top))", "kfree_skb(c)"))
        #expect(r.completed)
        #expect(Self.events(r.records[1]) == ["free_head d\(Self.depth)", "free_skb s\(Self.depth)"])
        #expect(Self.events(r.records[2]).count == 2 * Self.depth)
        #expect(r.state.skbs.isEmpty && r.state.data.isEmpty)
    }

    @Test func skbLinearizeEatsTheMemberWhole() {
        let r = Self.runTail(Self.deep("skb_linearize(\(Self.top))"))
        #expect(r.completed)
        let s = r.state.skbs[Self.depth]
        #expect(s?.len == Self.total && s?.dataLen == 0 && s?.headlen == Self.total)
        #expect(r.state.skbs.count == 1 && r.state.data.count == 1)
        #expect(r.records[0].steps.flatMap(\.violations) == [])
    }

    @Test func pskbPullGoesDownToTheLastLevel() {
        let r = Self.runTail(Self.deep("pskb_pull(\(Self.top), \(Self.total - 1))", "kfree_skb(\(Self.top))"))
        #expect(r.completed)
        // Each level pulls all but the last byte of its member: a pull nested in a pull tail.
        #expect(r.records[0].steps.map(\.depth).max() == 2 * (Self.depth - 1))
        #expect(r.records[0].steps.flatMap(\.violations) == [])
        #expect(r.state.skbs.isEmpty && r.state.data.isEmpty)
    }

    @Test func pskbTrimGoesDownToTheLastLevel() {
        let r = Self.runTail(Self.deep("pskb_trim(\(Self.top), \(Self.total - 1))"))
        #expect(r.completed)
        #expect(r.records[0].steps.map(\.depth).max() == Self.depth - 1)
        #expect(r.state.skbs[1]?.len == 9)
        #expect(r.state.skbs[Self.depth]?.len == Self.total - 1)
        #expect(r.records[0].steps.flatMap(\.violations) == [])
    }
}
