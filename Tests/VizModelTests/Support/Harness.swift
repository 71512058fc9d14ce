import Foundation
import Testing
import VizModel

/// The result of running a scenario source: the program, each completed call with the state
/// after it, and how the run ended.
struct ScenarioResult {
    var program: Program
    var records: [CallRecord] = []
    var states: [SkbState] = []
    var outcome: ScenarioRun.Outcome

    /// The state after call `op` (1-based).
    func state(_ op: Int) -> SkbState { states[op - 1] }
    /// The events of call `op`, as `free_skb s2` lines.
    func events(_ op: Int) -> [String] { records[op - 1].steps.flatMap(\.events).map(\.summary) }
    /// The violations of call `op`.
    func violations(_ op: Int) -> [Violation] { records[op - 1].steps.flatMap(\.violations) }
    /// Events and violations of call `op` in the order they happened (violations as `! kind …fields`).
    func outcomes(_ op: Int) -> [String] {
        records[op - 1].steps.flatMap(\.outcomes).map { o in
            switch o {
            case .event(let e): e.summary
            case .violation(let v): "! " + ([v.kind.rawValue] + v.fields.map { "\($0.0)=\(fieldText($0.1))" }).joined(separator: " ")
            }
        }
    }
    /// The last state: after the last completed call (empty if none ran).
    var final: SkbState {
        switch outcome {
        case .completed(let s): s
        case .failed(_, _, let s): s
        case .unreadable: SkbState()
        }
    }
    var completed: Bool { if case .completed = outcome { true } else { false } }
    /// The run-time error, if a call failed.
    var failure: (op: Int, line: Int, column: Int, message: String)? {
        if case .failed(let op, let d, _) = outcome { return (op, d.location.line, d.location.column, d.message) }
        return nil
    }
    /// The reading errors, as `LINE:COLUMN: MESSAGE`.
    var readingErrors: [String] {
        if case .unreadable(let ds) = outcome { return ds.map { "\($0.location.line):\($0.location.column): \($0.message)" } }
        return []
    }
}

func fieldText(_ f: ViolationField) -> String {
    switch f {
    case .id(let s): s
    case .number(let n): String(n)
    }
}

/// Parses and runs `source` (design: the override, else the file's line, else orig-chain).
func run(_ source: String, design: Design? = nil, file: String = "test.skb") -> ScenarioResult {
    let program = Parser.parse(source, file: file)
    var result = ScenarioResult(program: program, outcome: .unreadable([]))
    result.outcome = ScenarioRun.execute(program, design: ScenarioRun.design(of: program, override: design)) { record, state in
        result.records.append(record)
        result.states.append(state)
    }
    return result
}

/// Joins lines into a scenario source.
func src(_ lines: String...) -> String { src(lines) }

/// `src` of lines put together in pieces.
func src(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

// MARK: Compact, exact descriptions of objects

/// `s2 b users=1 cloned=1 nohdr=0 fclone=none len=4150 data_len=4096 room=64/54/138 d1 destructor=-`
/// (`room` is headroom/headlen/tailroom; an fclone orig shows `fclone=orig/REF`).
func line(_ s: SkBuff) -> String {
    let fc = s.fclone == .orig ? "orig/\(s.fcloneRef)" : s.fclone.rawValue
    return "s\(s.id) \(s.name ?? "-") users=\(s.users) cloned=\(s.cloned ? 1 : 0) nohdr=\(s.nohdr ? 1 : 0) fclone=\(fc) "
        + "len=\(s.len) data_len=\(s.dataLen) room=\(s.headroom)/\(s.headlen)/\(s.tailroom) d\(s.data) destructor=\(s.destructor ?? "-")"
}

/// `d1 size=256 dataref=0x10002 frags=[p1+0:4096] list=[] orig=- destructor=tun_free` (pages by
/// their names in `state`)
func line(_ d: DataBuffer, in state: SkbState) -> String {
    let frags = d.frags.map { "\(state.pageRef($0.page))+\($0.off):\($0.size)" }.joined(separator: ",")
    let list = d.fragList.map { "s\($0)" }.joined(separator: ",")
    return "d\(d.id) size=\(d.size) dataref=0x\(String(d.dataref, radix: 16)) frags=[\(frags)] list=[\(list)] "
        + "orig=\(d.orig.map { "d\($0)" } ?? "-") destructor=\(d.destructor ?? "-")"
}

/// Every object of a state, one line each: skbs, then buffers, then pages (`p1=2`).
func lines(_ state: SkbState) -> [String] {
    state.sortedSkbs.map(line) + state.sortedData.map { line($0, in: state) } + state.sortedPages.map { "\(state.pageRef($0.id))=\($0.count)" }
}

/// Every invariant violation of every step of a run.
func invariantViolations(_ r: ScenarioResult) -> [String] {
    r.records.flatMap { rec in rec.steps.flatMap(\.violations).filter { $0.kind == .invariant }.map { "op \(rec.op): \($0.message)" } }
}

// MARK: Errors with the state left alone

/// Runs every call of `source` with a `Runner`, going on after a failed call, and checks that
/// each failure left the state (ids counters included) exactly as it was. Returns the failures
/// as `LINE:COLUMN: MESSAGE` and the final state.
func runThroughFailures(_ source: String, design: Design = .origChain,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) -> (failures: [String], state: SkbState) {
    let program = Parser.parse(source, file: "t.skb")
    #expect(program.errors.isEmpty, "reading errors: \(program.errors)", sourceLocation: sourceLocation)
    var runner = Runner(design: design)
    var failures: [String] = []
    for statement in program.calls {
        let before = runner.state
        switch runner.run(statement) {
        case .success: break
        case .failure(let d):
            failures.append("\(d.location.line):\(d.location.column): \(d.message)")
            #expect(runner.state == before, "line \(statement.line) changed the state though it failed", sourceLocation: sourceLocation)
        }
    }
    return (failures, runner.state)
}

extension Design {
    /// The designs of the 2008 thread (no zero-copy completion object): what the tests written
    /// for model.md's exact states and events run under.
    static let of2008 = allCases.filter { $0.zerocopy == nil }
}
