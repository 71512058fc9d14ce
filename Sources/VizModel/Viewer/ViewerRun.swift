/// The run the viewer walks: the calls, their steps in a history, and how the run changes by
/// a typed call or a re-run under another design.
public struct ViewerRun: Sendable {
    /// What the header shows about the scenario.
    public struct Scenario: Hashable, Sendable {
        public var file: String
        public var title: String?
        public var design: Design

        public init(file: String, title: String?, design: Design) {
            self.file = file
            self.title = title
            self.design = design
        }
    }

    /// The walk typed calls branched off, kept aside while the viewer is on the branch.
    public struct Original: Hashable, Sendable {
        public var calls: [CallStatement]
        public var closingNotes: [Note]
        /// How many of its first calls the branch shares (the typed calls come after them).
        public var shared: Int
    }

    /// A call that failed: the run stops before it.
    public struct Failure: Hashable, Sendable {
        /// 1-based call number.
        public var op: Int
        public var diagnostic: Diagnostic
    }

    public internal(set) var scenario: Scenario
    public internal(set) var history: StepHistory
    /// Every call of the session: the completed ones (one per call of `history`), then, after
    /// a failure, the failed one and those after it (kept for a later design switch).
    public private(set) var calls: [CallStatement]
    /// The notes after the file's last call, until a typed call replaces the end.
    public private(set) var closingNotes: [Note]
    /// The call that failed, if the run stopped early.
    public private(set) var failure: Failure?
    /// Leaks at the end of the run, shown at the last step.
    public private(set) var endViolations: [Violation] = []
    /// Event and violation lines that differ from the design before the last switch.
    public private(set) var designMarks: Set<OutcomeMark> = []
    /// The design the marks compare with.
    public private(set) var markedAgainst: Design?
    /// While on a what-if branch (calls typed at the cursor), the walk it branched off.
    public private(set) var original: Original?
    /// Where the cursor was when the design switches began, and the step the last switch left
    /// it on: until the cursor moves, each switch aims at that place again.
    private var aim: Aim?

    /// The place a run of design switches keeps (`aim`).
    private struct Aim: Sendable {
        var position: StepHistory.Position
        var landed: Int
    }
    /// When each data destructor fires under the other designs of the family, once a screen
    /// needs it (`needOtherDesigns`): it runs the calls once under each design, so only a walk
    /// that shows a data destructor, or its end, pays for it. Dropped when the run changes.
    public private(set) var otherDesigns: OtherDesigns?

    /// Runs `program`'s calls under `design`, the cursor before the first call.
    public init(program: Program, design: Design) {
        scenario = Scenario(file: program.file, title: program.title, design: design)
        calls = program.calls
        closingNotes = program.closingNotes
        (history, failure) = Self.run(program.calls, design: design)
        refreshEndViolations()
    }

    /// Runs `calls` under `design` from an empty state into a history, up to the first failure.
    /// Each call goes into the history as soon as it has run, without its step texts.
    public static func run(_ calls: [CallStatement], design: Design) -> (history: StepHistory, failure: Failure?) {
        var history = StepHistory()
        let outcome = ScenarioRun.execute(calls, design: design, texts: false) { record, _ in history.append(record.steps) }
        if case .failed(let op, let d, _) = outcome { return (history, Failure(op: op, diagnostic: d)) }
        return (history, nil)
    }

    /// Runs the calls under the family's designs for `otherDesigns`, unless done already.
    public mutating func needOtherDesigns() {
        if otherDesigns == nil { otherDesigns = OtherDesigns(calls, design: scenario.design) }
    }

    // MARK: Typed calls

    /// Where a typed call goes: after the call the cursor is in. A kernel call is atomic, so
    /// a call the cursor has entered (step 1 or later) runs to its end first; at step 0 of
    /// the session, before every call. The calls after that point are set aside (`original`).
    public var typedCallPoint: Int {
        history.cursor == 0 ? 0 : history.position.call
    }

    /// What the call prompt says about where a call goes.
    public var typedCallPlace: String {
        let k = typedCallPoint
        let line = typedCallLine
        let dropped = calls.count - k
        let place = k == 0 ? "runs first" : "runs after call \(k): \(calls[k - 1].text)"
        return "call \(k + 1) (line \(line) of the log that e writes) \(place)"
            + (dropped > 0 ? "; sets the \(dropped) call\(dropped == 1 ? "" : "s") after it aside (o brings the walk back)" : "")
    }

    /// The same in a few words, for a screen too small for the whole sentence: `call 3,
    /// after skb_reserve(a, 64); sets 8 calls aside (o brings them back)`.
    public var typedCallPlaceShort: String {
        let k = typedCallPoint
        let dropped = calls.count - k
        return "call \(k + 1)" + (k == 0 ? ", first" : ", after \(calls[k - 1].text)")
            + (dropped > 0 ? "; sets \(dropped) call\(dropped == 1 ? "" : "s") aside (o brings them back)" : "")
    }

    /// The line a typed call has in the log that `e` writes: after the calls before
    /// `typedCallPoint`, without the notes of the call it sets aside there.
    private var typedCallLine: Int {
        SessionLog.line(ofCall: typedCallPoint, in: Array(calls.prefix(typedCallPoint)), title: scenario.title)
    }

    /// Reads and runs `text` as a call at `typedCallPoint`, without changing the run.
    /// - Returns: The record, or the same errors a file would give (at the call's line in
    ///   the log), when nothing is applied.
    public func typedCall(_ text: String) -> Result<CallRecord, ReadingErrors> {
        let k = typedCallPoint
        let line = typedCallLine
        let statement: CallStatement
        switch Parser.parseCall(text, line: line, names: SessionLog.names(before: k, in: calls, title: scenario.title)) {
        case .failure(let e): return .failure(e)
        case .success(let s): statement = s
        }
        var runner = Runner(design: scenario.design, state: history.state(afterCall: k))
        switch runner.run(statement) {
        case .failure(let d): return .failure(ReadingErrors(diagnostics: [logNumbered(d, before: k)]))
        case .success(let steps): return .success(CallRecord(op: k + 1, statement: statement, steps: steps))
        }
    }

    /// What to do about a typed call's reading error, on a line of its own (the reader's
    /// message says only what is wrong): for a name not bound at the cursor, the call after
    /// the cursor that binds it, if the walk has one, and the names alive here; for a call
    /// given the wrong arguments (or none), its signature and what it does; for a word that
    /// is no call, how to find one and how to leave.
    public func typedCallHint(_ errors: ReadingErrors) -> String? {
        let subjects = errors.diagnostics.compactMap(\.subject)
        for case .unboundName(let name) in subjects {
            var parts: [String] = []
            if let i = calls.indices.dropFirst(typedCallPoint).first(where: { calls[$0].binding == name }) {
                parts.append("'\(name)' is bound by call \(i + 1), \(calls[i].text), after the cursor: step past it first (N)")
            }
            let alive = namesAliveAtCursor
            parts.append(alive.isEmpty ? "no name is alive at the cursor" : "names alive here: " + alive.joined(separator: ", "))
            return TerminalText.escaped(parts.joined(separator: "; "))
        }
        for case .arguments(let call) in subjects { return "\(call.signature): \(call.summary)" }
        // A word that is no call and near none: where the calls are, and the way out.
        if subjects.contains(.unknownCall(nearest: nil)) {
            return "Tab completes a call's name (skbviz run --help lists them); Esc closes this prompt"
        }
        return nil
    }

    /// `d` with the lines its message names (`freed at line 37`, a line of the file the call
    /// was read from) given as lines of the log, as its own location is: one numbering per
    /// message. A line is matched to the last of the first `count` calls read at that line.
    private func logNumbered(_ d: Diagnostic, before count: Int) -> Diagnostic {
        let marker = "at line "
        let parts = d.message.split(separator: marker, omittingEmptySubsequences: false)
        guard parts.count > 1 else { return d }
        var message = String(parts[0])
        for part in parts.dropFirst() {
            let digits = part.prefix { $0.isASCII && $0.isNumber }
            var line = String(digits)
            if let n = Int(digits), let i = calls.prefix(count).lastIndex(where: { $0.line == n }) {
                line = String(SessionLog.line(ofCall: i, in: calls, title: scenario.title))
            }
            message += marker + line + part.dropFirst(digits.count)
        }
        var out = d
        out.message = message
        return out
    }

    /// Puts a call typed at the cursor after `typedCallPoint`, the calls after it (and any
    /// failure) set aside with the walk they belong to (`original`, kept from the first typed
    /// call on), and moves the cursor to the new call's first step.
    ///
    /// `record` must have run on `history.state(afterCall: typedCallPoint)`.
    public mutating func appendTypedCall(_ record: CallRecord) {
        let k = typedCallPoint
        if var o = original {
            o.shared = min(o.shared, k)
            original = o
        } else {
            original = Original(calls: calls, closingNotes: closingNotes, shared: k)
        }
        otherDesigns = nil
        aim = nil
        history.truncate(afterCall: k)
        history.append(record.steps)
        calls = Array(calls.prefix(k)) + [record.statement]
        closingNotes = []
        failure = nil
        let start = history.start(ofCall: k + 1)
        designMarks = designMarks.filter { $0.step <= start }
        history.seek(to: min(start + 1, history.stepCount))
        refreshEndViolations()
    }

    /// Whether the cursor has gone back before the typed calls: the branch is left then.
    public var isBeforeBranch: Bool {
        guard let o = original else { return false }
        return history.cursor <= history.start(ofCall: o.shared + 1)
    }

    /// Leaves the what-if branch: the original walk again, every call of it run under the
    /// current design, the cursor where it was when that step is shared, else at the branch
    /// point.
    /// - Returns: What the hint bar says, or nil when not on a branch.
    public mutating func returnToOriginal() -> String? {
        guard let o = original else { return nil }
        let branchPoint = history.start(ofCall: o.shared + 1)
        let cursor = min(history.cursor, branchPoint)
        calls = o.calls
        closingNotes = o.closingNotes
        original = nil
        otherDesigns = nil
        aim = nil
        (history, failure) = Self.run(o.calls, design: scenario.design)
        designMarks = designMarks.filter { $0.step <= branchPoint }
        history.seek(to: min(cursor, history.stepCount))
        refreshEndViolations()
        return "back on the original walk: its \(o.calls.count) call\(o.calls.count == 1 ? "" : "s")"
    }

    /// The names a typed call can use at the cursor: bound by the calls up to
    /// `typedCallPoint`, their objects still allocated and held by the scenario.
    public var namesAliveAtCursor: [String] {
        let state = history.state(afterCall: typedCallPoint)
        var names: [String] = []
        for (name, binding) in state.bindings {
            switch binding {
            case .skb(let id):
                if let s = state.skbs[id], s.held > 0 { names.append(name) }
            case .page(let p):
                if let page = state.pages[p], page.held > 0 { names.append(name) }
            case .list(let ids):
                for (i, id) in ids.enumerated() {
                    if let s = state.skbs[id], s.held > 0 { names.append("\(name)[\(i)]") }
                }
            }
        }
        return names.sorted { NaturalOrder.compare($0, $1) < 0 }
    }

    // MARK: Design re-runs

    /// The step of `history` at `position`: the same call and step, else the call's last step,
    /// else the end of a run that stopped before that call.
    private static func index(of position: StepHistory.Position, in history: StepHistory) -> Int {
        guard history.callCount > 0, position.call > 0 else { return 0 }
        guard position.call <= history.callCount else { return history.stepCount }
        return history.start(ofCall: position.call) + min(position.step, history.stepCount(ofCall: position.call))
    }

    /// Replaces the whole run (re-run under `design`), keeping the cursor on the same call
    /// and step where the new run has them.
    public mutating func replaceRun(design: Design, history run: StepHistory, failure: Failure?) {
        scenario.design = design
        otherDesigns = nil
        aim = nil
        history.replace(with: run)
        self.failure = failure
        refreshEndViolations()
    }

    /// Re-runs the calls under the next design (`Design.next`), keeping the cursor on the same
    /// call and step where it exists (else at the nearest earlier one), and marks the events and
    /// violations that differ from the design before. Switching on without moving keeps aiming
    /// at the place the first switch left: a design whose call is shorter, or whose run failed
    /// before it, does not move the cursor for the next.
    /// - Parameter why: Where a failed call's diagnostic is read (`Failure.headline(why:)`).
    /// - Returns: What changed, for the hint bar.
    public mutating func switchDesign(why: String) -> String {
        let from = scenario.design, to = from.next
        let old = history
        let wanted = aim.flatMap { $0.landed == history.cursor ? $0.position : nil } ?? history.position
        let (run, newFailure) = Self.run(calls, design: to)
        replaceRun(design: to, history: run, failure: newFailure)
        history.seek(to: Self.index(of: wanted, in: history))
        aim = Aim(position: wanted, landed: history.cursor)
        let difference = DesignMarks.difference(from: old, to: history)
        designMarks = difference.marks
        markedAgainst = from
        var message = "design \(to.rawValue): " + Self.summary(difference, from: from)
        if let f = newFailure { message = "design \(to.rawValue): \(f.headline(why: why)); " + Self.summary(difference, from: from) }
        return message
    }

    /// `1 event differs from vanilla (1 call): 1 missing`: every difference of the events pane
    /// (events and violations) counted, those marked `≠` and those only the design before had.
    /// When one run failed before the other's end, only the calls both ran are compared, and
    /// the message says so (`(1 call of the 5 both ran)`).
    public static func summary(_ d: DesignDifference, from: Design) -> String {
        let n = d.count
        guard d.compared > 0 || d.uncompared == 0 else { return "no call ran under both \(from.rawValue) and this design" }
        guard n > 0 else {
            let scope = d.uncompared == 0 ? "" : d.compared == 1 ? " in call 1, the only one both ran" : " in the \(d.compared) calls both ran"
            return "no event differs from \(from.rawValue)" + scope
        }
        var parts: [String] = []
        if !d.marks.isEmpty { parts.append("\(d.marks.count) marked \u{2260}") }
        if d.missing > 0 { parts.append("\(d.missing) missing") }
        let scope = d.uncompared == 0 ? "" : d.compared == 1 ? ", the only one both ran" : " of the \(d.compared) both ran"
        return (n == 1 ? "1 event differs" : "\(n) events differ")
            + " from \(from.rawValue) (\(d.calls) call\(d.calls == 1 ? "" : "s")\(scope)): " + parts.joined(separator: ", ")
    }

    private mutating func refreshEndViolations() {
        endViolations = Checker.leaks(in: history.endState)
    }

    // MARK: The log

    /// The session as its log records it.
    public var logSource: SessionLog.Source {
        let p = history.position
        return SessionLog.Source(file: scenario.file, title: scenario.title, design: scenario.design, calls: calls,
                                 closingNotes: closingNotes, cursor: (p.call, p.step, history.cursor))
    }
}
