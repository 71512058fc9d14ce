import Testing
@testable import VizModel

/// Every written counterexample runs with the model to its end and shows its class at its
/// last call; its calls before the last one, closed, leave nothing allocated (spec §9).
struct CounterexampleTests {
    /// The classes each design finds up to depth 5, with their files.
    static let searched: [Design: ExploreResult] = Dictionary(uniqueKeysWithValues: Design.allCases.map { d in
        var explorer = Explorer(options: ExploreOptions(design: d, depth: 5))
        return (d, explorer.run())
    })

    @Test(arguments: Design.allCases)
    func everyFileShowsItsClass(design: Design) throws {
        let result = Self.searched[design]!
        for (c, path) in result.found {
            let example = Counterexample(design: design, exploreClass: c, path: path)
            #expect(example.length == path.count)
            let program = Parser.parse(example.text, file: c.fileName)
            #expect(program.errors.isEmpty, "\(c.fileName): \(program.errors)")
            #expect(program.design == design)
            #expect(program.calls.count == example.length + example.closing.count)
            var premature: [Int] = [], shown: [Int] = []
            var prefixState: SkbState?
            let outcome = ScenarioRun.execute(program, design: design, texts: false) { record, state in
                if record.steps.contains(where: { $0.violations.contains { $0.kind == .prematureDestructor } }) {
                    premature.append(record.op)
                }
                if record.steps.contains(where: { $0.violations.contains { $0.kind.rawValue == c.kind.rawValue } }) {
                    shown.append(record.op)
                }
                if record.op == example.length - 1 { prefixState = state }
            }
            guard case .completed(let end) = outcome else {
                Issue.record("\(c.fileName) did not run to its end: \(outcome)")
                continue
            }
            switch c.kind {
            case .prematureDestructor: #expect(premature.first == example.length, "\(c.fileName)")
            case .leakCycle, .leakLost: #expect(!Checker.leaks(in: end).isEmpty, "\(c.fileName)")
            case .invariant: Issue.record("an invariant class is a model bug: \(c.fileName)")
            case .prematureCompletion, .doubleCompletion, .orphanIncomplete, .kernelWarn:
                #expect(shown.first == example.length, "\(c.fileName)")
            }
            let closed = ExploreJudge.closed(prefixState ?? SkbState(), design: design)
            #expect(closed.skbs.isEmpty && closed.data.isEmpty && closed.pages.isEmpty && closed.listedUbufs.isEmpty, "\(c.fileName)")
            #expect(example.text.hasPrefix(example.header + "\n"))
        }
    }

    @Test func classesUpToDepthFive() {
        #expect(Self.searched[.vanilla]!.found.isEmpty)
        #expect(Set(Self.searched[.origChain]!.found.keys.map(\.fileName)) == ["leak-cycle-skb_frag_list_add.skb"])
        #expect(Set(Self.searched[.naive]!.found.keys.map(\.fileName))
                == ["premature_destructor-pskb_expand_head.skb", "premature_destructor-skb_linearize.skb"])
    }

    /// Under the zero-copy designs (spec §12), depth 5 finds 3.1's completion run twice (an
    /// attach to a buffer a clone shares, then a cloned expand without frags) and 4.14.0's
    /// B-nofrag (a receive that returns success while the object stays).
    @Test func zerocopyClassesUpToDepthFive() throws {
        #expect(Set(Self.searched[.ubuf2011]!.found.keys.map(\.fileName))
                == ["double_completion-kfree_skb.skb", "double_completion-skb_clone.skb"])
        #expect(Set(Self.searched[.msgZerocopy2017]!.found.keys.map(\.fileName)) == ["orphan_incomplete-skb_orphan_frags_rx.skb"])
        let c = ExploreClass(kind: .orphanIncomplete, call: .skbOrphanFragsRx)
        let example = Counterexample(design: .msgZerocopy2017, exploreClass: c,
                                     path: try #require(Self.searched[.msgZerocopy2017]!.found[c]))
        #expect(example.header == "# explore: design=msg-zerocopy-2017 kind=orphan_incomplete call=skb_orphan_frags_rx length=3")
        #expect(example.calls == ["x1 = alloc_skb(64)", "set_data_destructor(x1, sock_zerocopy_callback)", "skb_orphan_frags_rx(x1)"])
        let twice = ExploreClass(kind: .doubleCompletion, call: .kfreeSkb)
        let ubuf = Counterexample(design: .ubuf2011, exploreClass: twice, path: try #require(Self.searched[.ubuf2011]!.found[twice]))
        #expect(ubuf.calls == ["x1 = alloc_skb(64)", "x2 = skb_clone(x1)", "set_data_destructor(x1, tun_free)",
                               "pskb_expand_head(x1, 0, 0)", "kfree_skb(x1)"])
        #expect(ubuf.text.contains("It relies on API use that 3.1's callers never make: set_data_destructor on x1 after a copy or clone already shares its data (macvtap sets it as it builds the skb)."))
    }

    /// The file of spec §9's example, call lines byte for byte.
    @Test func theCycleOfTheSpecExample() {
        let path = Self.searched[.origChain]!.found[ExploreClass(kind: .leakCycle, call: .skbFragListAdd)]!
        let example = Counterexample(design: .origChain, exploreClass: ExploreClass(kind: .leakCycle, call: .skbFragListAdd), path: path)
        #expect(example.header == "# explore: design=orig-chain kind=leak shape=cycle call=skb_frag_list_add length=4")
        #expect(example.calls == ["x1 = alloc_skb(64)", "set_data_destructor(x1, tun_free)", "g1 = skb_segment(x1, 1, 0)",
                                  "skb_frag_list_add(x1, g1[0])"])
        #expect(example.closing == ["kfree_skb(x1)"])
        #expect(example.text.contains("d2.orig = d1"))
        #expect(example.text.contains("It relies on API use that 2.6.28's callers never make: skb_frag_list_add of a held skb onto another"))
    }

    /// The demo `explore-naive` is the search's file with notes by hand: the same call lines.
    @Test func theNaiveDemoIsTheSearchsFile() throws {
        let c = ExploreClass(kind: .prematureDestructor, call: .skbLinearize)
        let example = Counterexample(design: .naive, exploreClass: c, path: try #require(Self.searched[.naive]!.found[c]))
        let demo = Parser.parse(try #require(DemoCatalog.named("explore-naive")).source, file: "explore-naive.skb")
        #expect(demo.calls.map(\.text) == example.calls + example.closing)
    }

    /// The note before a premature destructor's call says "reference", not "payload
    /// reference": here x1 is not cloned, so `skb_release_data` frees d1 as its only user, and
    /// naive has no payload references at all.
    @Test func thePrematureNoteNamesTheReferenceRightly() throws {
        let c = ExploreClass(kind: .prematureDestructor, call: .skbLinearize)
        let example = Counterexample(design: .naive, exploreClass: c, path: try #require(Self.searched[.naive]!.found[c]))
        #expect(example.text.contains("note \"the last reference to d1 (the head of x1 (s1)) is released, so its data destructor tun_free fires, while d2 (the head of x1 (s1)) still holds page p1 copied out of d1"))
        #expect(!example.text.contains("payload"))
    }

    /// The path of letters that writes `calls`, found letter by letter.
    static func path(of calls: [String], design: Design, exploreClass: ExploreClass) throws -> [Int] {
        var path: [Int] = []
        for (n, call) in calls.enumerated() {
            var state = SkbState()
            _ = ScenarioRun.execute(Parser.parse(calls.prefix(n).joined(separator: "\n"), file: "p.skb"), design: design,
                                    texts: false) { _, s in state = s }
            let count = ExploreLetter.letters(of: state, design: design).count
            path.append(try #require((0..<count).first {
                Counterexample(design: design, exploreClass: exploreClass, path: path + [$0]).calls.last == call
            }, "no letter writes \(call)"))
        }
        return path
    }

    /// Depth 9's `__pskb_pull_tail` file: the pull frees d1 while two buffers hold p1; the note
    /// says so once, naming both, where it repeated its sentence for each holder.
    @Test func thePrematureNoteNamesEveryHolderOnce() throws {
        let c = ExploreClass(kind: .prematureDestructor, call: .pskbPullTail)
        let calls = ["x1 = alloc_skb(64)", "p1 = alloc_page()", "skb_add_rx_frag(x1, 0, p1, 0, 100)", "g1 = skb_segment(x1, 99, 0)",
                     "set_data_destructor(x1, tun_free)", "pskb_trim(x1, 0)", "skb_frag_list_add(g1[1], x1)",
                     "skb_frag_list_add(g1[1], g1[0])", "__pskb_pull_tail(g1[1], 2)"]
        let example = Counterexample(design: .origChain, exploreClass: c,
                                     path: try Self.path(of: calls, design: .origChain, exploreClass: c))
        #expect(example.calls == calls)
        #expect(example.text.contains("note \"the last reference to d1 (the head of x1 (s1)) is released, so its data destructor "
            + "tun_free fires, while d4 (the head of g1[1] (s3)) and d5 (the head of g1[0] (s2)) still hold page p1 copied out "
            + "of d1: the user pages are still in flight\"\n__pskb_pull_tail(g1[1], 2)"))
    }

    /// A completion class's note says which callback runs in the last call and through which
    /// kernel function, from a run of the file's calls: what still holds the user pages (3.1's
    /// segment hole), or when it ran before (a second completion).
    @Test func theCompletionNotesSayWhenAndThroughWhatTheCallbackRan() throws {
        let hole = ExploreClass(kind: .prematureCompletion, call: .kfreeSkb)
        let calls = ["x1 = alloc_skb(64)", "p1 = alloc_page()", "skb_add_rx_frag(x1, 0, p1, 0, 100)",
                     "set_data_destructor(x1, tun_free)", "g1 = skb_segment(x1, 99, 0)", "kfree_skb(x1)"]
        let segment = Counterexample(design: .ubuf2011, exploreClass: hole,
                                     path: try Self.path(of: calls, design: .ubuf2011, exploreClass: hole))
        #expect(segment.text.contains("note \"u1's callback tun_free runs in this call (skb_release_data) while d2 and d3 "
            + "still hold page p1 with its user data\"\nkfree_skb(x1)"))
        let twice = ExploreClass(kind: .doubleCompletion, call: .skbClone)
        let clone = Counterexample(design: .ubuf2011, exploreClass: twice, path: try #require(Self.searched[.ubuf2011]!.found[twice]))
        #expect(clone.text.contains("note \"u1's callback tun_free has run before, at call 4, pskb_expand_head(x1, 0, 0) "
            + "(skb_copy_ubufs), and runs again in this call (skb_copy_ubufs)\"\nx3 = skb_clone(x1)"))
    }

    /// Merging only identical states, or none, finds the same classes by the same paths.
    @Test(arguments: [ExploreDedup.concrete, .none])
    func dedupDoesNotChangeTheFiles(dedup: ExploreDedup) {
        for design in [Design.naive, .origChain] {
            var explorer = Explorer(options: ExploreOptions(design: design, depth: dedup == .none ? 4 : 5, dedup: dedup))
            var reference = Explorer(options: ExploreOptions(design: design, depth: dedup == .none ? 4 : 5))
            #expect(explorer.run().found == reference.run().found)
        }
    }

    /// Two threads give the same counts and files as one.
    @Test func jobsDoNotChangeTheResult() {
        var one = Explorer(options: ExploreOptions(design: .origChain, depth: 5, jobs: 1))
        var two = Explorer(options: ExploreOptions(design: .origChain, depth: 5, jobs: 2))
        let a = one.run(), b = two.run()
        #expect(a.found == b.found)
        #expect(a.depths.map { [$0.new, $0.total, $0.transitions] } == b.depths.map { [$0.new, $0.total, $0.transitions] })
    }
}
