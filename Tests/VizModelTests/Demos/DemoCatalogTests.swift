import Foundation
import Testing
@testable import VizModel

@Suite("Demos: the catalog and the files")
struct DemoCatalogTests {
    @Test func everyRequiredDemoHasAFileAndIsCarried() throws {
        let files = try DemoFiles.names()
        for name in DemoFiles.required {
            #expect(files.contains(name), "demos/\(name).skb is missing")
            #expect(DemoCatalog.named(name) != nil, "the binary does not carry \(name)")
        }
        // The listing order of `skbviz demo`: the order first.
        #expect(Array(DemoCatalog.all.map(\.name).prefix(DemoFiles.required.count)) == DemoFiles.required)
    }

    @Test func theCatalogCarriesExactlyTheFiles() throws {
        #expect(DemoCatalog.all.map(\.name).sorted() == (try DemoFiles.names()))
        #expect(Set(DemoCatalog.all.map(\.name)).count == DemoCatalog.all.count)
    }

    /// The drift check: run `python3 Scripts/embed-demos` after editing a demo. The generator
    /// drops the file's final newline (a raw string literal ends at the last line), so trailing
    /// newlines are not compared; every other byte is.
    @Test(arguments: DemoCatalog.all.map(\.name))
    func theCarriedSourceIsTheFile(name: String) throws {
        let file = try DemoFiles.text(name)
        let carried = try #require(DemoCatalog.named(name)).source
        #expect(trimmed(carried) == trimmed(file),
                "demos/\(name).skb and the catalog differ: run python3 Scripts/embed-demos")
        #expect(!file.isEmpty)
    }

    @Test(arguments: DemoCatalog.all.map(\.name))
    func titleAndNotes(name: String) throws {
        let demo = try #require(DemoCatalog.named(name))
        let program = Parser.parse(demo.source, file: "demos/\(name).skb")
        let title = try #require(program.title, "\(name) has no title")
        #expect(!title.isEmpty)
        #expect(demo.title == title)
        let notes = program.calls.flatMap(\.notes)
        #expect(notes.count >= 5, "\(name) explains too little")
        for note in notes {
            #expect(note.text.count <= 160, "\(name): a note of \(note.text.count) characters: \(note.text)")
        }
        // The notes come before the calls they explain, so none dangles after the last call.
        #expect(program.closingNotes.isEmpty)
    }

    /// `clone` is where `skbviz --help` sends a newcomer: every call of its first order has a
    /// note, and a term is said what it is where it first appears (the struct and the buffer,
    /// skb_shared_info, headroom, the header bytes, dataref, a page frag).
    @Test func cloneTheFirstLessonNarratesEachCallAndSaysWhatItsTermsAre() throws {
        let demo = try #require(DemoCatalog.named("clone"))
        let calls = Parser.parse(demo.source, file: "demos/clone.skb").calls
        for c in calls.prefix(6) { #expect(!c.notes.isEmpty, "\(c.text) has no note") }
        let notes = calls.flatMap(\.notes).map(\.text)
        func first(_ term: String) -> String? { notes.first { $0.contains(term) } }
        #expect(first("sk_buff s1")?.contains("(the struct describing the packet)") == true)
        #expect(first("skb_shared_info")?.contains("shared by every sk_buff on d1") == true)
        #expect(first("headroom")?.contains("64 bytes of headroom in front of the data") == true)
        #expect(first("54 header bytes")?.contains("(Ethernet 14, IP 20, TCP 20)") == true)
        #expect(first("dataref")?.contains("counts the sk_buffs sharing d1") == true)
        #expect(first("page frag")?.contains("a page outside the head") == true)
    }

    private func trimmed(_ s: String) -> String {
        var t = Substring(s)
        while t.last == "\n" { t = t.dropLast() }
        return String(t)
    }
}

@Suite("Demos: each runs clean")
struct DemoRunsCleanTests {
    /// The demos whose point is a violation, with its kind under the demo's own design.
    static let shownViolations: [String: ViolationKind] = [
        "naive-bug": .prematureDestructor, "explore-naive": .prematureDestructor,
        "explore-orig-chain": .prematureDestructor, "ubuf-segment-hole": .prematureCompletion,
    ]

    @Test(arguments: DemoCatalog.all.map(\.name))
    func parsesRunsAndReleasesEverything(name: String) throws {
        let run = DemoRun(name)
        #expect(run.program.errors.isEmpty, "\(run.program.errors.map(\.message))")
        #expect(run.completed, "demos/\(name).skb stopped at a call")
        #expect(run.records.count == run.program.calls.count)
        if name == "naive-bug" {
            #expect(run.program.design == .naive)
        }
        if let kind = Self.shownViolations[name] {
            #expect(!run.allViolations.isEmpty && run.allViolations.allSatisfy { $0.kind == kind },
                    "\(run.allViolations.map(\.message))")
        } else {
            #expect(run.allViolations.isEmpty, "\(run.allViolations.map(\.message))")
        }
        // Every demo ends with everything released.
        #expect(run.final.skbs.isEmpty)
        #expect(run.final.data.isEmpty)
        #expect(run.final.pages.isEmpty)
        #expect(Checker.leaks(in: run.final).isEmpty)
    }

    /// The demos without a data destructor teach the same thing under every design.
    @Test(arguments: ["clone", "header-release", "fclone", "trim", "tcp-xmit"])
    func designFreeDemosRunCleanUnderEveryDesign(name: String) {
        for design in Design.allCases {
            let run = DemoRun(name, design: design)
            #expect(run.completed)
            #expect(run.allViolations.isEmpty, "\(name) under \(design.rawValue)")
        }
    }
}
