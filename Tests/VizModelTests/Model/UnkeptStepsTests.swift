import Testing
@testable import VizModel

/// A run that keeps no steps (`run --quiet` with no output file, `explore`'s closing) moves the
/// state exactly as a run that keeps them: the same states, the same failures, a failed call
/// taken back, the referrers kept.
@Suite struct UnkeptStepsTests {
    /// Runs `source` with both runners side by side, going on after a failed call, and
    /// compares them after each call.
    static func expectSame(_ source: String, design: Design, _ what: String) {
        let program = Parser.parse(source, file: "t.skb")
        var kept = Runner(design: design, texts: false)
        var unkept = Runner(design: design, texts: false, keepsSteps: false)
        for statement in program.calls {
            let before = unkept.state
            let a = kept.run(statement), b = unkept.run(statement)
            switch (a, b) {
            case (.success, .success(let steps)):
                #expect(steps.isEmpty, "\(what) line \(statement.line): no step kept")
            case (.failure(let x), .failure(let y)):
                #expect(x == y, "\(what) line \(statement.line)")
                #expect(unkept.state == before, "\(what) line \(statement.line) changed the state though it failed")
            default:
                Issue.record("\(what) line \(statement.line): \(a) but \(b)")
            }
            #expect(kept.state == unkept.state, "\(what) line \(statement.line)")
            ReferrersTests.expectFollowed(unkept.state, "\(what) line \(statement.line)")
        }
    }

    @Test(arguments: Design.allCases, [UInt64(7), 99])
    func generatedScenarios(design: Design, seed: UInt64) {
        var g = ScenarioGenerator(seed: seed, design: design)
        Self.expectSame(g.scenario(calls: 300), design: design, "seed \(seed)")
    }

    @Test(arguments: Design.allCases)
    func everyDemo(design: Design) {
        for demo in DemoCatalog.all { Self.expectSame(demo.source, design: design, demo.name) }
    }

    /// Calls that fail after changing objects (a nested call's allocations, a zero-copy
    /// refusal) are taken back from what the machine remembered.
    @Test func failedCallsAreTakenBack() {
        Self.expectSame(src(
            "a = alloc_skb(100)", "skb_put(a, 20)", "m = alloc_skb(100)", "skb_put(m, 50)", "skb_get(m)",
            "skb_frag_list_add(a, m)", "b = skb_clone(a)", "skb_get(a)", "pskb_trim(a, 30)", "kfree_skb(a)",
            "pskb_trim(a, 30)", "z = alloc_skb(1)"), design: .origChain, "nested")
        Self.expectSame(src(
            "a = alloc_skb(128)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 100)",
            "set_data_destructor(a, vhost_zerocopy_callback)", "skb_get(a)",
            "b = skb_clone(a)", "c = pskb_copy(a)", "skb_orphan_frags(a)", "set_data_destructor(a, sock_zerocopy_callback)",
            "x = alloc_skb(128)", "p2 = alloc_page()", "skb_add_rx_frag(x, 0, p2, 0, 100)", "y = skb_clone(x)",
            "set_data_destructor(x, tun_free)", "pskb_expand_head(x, 0, 0)", "z = skb_clone(x)", "g = skb_segment(x, 50, 0)",
            "k1 = alloc_page()"), design: .msgZerocopy2017, "zero-copy refusals")
    }

    /// Linearizing a long `frag_list` changes its buffer once per member; a machine that keeps
    /// no steps remembers the buffer once, so it stays small, and a failure still takes it back.
    @Test func aLongUnlinkIsRememberedOnce() {
        var lines = ["a = alloc_skb(64)"]
        for i in 0..<300 { lines += ["m\(i) = alloc_skb(64)", "skb_put(m\(i), 10)", "skb_frag_list_add(a, m\(i))"] }
        lines += ["skb_linearize(a)", "kfree_skb(a)"]
        Self.expectSame(lines.joined(separator: "\n"), design: .origChain, "linearize")
    }
}
