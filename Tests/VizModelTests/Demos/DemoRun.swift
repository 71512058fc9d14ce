import Foundation
import Testing
@testable import VizModel

/// The demos as files: `demos/*.skb` at the package root, found from this source file.
enum DemoFiles {
    /// `<package>/demos`, three directories above `Tests/VizModelTests/Demos/`.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Demos
        .deletingLastPathComponent()  // VizModelTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("demos")

    /// The demo names the issue asks for, in `skbviz demo`'s order.
    static let required = ["expand", "pull-tail", "clone", "header-release", "fclone", "pskb-copy",
                           "split", "segment", "trim", "tcp-xmit", "naive-bug", "zerocopy-tx"]

    /// Every `demos/*.skb`, by name (without `.skb`), sorted.
    static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".skb") }
            .map { String($0.dropLast(4)) }
            .sorted()
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name + ".skb"), encoding: .utf8)
    }
}

/// One demo, run from the catalog the binary carries, with every call's record and the state
/// after it. Calls are found by their text (`kfree_skb(a)`), so the tests read like the demo.
struct DemoRun {
    var name: String
    var program: Program
    var records: [CallRecord] = []
    var states: [SkbState] = []
    var outcome: ScenarioRun.Outcome

    init(_ name: String, design: Design? = nil) {
        self.name = name
        let source = DemoCatalog.named(name)?.source ?? ""
        program = Parser.parse(source, file: "demos/\(name).skb")
        outcome = .unreadable([])
        var records: [CallRecord] = []
        var states: [SkbState] = []
        outcome = ScenarioRun.execute(program, design: ScenarioRun.design(of: program, override: design)) { r, s in
            records.append(r)
            states.append(s)
        }
        self.records = records
        self.states = states
    }

    var completed: Bool { if case .completed = outcome { true } else { false } }

    var final: SkbState {
        switch outcome {
        case .completed(let s), .failed(_, _, let s): s
        case .unreadable: SkbState()
        }
    }

    /// The index of the `nth` call (1-based) whose text is `text`.
    /// A missing call is recorded as an issue, so a fact about it can never pass vacuously.
    func index(_ text: String, _ nth: Int = 1, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int? {
        let hits = records.indices.filter { records[$0].statement.text == text }
        guard hits.count >= nth else {
            Issue.record("demos/\(name).skb: no call `\(text)` (#\(nth)) ran", sourceLocation: sourceLocation)
            return nil
        }
        return hits[nth - 1]
    }

    /// The state right after that call (an empty state if there is no such call).
    func after(_ text: String, _ nth: Int = 1, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SkbState {
        index(text, nth, sourceLocation: sourceLocation).map { states[$0] } ?? SkbState()
    }

    /// The events of that call, in order.
    func events(_ text: String, _ nth: Int = 1, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Event] {
        index(text, nth, sourceLocation: sourceLocation).map { records[$0].steps.flatMap(\.events) } ?? []
    }

    /// The violations of that call.
    func violations(_ text: String, _ nth: Int = 1, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Violation] {
        index(text, nth, sourceLocation: sourceLocation).map { records[$0].steps.flatMap(\.violations) } ?? []
    }

    /// Every violation reported during the run, plus the leaks at the end.
    var allViolations: [Violation] {
        records.flatMap { $0.steps.flatMap(\.violations) } + (completed ? Checker.leaks(in: final) : [])
    }

    /// Every event of the run, in order.
    var allEvents: [Event] { records.flatMap { $0.steps.flatMap(\.events) } }
}

/// A frag as `page off size` (the page by its name in `state`), to compare whole frag arrays at once.
func demoFrags(_ b: DataBuffer?, in state: SkbState) -> [String] {
    (b?.frags ?? []).map { "\(state.pageRef($0.page)) \($0.off) \($0.size)" }
}

/// `skb_header_cloned()` of 2.6.28: cloned, and the header users (lower − upper half of
/// `dataref`) are not just this skb.
func demoHeaderCloned(_ skb: Int, in state: SkbState) -> Bool? {
    guard let s = state.skbs[skb], let d = state.data[s.data] else { return nil }
    return s.cloned && Int(d.allRefs) - Int(d.payloadRefs) != 1
}
