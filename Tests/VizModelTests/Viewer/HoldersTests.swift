import Foundation
import Testing
@testable import VizModel

/// Issue 10's "why not yet": who holds each of a buffer's references, what a data destructor
/// waits for, and the in-between states a call really has (never one it does not).
@Suite struct HoldersTests {
    static let cases = DemoCatalog.all.flatMap { demo in Design.allCases.map { (demo.name, $0) } }

    /// Every step of every demo under every design: the holders add up to both halves of
    /// `dataref` (what is left over is the running call's, and only while a call runs), no skb
    /// points at `d0`, and every `len` breakdown adds up.
    @Test(arguments: cases)
    func everyStepOfEveryDemoIsPossible(name: String, design: Design) throws {
        let demo = try #require(DemoCatalog.named(name))
        try Self.everyStepIsPossible(demo.source, file: "demos/\(name).skb", design: design, screens: true)
    }

    /// The same over generated scenarios, which reach what no demo does (lists of clones,
    /// splits, copies on their own lists), without drawing every screen.
    @Test(arguments: Design.allCases, [UInt64(7), 99])
    func everyStepOfAGeneratedScenarioAddsUp(design: Design, seed: UInt64) throws {
        var g = ScenarioGenerator(seed: seed, design: design)
        try Self.everyStepIsPossible(g.scenario(calls: 120), file: "gen.skb", design: design, screens: false)
    }

    static func everyStepIsPossible(_ source: String, file name: String, design: Design, screens: Bool) throws {
        var session = try ViewerFixture.session(source, file: name, design: design)
        _ = session.apply(.firstStep)
        var visited = 0
        repeat {
            visited += 1
            let h = session.history, p = h.position
            let step = p.step > 0 && p.step <= session.shownSteps.count ? session.shownSteps[p.step - 1] : nil
            let running = p.step > 0 && p.step < h.stepCount(ofCall: p.call)
            let freed = StepMarks(step: step, state: h.state).freedData
            let at = "\(name) under \(design.rawValue), call \(p.call) step \(p.step)"
            for b in h.state.sortedData {
                guard let holders = DatarefHolders(of: b, in: h.state, freed: freed, callRunning: running) else { continue }
                for case .rest(let count, let payload, _) in holders.holders {
                    #expect(count >= 0 && payload >= 0 && count >= payload, "\(at): \(b.ref) \(holders.text)")
                    #expect(running, "\(at): \(b.ref) \(holders.text) at a call's end")
                }
            }
            for s in h.state.sortedSkbs {
                let text = Describe.length(of: s, in: h.state)
                if let parts = text.split(separator: "=").last, text.contains(" = ") {
                    let sum = parts.split(separator: "+").compactMap { Int($0.split(separator: " ").first ?? "") }.reduce(0, +)
                    #expect(sum == s.len, "\(at): \(text)")
                }
            }
            if screens {
                let screen = ViewerLayout.grid(session, size: Size(width: 200, height: 80), options: ViewerFixture.noColor).lines
                #expect(!screen.contains { $0.range(of: #"\bd0\b"#, options: .regularExpression) != nil }, "\(at): no buffer d0")
            }
            let before = h.cursor
            _ = session.apply(.nextStep)
            if session.history.cursor == before { break }
        } while true
        #expect(visited == session.history.stepCount + 1, "the walk from step 0 to its end")
    }

    // MARK: expand (model.md §6), step by step

    /// The holders of d1 through `pskb_expand_head` and the two `kfree_skb`s under orig-chain:
    /// what tun_free waits for, the orig reference that stays pending one step after its child
    /// is freed, and the skb whose reference is released before its head moves.
    @Test func expandUnderOrigChain() throws {
        let demo = try #require(DemoCatalog.named("expand"))
        var session = try ViewerFixture.session(demo.source, file: "demos/expand.skb", design: .origChain)
        func at(_ call: Int, _ step: Int) -> (SkbState, [DataBuffer], Bool) {
            session.go(to: session.history.start(ofCall: call) + step)
            let s = session.shownSteps[step - 1]
            return (session.history.state, StepMarks(step: s, state: session.history.state).freedData,
                    step < session.history.stepCount(ofCall: call))
        }
        func holders(_ call: Int, _ step: Int, _ data: Int) -> String? {
            let (state, freed, running) = at(call, step)
            return state.data[data].flatMap { DatarefHolders(of: $0, in: state, freed: freed, callRunning: running)?.text }
        }
        func waits(_ call: Int, _ step: Int, _ data: Int) -> String? {
            let (state, freed, running) = at(call, step)
            return state.data[data].flatMap { Describe.waits($0, holders: DatarefHolders(of: $0, in: state, freed: freed, callRunning: running)) }
        }
        #expect(holders(7, 3, 1) == "held by a (full), b (full)")
        #expect(waits(7, 3, 1) == "tun_free waits for a, b")
        // pskb_expand_head: d2 is kmalloc'd, memcpy'd, then referenced step by step.
        #expect(holders(8, 1, 2) == nil)
        #expect(Describe.datarefLine(of: at(8, 1).0.data[2]!) == "(not initialised: just kmalloc'd)")
        #expect(Describe.datarefLine(of: at(8, 3).0.data[2]!) == "dataref 0x00000002 (copied, not a reference)")
        #expect(holders(8, 5, 1) == "held by a (full), b (full), d2 via orig (payload)")
        #expect(holders(8, 6, 1) == "held by b (full), d2 via orig (payload)")
        #expect(Describe.head(of: at(8, 6).0.skbs[1]!, in: at(8, 6).0, arrow: "->") == "-> d1 (released)")
        #expect(Describe.head(of: at(8, 7).0.skbs[1]!, in: at(8, 7).0, arrow: "->") == "-> d2")
        #expect(Describe.datarefLine(of: at(8, 7).0.data[2]!) == "dataref 0x00000002 (copied, not a reference)")
        #expect(holders(8, 8, 2) == "held by a (full)")
        #expect(Describe.predicatesText(of: at(8, 8).0.skbs[2]!, in: at(8, 8).0) == " (skb_cloned() 1, skb_header_cloned() 0)")
        // kfree_skb(b): d1 keeps d2's payload reference, so tun_free waits for d2, and through it for a.
        #expect(holders(9, 3, 1) == "held by d2 via orig (payload)")
        #expect(waits(9, 3, 1) == "tun_free waits for d2 (and through it for a)")
        // kfree_skb(a): d2 freed at step 4; its orig reference is pending until step 5 drops it.
        #expect(holders(10, 2, 2) == nil)
        #expect(Describe.head(of: at(10, 4).0.skbs[1]!, in: at(10, 4).0, arrow: "->") == "-> d2 (freed)")
        #expect(holders(10, 4, 1) == "held by d2 via orig (payload; d2 is freed, pending: shinfo_put drops it next)")
        #expect(Describe.datarefLine(of: at(10, 5).0.data[1]!).hasPrefix("dataref 0x00000000 (released: "))
    }

    /// Under naive, nothing holds d1 for d2's pages: tun_free waits for b alone.
    @Test func expandUnderNaive() throws {
        let demo = try #require(DemoCatalog.named("expand"))
        var session = try ViewerFixture.session(demo.source, file: "demos/expand.skb", design: .naive)
        session.go(to: session.history.end(ofCall: 8))
        let state = session.history.state
        let h = DatarefHolders(of: state.data[1]!, in: state, callRunning: false)
        #expect(h?.text == "held by b (full)")
        #expect(Describe.waits(state.data[1]!, holders: h) == "tun_free waits for b")
        #expect(Describe.origLine(of: state.data[2]!, in: state) == nil)
    }

    /// A holder that is a buffer (a child through `orig`) is not what a reviewer frees: the
    /// line also names the skbs behind it, down the `orig` chain, so that the skbs whose
    /// release fires the destructor are named where it says what it waits for.
    @Test func waitsForNamesTheSkbsBehindOrigHolders() throws {
        let expand = run(try #require(DemoCatalog.named("expand")).source, design: .origChain).state(9)
        #expect(Describe.waits(expand.data[1]!, holders: DatarefHolders(of: expand.data[1]!, in: expand, callRunning: false))
                == "tun_free waits for d2 (and through it for a)")
        let tx = run(try #require(DemoCatalog.named("zerocopy-tx")).source, design: .origChain).state(16)
        #expect(Describe.waits(tx.data[1]!, holders: DatarefHolders(of: tx.data[1]!, in: tx, callRunning: false))
                == "zc_done waits for g, c, d2, d3, d4 (and through them for segs[0], segs[1], segs[2])")
        let naive = run(try #require(DemoCatalog.named("expand")).source, design: .naive).state(8)
        #expect(Describe.waits(naive.data[1]!, holders: DatarefHolders(of: naive.data[1]!, in: naive, callRunning: false))
                == "tun_free waits for b")
    }

    /// A reference that nobody holds after the call (explore's leak-lost at `skb_split`) comes
    /// last, said as such, so that "through it" still names the `orig` holder before it.
    @Test func waitsForSaysALeakedReferenceLast() throws {
        let r = run(src("x1 = alloc_skb(64)", "p1 = alloc_page()", "set_data_destructor(x1, tun_free)", "g1 = skb_segment(x1, 1, 0)",
                        "skb_add_rx_frag(x1, 0, p1, 0, 100)", "skb_split(x1, g1[0], 1)"), design: .origChain).state(6)
        #expect(Describe.waits(r.data[1]!, holders: DatarefHolders(of: r.data[1]!, in: r, callRunning: false))
                == "tun_free waits for x1, d2 (and through it for g1[0]), and 1 reference nobody holds (leaked)")
        let lost = run(src("x1 = alloc_skb(64)", "p1 = alloc_page()", "set_data_destructor(x1, tun_free)", "g1 = skb_segment(x1, 1, 0)",
                           "skb_add_rx_frag(x1, 0, p1, 0, 100)", "skb_split(x1, g1[0], 1)", "kfree_skb(x1)", "kfree_skb(g1[0])"),
                       design: .origChain).state(8)
        #expect(Describe.waits(lost.data[1]!, holders: DatarefHolders(of: lost.data[1]!, in: lost, callRunning: false))
                == "tun_free waits for 1 reference nobody holds (leaked)")
    }

    /// An skb held by a `frag_list` names the buffer whose list it is, and both lists once
    /// `pskb_copy` shares it (`skb_clone_fraglist`); the link the running `skb_drop_list`
    /// holds is the call's.
    @Test func aListMemberNamesTheBuffersWhoseListsHoldIt() throws {
        let r = run(src("a = alloc_skb(10)", "m = alloc_skb(10)", "skb_frag_list_add(a, m)", "c = pskb_copy(a)", "kfree_skb(c)"),
                    design: .origChain)
        let m = { (state: SkbState) in try #require(state.sortedSkbs.first { $0.name == "m" }) }
        let listed = r.state(3), shared = r.state(4), dropped = r.state(5)
        #expect(Describe.holders(of: try m(listed), in: listed) == "held by d1's frag_list")
        #expect(Describe.holders(of: try m(shared), in: shared) == "held by the frag_lists of d1 and d3")
        #expect(Describe.holders(of: try m(dropped), in: dropped) == "held by d1's frag_list")
        #expect(Describe.skb(try m(shared), in: shared).contains("held by the frag_lists of d1 and d3  -> d2"))
        // A state the model never makes, whose lists do not account for the links: only how many.
        var unowned = shared
        unowned.data[3]!.fragListOwned = false
        #expect(Describe.holders(of: try m(unowned), in: unowned) == "held by 2 frag_lists")
    }

    // MARK: The other demos

    /// A payload-only holder, and `len` split between the frags and the frag_list.
    @Test func aPayloadOnlyHolderAndAFragListLength() throws {
        let r = run(src(
            "a = alloc_skb(100)", "skb_put(a, 20)", "t = alloc_skb(100)", "skb_put(t, 30)",
            "skb_frag_list_add(a, t)", "p = alloc_page()", "skb_add_rx_frag(a, 0, p, 0, 100)",
            "b = skb_clone(a)", "skb_header_release(b)"), design: .origChain)
        let state = r.state(9)
        let a = state.skbs[1]!, b = try #require(state.sortedSkbs.first { $0.name == "b" })
        #expect(Describe.length(of: a, in: state) == "len 150 = 20 linear + 100 in frags + 30 in frag_list")
        #expect(DatarefHolders(of: state.data[a.data]!, in: state, callRunning: false)?.text == "held by a (full), b (payload, nohdr)")
        #expect(Describe.predicatesText(of: b, in: state) == " (skb_cloned() 1, skb_header_cloned() 0)")
        #expect(Describe.predicatesText(of: a, in: state) == " (skb_cloned() 1, skb_header_cloned() 0)")
    }

    /// The fast-clone pair's memory outlives its orig struct.
    @Test func theFcloneOrigGoesFirstAndThePairStays() throws {
        let demo = try #require(DemoCatalog.named("fclone"))
        let r = run(demo.source, design: .origChain)
        let program = Parser.parse(demo.source, file: "demos/fclone.skb")
        let call = try #require(program.calls.firstIndex { $0.text == "kfree_skb(a)" }) + 1
        let state = r.state(call)
        let d = try #require(state.sortedSkbs.first { $0.name == "d" })
        #expect(Describe.fclone(of: d, in: state) == "fclone clone (s1 released; pair kept, fclone_ref 1)")
    }

    // MARK: Lineage

    /// Where each frag slot came from, as the run leaves it and as the history gives it back
    /// after stepping back and forth: skb_segment copies with get_page, skb_split moves all
    /// but the frag straddling the cut.
    @Test func eachSlotSaysWhereItCameFrom() throws {
        for (name, call, data, expected) in [
            ("segment", "segs = skb_segment(g, 1448, 54)", 3,
             ["<- d1.frags[0] (get_page, skb_segment)", "<- d1.frags[1] (get_page, skb_segment)"]),
            ("split", "skb_split(a, t, 100)", 2, ["<- d1.frags[0] (moved, skb_split)"]),
        ] {
            let demo = try #require(DemoCatalog.named(name))
            let program = Parser.parse(demo.source, file: "demos/\(name).skb")
            let op = try #require(program.calls.firstIndex { $0.text == call }) + 1
            let direct = run(demo.source, design: .origChain).state(op)
            #expect(direct.data[data]?.frags.compactMap { Describe.lineage(of: $0) } == expected, "\(name)")
            var session = try ViewerFixture.session(demo.source, file: "demos/\(name).skb", design: .origChain)
            _ = session.apply(.lastStep)
            session.go(to: session.history.end(ofCall: op))
            #expect(session.history.state.data[data]?.frags.compactMap { Describe.lineage(of: $0) } == expected, "\(name), from the history")
        }
        let split = try #require(DemoCatalog.named("split"))
        let r = run(split.source, design: .origChain)
        let program = Parser.parse(split.source, file: "demos/split.skb")
        let op = try #require(program.calls.firstIndex { $0.text.hasPrefix("skb_split(b, t2") }) + 1
        let t2 = try #require(r.state(op).sortedSkbs.first { $0.name == "t2" })
        #expect(r.state(op).data[t2.data]?.frags.compactMap { Describe.lineage(of: $0) }
                == ["<- d3.frags[0] (get_page, skb_split)", "<- d3.frags[1] (moved, skb_split)"])
    }

    /// A lineage longer than two hand-ons says how many more there are.
    @Test func aLongLineageIsCut() {
        var f = Frag(page: 1, off: 0, size: 10)
        for d in 1...4 { f.lineage.append(d, Lineage.Handoff(slot: 0, moved: false, call: .pskbExpandHead)) }
        #expect(Describe.lineage(of: f) == "<- d4.frags[0] (get_page, pskb_expand_head) <- d3.frags[0] (get_page, pskb_expand_head) <- ... (2 more)")
        #expect(Describe.lineage(of: f, arrow: "←", ellipsis: "…") == "← d4.frags[0] (get_page, pskb_expand_head) ← d3.frags[0] (get_page, pskb_expand_head) ← … (2 more)")
    }

    /// At a premature destructor the slots it names say so, and whether the frag was copied
    /// (get_page) or moved (skb_split) out of the buffer whose destructor fired.
    @Test func thePrematureSlotsAreMarkedWithHowTheyLeft() throws {
        let text = try Self.screenAtFirstViolation("split", design: .naive, height: 50)
        #expect(text.contains("↑ premature_destructor: d3's data destructor fired; this slot still holds its page, copied out of it by skb_split"))
        #expect(text.contains("↑ premature_destructor: d3's data destructor fired; this slot still holds its page, moved out of it by skb_split"))
    }

    /// A premature completion (3.1's segment hole) marks the slots it names the same way:
    /// each segment's slot that still holds the guest's page after u1's callback ran.
    @Test func thePrematureCompletionSlotsAreMarkedToo() throws {
        let text = try Self.screenAtFirstViolation("ubuf-segment-hole", design: .ubuf2011, height: 80)
        let note = "↑ premature_completion: u1's callback ran; this slot still holds its user page, copied out of d1 by skb_segment"
        #expect(text.components(separatedBy: note).count - 1 == 3)
    }

    /// The 160-column screen of a demo at its first violation (`v`), its lines joined without
    /// their borders, so that a wrapped note reads as one text.
    private static func screenAtFirstViolation(_ demo: String, design: Design, height: Int) throws -> String {
        let source = try #require(DemoCatalog.named(demo)).source
        var session = try ViewerFixture.session(source, file: "demos/\(demo).skb", design: design)
        try ViewerFixture.press(&session, "v")
        return ViewerLayout.grid(session, size: Size(width: 160, height: height), options: ViewerFixture.noColor).lines
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }.joined(separator: " ")
    }
}
