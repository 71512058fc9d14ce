import Foundation
import Testing
import VizModel
@testable import skbviz

/// What `compare`, `check`, `gen`, `demo`, `run` and the usage errors print, and their exit
/// statuses, line for line.
@Suite struct CommandLineTests {
    /// Runs `skbviz arguments…` in a new directory holding `files`; returns the status,
    /// stdout and stderr.
    static func skbviz(_ arguments: [String], files: [String: String] = [:]) throws -> (Int32, String, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skbviz-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return try ViewerRenderTests.skbviz(arguments, directory: dir)
    }

    /// A page named k1: a reading error under the zero-copy designs only.
    static let k1 = """
        a = alloc_skb(100)
        k1 = alloc_page()
        skb_add_rx_frag(a, 0, k1, 0, 100)
        set_data_destructor(a, tun_free)
        b = skb_clone(a)
        kfree_skb(a)
        kfree_skb(b)

        """

    /// A use after free at the last call, under every design.
    static let uaf = "a = alloc_skb(64)\nb = skb_clone(a)\nkfree_skb(a)\nkfree_skb(a)\n"

    // MARK: compare

    @Test func compareReportsTheReadingErrorsOfADesignAndLeavesItOut() throws {
        let (status, out, err) = try Self.skbviz(["compare", "k1.skb"], files: ["k1.skb": Self.k1])
        #expect(status == 1)
        #expect(err == """
            k1.skb:2:1: error: name 'k1' is reserved in design ubuf-2011 for the pages the kernel allocates (k1, k2, ...)
            k1.skb:2:1: error: name 'k1' is reserved in design msg-zerocopy-2017 for the pages the kernel allocates (k1, k2, ...)

            """)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(2) == [
            "skbviz compare k1.skb: vanilla, naive, orig-chain",
            "not compared: ubuf-2011, msg-zerocopy-2017 (the file has reading errors under them: on standard error)",
        ])
        #expect(lines.contains("call 7  line 7  kfree_skb(b)"))
        #expect(!out.contains("not run"))
        #expect(lines.suffix(2) == ["1 of 7 calls differ between the designs", ""])
    }

    @Test func compareWithNoTwoDesignsThatReadTheFileComparesNothing() throws {
        let (status, out, err) = try Self.skbviz(["compare", "k1.skb", "--designs", "orig-chain,ubuf-2011"], files: ["k1.skb": Self.k1])
        #expect(status == 1)
        #expect(err == "k1.skb:2:1: error: name 'k1' is reserved in design ubuf-2011 for the pages the kernel allocates (k1, k2, ...)\n")
        #expect(out == """
            skbviz compare k1.skb: orig-chain
            not compared: ubuf-2011 (the file has reading errors under it: on standard error)

            nothing to compare: fewer than two designs read the file

            """)
    }

    @Test func compareSaysWhereEveryDesignStoppedAlike() throws {
        let (status, out, err) = try Self.skbviz(["compare", "uaf.skb"], files: ["uaf.skb": Self.uaf])
        #expect(status == 0)
        #expect(err == "")
        #expect(out == """
            skbviz compare uaf.skb: vanilla, naive, orig-chain, ubuf-2011, msg-zerocopy-2017

            every design stopped at call 4 (line 4): use after free: a (s1) was freed at line 3 by kfree_skb(a)
            the designs give the same events and violations for calls 1 to 3 and fail alike at call 4

            """)
    }

    @Test func compareSaysWhereEachDesignStoppedAndShowsNoViolationsForCallsItDidNotRun() throws {
        let source = """
            a = alloc_skb(100)
            p = alloc_page()
            skb_add_rx_frag(a, 0, p, 0, 100)
            set_data_destructor(a, tun_free)
            set_data_destructor(a, tun_free)
            kfree_skb(a)

            """
        let (status, out, err) = try Self.skbviz(["compare", "two.skb", "--designs", "orig-chain,ubuf-2011"], files: ["two.skb": source])
        #expect(status == 0)
        #expect(err == "")
        let failure = "set_data_destructor(a (s1), tun_free): the buffer d1 already carries u1 (the kernel attaches a ubuf_info once, to an skb it has just built)"
        #expect(out == """
            skbviz compare two.skb: orig-chain, ubuf-2011

            call 5  line 5  set_data_destructor(a, tun_free)
              orig-chain                         | ubuf-2011
              ---------------------------------- | ----------------------------------
              (no events)                        | FAILED: set_data_destructor(a
                                                 |     (s1), tun_free): the buffer d1
                                                 |     already carries u1 (the kernel
                                                 |     attaches a ubuf_info once, to
                                                 |     an skb it has just built)
              violations under orig-chain: none

            call 6  line 6  kfree_skb(a)
              orig-chain                         | ubuf-2011
              ---------------------------------- | ----------------------------------
              3. free_page p                     | (not run: call 5 failed)
              4. data_destructor d1 tun_free     |
              4. free_head d1                    |
              5. free_skb s1                     |
              violations under orig-chain: none

            ubuf-2011 stopped at call 5 (line 5): \(failure); call 6 did not run
            2 of 6 calls differ between the designs

            """)
    }

    /// The leaks of a design that stopped are those after its last completed call, and say so.
    @Test func compareSaysAfterWhichCallAStoppedDesignsLeaksAre() throws {
        let source = """
            a = alloc_skb(100)
            p = alloc_page()
            skb_add_rx_frag(a, 0, p, 0, 100)
            set_data_destructor(a, tun_free)
            set_data_destructor(a, tun_free)
            b = pskb_copy(a)
            skb_frag_list_add(a, b)
            kfree_skb(a)

            """
        let (status, out, _) = try Self.skbviz(["compare", "leak.skb", "--designs", "orig-chain,ubuf-2011"], files: ["leak.skb": source])
        #expect(status == 0)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        let leaks = try #require(lines.firstIndex(of: "leaks at the end"))
        #expect(lines[leaks + 1] == "  orig-chain:")
        #expect(lines[leaks + 6] == "  ubuf-2011 (after call 4: call 5 failed): none")
        #expect(lines[leaks + 8].hasPrefix("ubuf-2011 stopped at call 5 (line 5): set_data_destructor(a (s1), tun_free): "))
        #expect(lines[leaks + 8].hasSuffix("; calls 6 to 8 did not run"))
    }

    @Test func compareWithNoFailureSaysAllCallsAgree() throws {
        let (status, out, _) = try Self.skbviz(["compare", "s.skb"], files: ["s.skb": "a = alloc_skb(10)\nkfree_skb(a)\n"])
        #expect(status == 0)
        #expect(out.hasSuffix("\nthe designs give the same events and violations for all 2 calls\n"))
    }

    /// A file of notes and no call has nothing to compare, and says so rather than that the
    /// designs agree on "all 0 calls"; a file of one call says "the one call".
    @Test func compareOfAFileWithNoCallsSaysSo() throws {
        let (status, out, err) = try Self.skbviz(["compare", "e.skb"], files: ["e.skb": "title \"empty\"\nnote \"nothing yet\"\n"])
        #expect(status == 0 && err == "")
        #expect(out == """
            skbviz compare e.skb: vanilla, naive, orig-chain, ubuf-2011, msg-zerocopy-2017
            title: empty

            nothing to compare: the file has no calls

            """)
        let (_, one, _) = try Self.skbviz(["compare", "o.skb"], files: ["o.skb": "a = alloc_skb(10)\n"])
        #expect(one.hasSuffix("\nthe designs give the same events and violations for the one call\n"), "\(one)")
    }

    // MARK: usage errors

    /// The usage lines ArgumentParser prints for `skbviz NAME`.
    static func usage(_ name: String, _ synopsis: String) -> String {
        "Usage: skbviz \(name) \(synopsis)\n  See 'skbviz \(name) --help' for more information.\n"
    }

    static let pictureUsage = usage("picture", "[<file>] [--demo <demo>] [--design <design>] [--step <step>] [--call <call>] [--every] [--output <output>]")
    static let renderUsage = usage("render", "[<file>] [--demo <demo>] [--keys <keys>] [--size <size>] [--design <design>] [--color <color>] [--ascii] [--every] [--styles]")

    @Test(arguments: [
        (["picture", "--demo", "expand", "--step", "99"], "Error: --step 99: the run has 31 steps: give 0 (before the first call) to 31\n" + pictureUsage),
        (["render", "--demo", "expand", "--keys", "<Foo>"], "Error: key script: unknown key `<Foo>`; the names are \(Key.knownNames)\n" + renderUsage),
        (["demo", "clone", "--log", "log"], "Error: --log: log.skb already exists; remove it or choose another path\n"
            + usage("demo", "[<name>] [--list] [--design <design>] [--color <color>] [--log <log>]")),
        (["s.skb", "--log", "log"], "Error: --log: log.skb already exists; remove it or choose another path\n"
            + usage("open", "<file> [--design <design>] [--color <color>] [--log <log>]")),
    ])
    func anErrorAfterParsingGivesTheUsageOfItsOwnCommand(arguments: [String], message: String) throws {
        let (status, out, err) = try Self.skbviz(arguments, files: ["log.skb": "", "s.skb": "a = alloc_skb(1)\n"])
        #expect(status == 64)
        #expect(out == "")
        #expect(err == message)
    }

    @Test func theRootUsageNamesEveryOptionOfFileSkb() throws {
        let (status, out, _) = try Self.skbviz(["--help"])
        #expect(status == 0)
        #expect(out.contains("USAGE: skbviz FILE.skb [--design <design>] [--color <color>] [--log <log>]\n"))
    }

    /// A student's first command: the help says where to start and names every design family.
    @Test func theRootHelpSaysWhereANewcomerStarts() throws {
        let (status, out, _) = try Self.skbviz(["--help"])
        #expect(status == 0)
        let words = out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("New to sk_buffs? `skbviz demo clone` opens the first lesson (n steps, ? lists the keys, q quits); "
                               + "`skbviz demo` lists every demo."))
        #expect(words.contains("and the zero-copy designs of Linux 3.1 and 4.14."))
        // The README's first section says the same.
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("New to sk_buffs? `skbviz demo clone` opens the first lesson (n steps, ? lists the keys, q quits); "
                              + "`skbviz demo` lists every demo."))
    }

    @Test(arguments: [
        (["render"], "Error: give a scenario file or --demo NAME\n" + renderUsage),
        (["render", "s.skb", "--demo", "expand"], "Error: give a scenario file or --demo NAME, not both\n" + renderUsage),
        (["picture"], "Error: give a scenario file or --demo NAME\n" + pictureUsage),
        (["picture", "s.skb", "--demo", "expand"], "Error: give a scenario file or --demo NAME, not both\n" + pictureUsage),
    ])
    func renderAndPictureNeedAFileOrADemoAndNotBoth(arguments: [String], message: String) throws {
        let (status, _, err) = try Self.skbviz(arguments, files: ["s.skb": "a = alloc_skb(1)\n"])
        #expect(status == 64)
        #expect(err == message)
    }

    // MARK: gen

    /// Seeds 2 and 5 once ended on a call that held a reference more, so their final
    /// releases made one call too many.
    @Test(arguments: [(5, 5), (100, 2), (100, 5), (2, 1), (3, 7)])
    func genWritesExactlyTheCallsAskedFor(calls: Int, seed: Int) throws {
        let (status, out, _) = try Self.skbviz(["gen", "--calls", "\(calls)", "--seed", "\(seed)"])
        #expect(status == 0)
        let lines = out.split(separator: "\n")
        #expect(lines.prefix(2) == ["# generated by skbviz gen --calls \(calls) --seed \(seed) --design orig-chain", "design orig-chain"])
        #expect(lines.count - 2 == calls)
    }

    @Test func genSeed5Of5Calls() throws {
        let (_, out, _) = try Self.skbviz(["gen", "--calls", "5", "--seed", "5"])
        #expect(out == """
            # generated by skbviz gen --calls 5 --seed 5 --design orig-chain
            design orig-chain
            s1 = alloc_skb(1438)
            g2 = skb_segment(s1, 1339, 0)
            skb_set_owner_w(g2[0])
            kfree_skb(s1)
            kfree_skb(g2[0])

            """)
    }

    @Test(arguments: ["-1", "1", "0"])
    func genRefusesFewerThanTwoCalls(calls: String) throws {
        let (status, out, err) = try Self.skbviz(["gen", "--calls", calls])
        #expect(status == 64)
        #expect(out == "")
        #expect(err.hasPrefix("Error: --calls \(calls): a scenario has 2 calls or more (it frees what it allocates)\n"))
    }

    /// A count no file could hold is refused at once (it ran until memory ran out).
    @Test(arguments: ["10000001", "9223372036854775807"])
    func genRefusesMoreCallsThanAFileHolds(calls: String) throws {
        let (status, out, err) = try Self.skbviz(["gen", "--calls", calls])
        #expect(status == 64)
        #expect(out == "")
        #expect(err.hasPrefix("Error: --calls \(calls): at most 10000000 (a file of some 300 MB, built whole before it is written)\n"))
    }

    // MARK: check

    @Test func checkCountsAFailedCallAsAnErrorNotAViolation() throws {
        let (status, out, err) = try Self.skbviz(["check", "uaf.skb"], files: ["uaf.skb": Self.uaf])
        #expect(status == 1)
        #expect(out == "uaf.skb:4: the call failed, so the check stops here\nuaf.skb: 1 error (orig-chain)\n")
        #expect(err == "uaf.skb:4:11: error: use after free: a (s1) was freed at line 3 by kfree_skb(a)\n")
    }

    @Test func checkCountsViolationsAndTheErrorApart() throws {
        let source = """
            design naive
            a = alloc_skb(100)
            p = alloc_page()
            skb_add_rx_frag(a, 0, p, 0, 100)
            set_data_destructor(a, tun_free)
            b = pskb_copy(a)
            kfree_skb(a)
            kfree_skb(a)

            """
        let (status, out, _) = try Self.skbviz(["check", "vf.skb"], files: ["vf.skb": source])
        #expect(status == 1)
        #expect(out == """
            vf.skb:7: premature_destructor: data destructor tun_free of d1 fired while d2 still holds page p (frag 0) copied out of it
            vf.skb:8: the call failed, so the check stops here
            vf.skb: 1 violation and 1 error (naive)

            """)
    }

    @Test func checkWithNothingFoundExits0() throws {
        let (status, out, err) = try Self.skbviz(["check", "s.skb"], files: ["s.skb": "a = alloc_skb(10)\nkfree_skb(a)\n"])
        #expect(status == 0)
        #expect(out == "s.skb: no violation (orig-chain)\n")
        #expect(err == "")
    }

    /// Reading errors get a summary too: on stdout, nothing said why the check found nothing.
    @Test func checkSaysAFileWithReadingErrorsDidNotRun() throws {
        let (status, out, err) = try Self.skbviz(["check", "r.skb"], files: ["r.skb": "a = alloc_skb(10)\nskb_reserv(a, 2)\nkfree_sbk(a)\n"])
        #expect(status == 1)
        #expect(out == "r.skb: 2 reading errors: nothing ran (orig-chain)\n")
        #expect(err == """
            r.skb:2:1: error: unknown call 'skb_reserv': did you mean 'skb_reserve'?
            r.skb:3:1: error: unknown call 'kfree_sbk': did you mean 'kfree_skb'?

            """)
    }

    // MARK: demo

    @Test func theDemoListAlignsTitlesPastTheLongestNameAndDropsARepeatedName() {
        let demos = [
            ("ubuf-segment-hole", "ubuf-segment-hole: GSO segments keep the pages"),
            ("clone", "skb_clone: two sk_buffs"),
            ("explore-naive", "explore: naive fires tun_free"),
        ]
        #expect(Demo.listing(demos) == [
            "ubuf-segment-hole  GSO segments keep the pages",
            "clone              skb_clone: two sk_buffs",
            "explore-naive      explore: naive fires tun_free",
        ])
    }

    /// `--list` is what a user of other tools types first: the same list; with a name, a usage error.
    @Test func skbvizDemoListIsTheSameList() throws {
        let (status, out, _) = try Self.skbviz(["demo", "--list"])
        let (_, plain, _) = try Self.skbviz(["demo"])
        #expect(status == 0 && out == plain && !out.isEmpty)
        let (bad, _, err) = try Self.skbviz(["demo", "--list", "clone"])
        #expect(bad == 64)
        #expect(err.contains("--list lists every demo: give it no name (got 'clone')"))
    }

    @Test func skbvizDemoListsEveryDemoInOneColumn() throws {
        let (status, out, _) = try Self.skbviz(["demo"])
        #expect(status == 0)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines == Demo.listing(DemoCatalog.all.map { ($0.name, $0.title) }))
        let column = DemoCatalog.all.map(\.name.count).max()! + 2
        for (line, demo) in zip(lines, DemoCatalog.all) {
            #expect(line.hasPrefix(demo.name + String(repeating: " ", count: column - demo.name.count)))
            #expect(!line.dropFirst(column).hasPrefix(demo.name), "\(line)")
        }
        #expect(lines.contains("ubuf-tx             a clone copies the guest's pages and completes early (3.1)"))
    }

    /// A teacher scripting a screen: the help names every key name, <Enter> for a typed call
    /// included, and says that a blank only separates keys.
    @Test func renderHelpNamesEveryKey() throws {
        let (_, help, _) = try Self.skbviz(["render", "--help"])
        let words = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("a typed call `:skb_get(a)<Enter>`); a blank only separates keys, <Space> is the space bar."))
        #expect(words.contains("Names in angle brackets: \(Key.knownNames)."))
    }

    // MARK: run

    /// A teacher writing a scenario with only the binary at hand: `run --help` says what a file
    /// holds besides its calls, and its example runs as printed, every reference given back.
    @Test func runHelpSaysWhatAFileHoldsAndItsExampleRuns() throws {
        let (_, help, _) = try Self.skbviz(["run", "--help"])
        for line in ["  title \"TEXT\"", "  design NAME", "  note \"TEXT\"", "  # or //", "For example:",
                     "  note \"a second sk_buff on d1: dataref goes from 1 to 2\""] {
            #expect(help.contains("\n" + line + "\n"), "no line \(line)")
        }
        #expect(help.contains("    shown with the next call; `note NAME \"TEXT\"` or `note [NAME, NAME] \"TEXT\"`\n"))
        let discussion = help.components(separatedBy: "\nUSAGE: ").first ?? ""
        for line in discussion.split(separator: "\n") { #expect(line.count < 80, "too wide: \(line)") }
        let (status, out, err) = try Self.skbviz(["run", "example.skb"], files: ["example.skb": Run.example + "\n"])
        #expect(status == 0 && err == "")
        #expect(out.hasPrefix("skbviz run example.skb  design vanilla  \"a clone shares the head\"\n"))
        #expect(out.hasSuffix("state after the last completed call:\n(nothing allocated)\n"))
        #expect(help.contains(Run.example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")))
    }

    /// The walk shows the failed call as it shows a completed one (its line and text), with
    /// the column and the error; a file with reading errors says that nothing ran.
    @Test func runWalkShowsWhereTheCallFailedAndThatAnUnreadableFileDidNotRun() throws {
        let (status, out, err) = try Self.skbviz(["run", "uaf.skb"], files: ["uaf.skb": Self.uaf])
        #expect(status == 1)
        #expect(out.contains("""
            call 4  line 4  kfree_skb(a)
              failed at column 11: use after free: a (s1) was freed at line 3 by kfree_skb(a)
              (nothing of this call ran; the run stops here)

            state after the last completed call:

            """))
        #expect(err == "uaf.skb:4:11: error: use after free: a (s1) was freed at line 3 by kfree_skb(a)\n")
        let (bad, walk, _) = try Self.skbviz(["run", "r.skb"], files: ["r.skb": "skb_reserv(a, 2)\n"])
        #expect(bad == 1)
        #expect(walk == "skbviz run r.skb  design orig-chain\n(the file has reading errors: nothing ran)\n")
    }

    /// A note after the last call belongs to it, as in the viewer: the walk shows it (under
    /// its designs only) instead of dropping it.
    @Test func runWalkShowsTheNotesAfterTheLastCall() throws {
        let source = "a = alloc_skb(10)\nkfree_skb(a)\nnote \"all given back\"\nnote vanilla \"vanilla only\"\n"
        let (status, out, _) = try Self.skbviz(["run", "n.skb"], files: ["n.skb": source])
        #expect(status == 0)
        #expect(out.contains("       event free_skb s1\n  note: all given back\n\nstate after the last completed call:\n"), "\(out)")
        #expect(!out.contains("vanilla only"))
    }

    /// `-` is standard output for --trace and --transcript, not a scenario: the error says
    /// how to read standard input.
    @Test func aDashAsTheScenarioSaysHowToReadStandardInput() throws {
        let (status, _, err) = try Self.skbviz(["run", "-"])
        #expect(status == 1)
        #expect(err == "skbviz: cannot read -: No such file or directory (to read standard input, give /dev/stdin)\n")
    }

    /// Each command's help says what it exits with, the usage error's 64 included.
    @Test(arguments: ["run", "check", "compare"])
    func helpSaysEveryExitStatus(command: String) throws {
        let (_, help, _) = try Self.skbviz([command, "--help"])
        let words = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Exits 0 when"))
        #expect(words.contains("cannot be read"))
        #expect(words.contains("64 on a usage error."))
    }

    @Test func runStepsWithoutTraceIsRefused() throws {
        let (status, out, err) = try Self.skbviz(["run", "s.skb", "--steps"], files: ["s.skb": "a = alloc_skb(10)\n"])
        #expect(status == 64)
        #expect(out == "")
        #expect(err.hasPrefix("Error: --steps needs --trace: it adds a step record for every step to the trace\nUsage: skbviz run "))
    }
}
