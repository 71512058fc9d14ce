/// `skbviz compare FILE`: the scenario under each design, and for each call where the designs
/// differ, the events of each design side by side and the violations of each.
public struct DesignComparison: Sendable {
    /// A design the file does not read under (a page name it reserves): it is not run, and
    /// its reading errors are the comparison's.
    public struct Unreadable: Hashable, Sendable {
        public let design: Design
        public let errors: [Diagnostic]
    }

    /// What one design shows for a call where the designs differ: its events (with their
    /// step) and its violations, nil for a call that did not complete.
    struct Column: Hashable, Sendable {
        var events: [String]
        var violations: [String]?
    }

    public let program: Program
    /// The designs compared: those asked for that read the file, in the order asked.
    public let designs: [Design]
    /// The designs asked for that do not read the file, in the order asked.
    public let unreadable: [Unreadable]
    /// The 0-based indexes of the calls whose events, violations or failure differ (none
    /// with fewer than two designs compared).
    public let differingCalls: [Int]
    /// `columns[k][d]`: what `designs[d]` shows for call `differingCalls[k]`. Only these calls
    /// are kept, not every call's steps: the report shows nothing of the others.
    let columns: [[Column]]
    /// Where each design stopped: the failed call's 0-based index and its error.
    private let failures: [(call: Int, error: Diagnostic)?]
    /// The leaks after the last completed call, per design.
    public let leaks: [[Violation]]

    /// Runs `program` under each of `designs`, all of them a call at a time, so that a call's
    /// steps are compared and dropped before the next call runs (the program must have no
    /// reading errors of its own; those of a design are kept in `unreadable`).
    public init(_ program: Program, designs: [Design] = Design.allCases) {
        self.program = program
        var compared: [Design] = [], unreadable: [Unreadable] = [], runners: [Runner] = []
        for design in designs {
            let errors = program.readingErrors(in: design)
            guard errors.isEmpty else {
                unreadable.append(Unreadable(design: design, errors: errors))
                continue
            }
            compared.append(design)
            // No step is shown: its text is not built.
            runners.append(Runner(design: design, texts: false))
        }
        var failures: [(call: Int, error: Diagnostic)?] = Array(repeating: nil, count: runners.count)
        var differing: [Int] = [], columns: [[Column]] = []
        for (i, statement) in program.calls.enumerated() {
            // Once every design has stopped, the calls left are "not run" under all of them alike.
            guard failures.contains(where: { $0 == nil }) else { break }
            var outcomes: [Result<[Step], Diagnostic>?] = []
            for d in runners.indices {
                outcomes.append(failures[d] == nil ? runners[d].run(statement) : nil)
                if case .failure(let e)? = outcomes[d] { failures[d] = (i, e) }
            }
            let keys = outcomes.map(Self.key)
            guard keys.count >= 2, keys.dropFirst().contains(where: { $0 != keys[0] }) else { continue }
            differing.append(i)
            columns.append(runners.indices.map { Self.column(outcomes[$0], stoppedAt: failures[$0]?.call ?? i) })
        }
        self.designs = compared
        self.unreadable = unreadable
        self.differingCalls = differing
        self.columns = columns
        self.failures = failures
        self.leaks = runners.map { Checker.leaks(in: $0.state) }
    }

    /// Where `designs[d]` stopped: the failed call's 0-based index and its error; nil when
    /// every call completed.
    public func failure(design d: Int) -> (call: Int, error: Diagnostic)? { failures[d] }

    /// What a design shows for a call: `outcome` is nil for a call after the one (0-based
    /// `stoppedAt`) that failed.
    private static func column(_ outcome: Result<[Step], Diagnostic>?, stoppedAt: Int) -> Column {
        switch outcome {
        case nil: return Column(events: ["(not run: call \(stoppedAt + 1) failed)"])
        case .failure(let diag)?: return Column(events: ["FAILED: \(diag.message)"])
        case .success(let steps)?:
            var events: [String] = [], violations: [String] = []
            for (j, step) in steps.enumerated() {
                for o in step.outcomes {
                    switch o {
                    case .event(let e): events.append("\(j + 1). \(e.summary)")
                    case .violation(let v): violations.append("step \(j + 1): \(v.kind.rawValue): \(v.message)")
                    }
                }
            }
            return Column(events: events.isEmpty ? ["(no events)"] : events, violations: violations)
        }
    }

    /// The events and violations of a call without step numbers: what is compared.
    private static func key(_ outcome: Result<[Step], Diagnostic>?) -> [String] {
        switch outcome {
        case nil: ["not run"]
        case .failure(let diag)?: ["failed " + diag.message]
        case .success(let steps)?: steps.flatMap { $0.outcomes.map(\.line) }
        }
    }

    /// The report, one line a line; each column `column` wide.
    public func lines(column: Int = 34) -> [String] {
        var out: [String] = []
        write(column: column) { out.append($0) }
        return out
    }

    /// The report as `lines(column:)` has it, handed to `emit` a line at a time: the report of
    /// a long scenario can be as long as the scenario, and need not be held whole.
    public func write(column: Int = 34, to emit: (String) -> Void) {
        func put(_ line: String) { emit(PlainText.ascii(line)) }
        put("skbviz compare \(program.file): " + (designs.isEmpty ? "no design compared" : designs.map(\.rawValue).joined(separator: ", ")))
        if let t = program.title { put("title: \(t)") }
        if !unreadable.isEmpty {
            put("not compared: " + unreadable.map(\.design.rawValue).joined(separator: ", ")
                + " (the file has reading errors under \(unreadable.count == 1 ? "it" : "them"): on standard error)")
        }
        guard designs.count >= 2, !program.calls.isEmpty else {
            put("")
            put("nothing to compare: " + (designs.count < 2 ? "fewer than two designs read the file" : "the file has no calls"))
            return
        }
        let differing = differingCalls
        func row(_ cells: [String]) -> String {
            var s = "  " + cells.enumerated().map { k, c in
                k == cells.count - 1 ? c : c + String(repeating: " ", count: max(0, column - Grid.width(of: c)))
            }.joined(separator: " | ")
            while s.last == " " { s.removeLast() }
            return s
        }
        for (i, shown) in zip(differing, columns) {
            let s = program.calls[i]
            put("")
            put("call \(i + 1)  line \(s.line)  \(s.text)")
            put(row(designs.map(\.rawValue)))
            put(row(designs.map { _ in String(repeating: "-", count: column) }))
            let wrapped = shown.map { $0.events.flatMap { PlainText.wrap(PlainText.ascii($0), width: column) } }
            for r in 0..<(wrapped.map(\.count).max() ?? 0) {
                put(row(wrapped.map { r < $0.count ? $0[r] : "" }))
            }
            // A design that did not complete the call has no violations to show.
            for d in designs.indices {
                guard let v = shown[d].violations else { continue }
                put("  violations under \(designs[d].rawValue):" + (v.isEmpty ? " none" : ""))
                for line in v { put("    " + line) }
            }
        }
        let failures = designs.indices.map { failure(design: $0) }
        let leakText = leaks.map { $0.map(\.message) }
        if Set(leakText).count > 1 {
            put("")
            put("leaks at the end")
            for d in designs.indices {
                let stop = failures[d].map { " (after call \($0.call): call \($0.call + 1) failed)" } ?? ""
                put("  \(designs[d].rawValue)\(stop):" + (leaks[d].isEmpty ? " none" : ""))
                for v in leaks[d] { put("    leak: \(v.message)") }
            }
        }
        put("")
        stopLines(failures).forEach(put)
        let n = program.calls.count
        if !differing.isEmpty {
            put("\(differing.count) of \(n) call\(n == 1 ? "" : "s") differ between the designs")
        } else if let (i, _) = failures[0] {
            // No call differs, so every design failed the same call alike.
            put(i == 0 ? "the designs fail alike at call 1"
                : "the designs give the same events and violations for call\(i == 1 ? " 1" : "s 1 to \(i)") and fail alike at call \(i + 1)")
        } else {
            put("the designs give the same events and violations for " + (n == 1 ? "the one call" : "all \(n) calls"))
        }
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
