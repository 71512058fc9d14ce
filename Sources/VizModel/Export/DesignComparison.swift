/// `skbviz compare FILE`: the scenario under each design, and for each call where the designs
/// differ, the events of each design side by side and the violations of each.
public struct DesignComparison: Sendable {
    /// One call under one design.
    public enum Outcome: Hashable, Sendable {
        case completed(CallRecord)
        case failed(Diagnostic)
        /// Call `failedAt` (1-based), an earlier one, failed under this design.
        case notRun(failedAt: Int)
    }

    /// A design the file does not read under (a page name it reserves): it is not run, and
    /// its reading errors are the comparison's.
    public struct Unreadable: Hashable, Sendable {
        public let design: Design
        public let errors: [Diagnostic]
    }

    public let program: Program
    /// The designs compared: those asked for that read the file, in the order asked.
    public let designs: [Design]
    /// The designs asked for that do not read the file, in the order asked.
    public let unreadable: [Unreadable]
    /// `outcomes[d][i]`: call `i` (0-based) under `designs[d]`.
    public let outcomes: [[Outcome]]
    /// The leaks after the last completed call, per design.
    public let leaks: [[Violation]]

    /// Runs `program` under each of `designs` (the program must have no reading errors of
    /// its own; those of a design are kept in `unreadable`).
    public init(_ program: Program, designs: [Design] = Design.allCases) {
        self.program = program
        var compared: [Design] = [], unreadable: [Unreadable] = []
        var outcomes: [[Outcome]] = [], leaks: [[Violation]] = []
        for design in designs {
            var list: [Outcome] = []
            let end: SkbState
            switch ScenarioRun.execute(program, design: design, observe: { r, _ in list.append(.completed(r)) }) {
            case .unreadable(let errors):
                unreadable.append(Unreadable(design: design, errors: errors))
                continue
            case .failed(let op, let d, let state):
                list.append(.failed(d))
                while list.count < program.calls.count { list.append(.notRun(failedAt: op)) }
                end = state
            case .completed(let state): end = state
            }
            compared.append(design)
            outcomes.append(list)
            leaks.append(Checker.leaks(in: end))
        }
        self.designs = compared
        self.unreadable = unreadable
        self.outcomes = outcomes
        self.leaks = leaks
    }

    /// Where `designs[d]` stopped: the failed call's 0-based index and its error; nil when
    /// every call completed.
    public func failure(design d: Int) -> (call: Int, error: Diagnostic)? {
        for (i, o) in outcomes[d].enumerated() {
            if case .failed(let e) = o { return (i, e) }
        }
        return nil
    }

    /// What one design shows for call `i`: its events (with their step) and its violations,
    /// nil for a call that did not complete.
    func summary(design d: Int, call i: Int) -> (events: [String], violations: [String]?) {
        switch outcomes[d][i] {
        case .notRun(let op): return (["(not run: call \(op) failed)"], nil)
        case .failed(let diag): return (["FAILED: \(diag.message)"], nil)
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

    /// The 0-based indexes of the calls whose events, violations or failure differ (none
    /// with fewer than two designs compared).
    public var differingCalls: [Int] {
        guard designs.count >= 2 else { return [] }
        return program.calls.indices.filter { i in
            let first = key(design: 0, call: i)
            return designs.indices.dropFirst().contains { key(design: $0, call: i) != first }
        }
    }

    /// The report, one line a line; each column `column` wide.
    public func lines(column: Int = 34) -> [String] {
        var out = ["skbviz compare \(program.file): " + (designs.isEmpty ? "no design compared" : designs.map(\.rawValue).joined(separator: ", "))]
        if let t = program.title { out.append("title: \(t)") }
        if !unreadable.isEmpty {
            out.append("not compared: " + unreadable.map(\.design.rawValue).joined(separator: ", ")
                       + " (the file has reading errors under \(unreadable.count == 1 ? "it" : "them"): on standard error)")
        }
        guard designs.count >= 2, !program.calls.isEmpty else {
            out.append("")
            out.append("nothing to compare: " + (designs.count < 2 ? "fewer than two designs read the file" : "the file has no calls"))
            return out.map(PlainText.ascii)
        }
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
            // A design that did not complete the call has no violations to show.
            for d in designs.indices {
                guard let v = summary(design: d, call: i).violations else { continue }
                out.append("  violations under \(designs[d].rawValue):" + (v.isEmpty ? " none" : ""))
                for line in v { out.append("    " + line) }
            }
        }
        let failures = designs.indices.map { failure(design: $0) }
        let leakText = leaks.map { $0.map(\.message) }
        if Set(leakText).count > 1 {
            out.append("")
            out.append("leaks at the end")
            for d in designs.indices {
                let stop = failures[d].map { " (after call \($0.call): call \($0.call + 1) failed)" } ?? ""
                out.append("  \(designs[d].rawValue)\(stop):" + (leaks[d].isEmpty ? " none" : ""))
                for v in leaks[d] { out.append("    leak: \(v.message)") }
            }
        }
        out.append("")
        out += stopLines(failures)
        let n = program.calls.count
        if !differing.isEmpty {
            out.append("\(differing.count) of \(n) call\(n == 1 ? "" : "s") differ between the designs")
        } else if let (i, _) = failures[0] {
            // No call differs, so every design failed the same call alike.
            out.append(i == 0 ? "the designs fail alike at call 1"
                       : "the designs give the same events and violations for call\(i == 1 ? " 1" : "s 1 to \(i)") and fail alike at call \(i + 1)")
        } else {
            out.append("the designs give the same events and violations for " + (n == 1 ? "the one call" : "all \(n) calls"))
        }
        return out.map(PlainText.ascii)
    }

    /// Where each design that failed a call stopped, and with what error: one line for all
    /// of them when every design failed the same call alike.
    private func stopLines(_ failures: [(call: Int, error: Diagnostic)?]) -> [String] {
        let n = program.calls.count
        func stop(_ who: String, _ f: (call: Int, error: Diagnostic)) -> String {
            let rest = f.call + 2 == n ? "; call \(n) did not run" : f.call + 2 < n ? "; calls \(f.call + 2) to \(n) did not run" : ""
            return "\(who) stopped at call \(f.call + 1) (line \(f.error.location.line)): \(f.error.message)\(rest)"
        }
        if let first = failures[0], failures.allSatisfy({ $0?.call == first.call && $0?.error.message == first.error.message }) {
            return [stop("every design", first)]
        }
        return designs.indices.compactMap { d in failures[d].map { stop(designs[d].rawValue, $0) } }
    }
}
