/// `skbviz compare FILE`: the scenario under each design, and for each call where the designs
/// differ, the events of each design side by side and the violations of each.
public struct DesignComparison: Sendable {
    /// One call under one design.
    public enum Outcome: Hashable, Sendable {
        case completed(CallRecord)
        case failed(Diagnostic)
        /// An earlier call failed under this design.
        case notRun
    }

    public let program: Program
    public let designs: [Design]
    /// `outcomes[d][i]`: call `i` (0-based) under `designs[d]`.
    public let outcomes: [[Outcome]]
    /// The leaks after the last completed call, per design.
    public let leaks: [[Violation]]

    /// Runs `program` under each of `designs` (the program must have no reading errors).
    public init(_ program: Program, designs: [Design] = Design.allCases) {
        self.program = program
        self.designs = designs
        var outcomes: [[Outcome]] = [], leaks: [[Violation]] = []
        for design in designs {
            var list: [Outcome] = []
            let end: SkbState
            switch ScenarioRun.execute(program, design: design, observe: { r, _ in list.append(.completed(r)) }) {
            case .unreadable: end = SkbState()
            case .failed(_, let d, let state): list.append(.failed(d)); end = state
            case .completed(let state): end = state
            }
            while list.count < program.calls.count { list.append(.notRun) }
            outcomes.append(list)
            leaks.append(Checker.leaks(in: end))
        }
        self.outcomes = outcomes
        self.leaks = leaks
    }

    /// What one design shows for call `i`: its events (with their step) and its violations.
    func summary(design d: Int, call i: Int) -> (events: [String], violations: [String]) {
        switch outcomes[d][i] {
        case .notRun: return (["(not run: an earlier call failed)"], [])
        case .failed(let diag): return (["FAILED: \(diag.message)"], [])
        case .completed(let r):
            var events: [String] = [], violations: [String] = []
            for (j, step) in r.steps.enumerated() {
                for o in step.outcomes {
                    switch o {
                    case .event(let e): events.append("\(j + 1). \(e.summary)")
                    case .violation(let v): violations.append("step \(j + 1): \(v.kind.rawValue): \(v.message)")
                    }
                }
            }
            return (events.isEmpty ? ["(no events)"] : events, violations)
        }
    }

    /// The events and violations without step numbers: what is compared.
    private func key(design d: Int, call i: Int) -> [String] {
        switch outcomes[d][i] {
        case .notRun: return ["not run"]
        case .failed(let diag): return ["failed " + diag.message]
        case .completed(let r): return r.steps.flatMap { $0.outcomes.map(\.line) }
        }
    }

    /// The 0-based indexes of the calls whose events, violations or failure differ.
    public var differingCalls: [Int] {
        program.calls.indices.filter { i in
            let first = key(design: 0, call: i)
            return designs.indices.dropFirst().contains { key(design: $0, call: i) != first }
        }
    }

    /// The report, one line a line; each column `column` wide.
    public func lines(column: Int = 34) -> [String] {
        var out = ["skbviz compare \(program.file): " + designs.map(\.rawValue).joined(separator: ", ")]
        if let t = program.title { out.append("title: \(t)") }
        let differing = differingCalls
        func row(_ cells: [String]) -> String {
            var s = "  " + cells.enumerated().map { k, c in
                k == cells.count - 1 ? c : c + String(repeating: " ", count: max(0, column - Grid.width(of: c)))
            }.joined(separator: " | ")
            while s.last == " " { s.removeLast() }
            return s
        }
        for i in differing {
            let s = program.calls[i]
            out.append("")
            out.append("call \(i + 1)  line \(s.line)  \(s.text)")
            out.append(row(designs.map(\.rawValue)))
            out.append(row(designs.map { _ in String(repeating: "-", count: column) }))
            let columns = designs.indices.map { d in
                summary(design: d, call: i).events.flatMap { PlainText.wrap(PlainText.ascii($0), width: column) }
            }
            for r in 0..<(columns.map(\.count).max() ?? 0) {
                out.append(row(columns.map { r < $0.count ? $0[r] : "" }))
            }
            for d in designs.indices {
                let v = summary(design: d, call: i).violations
                out.append("  violations under \(designs[d].rawValue):" + (v.isEmpty ? " none" : ""))
                for line in v { out.append("    " + line) }
            }
        }
        let leakText = leaks.map { $0.map(\.message) }
        if Set(leakText).count > 1 {
            out.append("")
            out.append("leaks at the end")
            for d in designs.indices {
                out.append("  \(designs[d].rawValue):" + (leaks[d].isEmpty ? " none" : ""))
                for v in leaks[d] { out.append("    leak: \(v.message)") }
            }
        }
        out.append("")
        let n = program.calls.count
        out.append(differing.isEmpty
                   ? "the designs give the same events and violations for all \(n) call\(n == 1 ? "" : "s")"
                   : "\(differing.count) of \(n) call\(n == 1 ? "" : "s") differ between the designs")
        return out.map(PlainText.ascii)
    }
}
