/// The command line: typed calls, the export path and its confirmation.
extension ViewerSession {
    /// The command line at the bottom of the screen.
    public struct Prompt: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// A call of the language, run at the cursor.
            case call
            /// Where to write the session log (empty: the default name).
            case exportPath
            /// `existing` files of the log at `path` exist: overwrite them? (y/n)
            case confirmOverwrite(path: String, existing: [String])
        }

        public var kind: Kind
        public internal(set) var text: String
        /// The insertion point, in characters from the start of `text`.
        public internal(set) var cursor: Int
        /// Errors or completions shown above the line.
        public internal(set) var messages: [String] = []
        /// Whether `messages` are errors (else completions or information).
        public internal(set) var isError = false
        /// Where to put a caret under the text (a character offset), for an error.
        public internal(set) var caret: Int?
        /// Which entry of the typed history is shown (Up/Down), and the text typed before.
        var historyIndex: Int?
        var draft = ""

        public init(kind: Kind, text: String = "") {
            self.kind = kind
            self.text = text
            self.cursor = text.count
        }

        /// What the line starts with.
        public var label: String {
            switch kind {
            case .call: ": "
            case .exportPath: "export to: "
            case .confirmOverwrite(let path, let existing):
                "\(existing.count == 1 ? existing[0] : "\(path).*") exist\(existing.count == 1 ? "s" : ""): overwrite? (y/n) "
            }
        }
    }

    /// An event or violation line marked as differing from the previous design: the global
    /// step index and the outcome's index within that step.
    public struct OutcomeMark: Hashable, Sendable {
        public var step: Int
        public var outcome: Int

        public init(step: Int, outcome: Int) {
            self.step = step
            self.outcome = outcome
        }
    }

    // MARK: Opening

    mutating func openCallPrompt() {
        prompt = Prompt(kind: .call)
    }

    /// What the call prompt says about where a call goes.
    public var typedCallPlace: String {
        let k = typedCallPoint
        let line = SessionLog.line(ofCall: k, in: calls, title: scenario.title)
        let dropped = calls.count - k
        let place = k == 0 ? "runs first" : "runs after call \(k): \(calls[k - 1].text)"
        return "call \(k + 1) (line \(line) of the log) \(place)"
            + (dropped > 0 ? "; drops the \(dropped) call\(dropped == 1 ? "" : "s") after it" : "")
    }

    // MARK: The front end reports back

    /// The log's files exist: ask before overwriting.
    public mutating func exportNeedsConfirmation(path: String, existing: [String]) {
        prompt = Prompt(kind: .confirmOverwrite(path: path, existing: existing))
    }

    /// The export ended (written, refused or failed): say so in the hint bar.
    public mutating func exportFinished(_ message: String) {
        prompt = nil
        status = message
    }

    /// The session as its log records it.
    public var logSource: SessionLog.Source {
        let p = history.position
        return SessionLog.Source(file: scenario.file, title: scenario.title, design: scenario.design, calls: calls,
                                 closingNotes: closingNotes, cursor: (p.call, p.step, history.cursor))
    }

    // MARK: Keys at the prompt

    mutating func handlePrompt(_ key: Key) -> Effect {
        guard var p = prompt else { return .none }
        if case .confirmOverwrite(let path, _) = p.kind {
            switch key {
            case .character("y"), .character("Y"):
                prompt = nil
                return .export(path: path, overwrite: true)
            case .character("n"), .character("N"), .escape, .enter:
                prompt = nil
                status = "not written: \(path).* kept as it was"
                return .redraw
            default:
                return .none
            }
        }
        var chars = Array(p.text)
        switch key {
        case .escape:
            prompt = nil
            return .redraw
        case .enter:
            return submit()
        case .character(let c):
            chars.insert(c, at: p.cursor)
            p.cursor += 1
        case .backspace:
            if chars.isEmpty { prompt = nil; return .redraw }
            guard p.cursor > 0 else { return .none }
            chars.remove(at: p.cursor - 1)
            p.cursor -= 1
        case .left: p.cursor = max(0, p.cursor - 1)
        case .right: p.cursor = min(chars.count, p.cursor + 1)
        case .home: p.cursor = 0
        case .end: p.cursor = chars.count
        case .tab where p.kind == .call:
            complete(&p)
            prompt = p
            return .redraw
        case .up where p.kind == .call, .down where p.kind == .call:
            guard !typedHistory.isEmpty else { return .none }
            if p.historyIndex == nil { p.draft = p.text }
            let current = p.historyIndex ?? typedHistory.count
            let next = key == .up ? max(0, current - 1) : current + 1
            if next >= typedHistory.count {
                p.historyIndex = nil
                p.text = p.draft
            } else {
                p.historyIndex = next
                p.text = typedHistory[next]
            }
            p.cursor = p.text.count
            p.messages = []
            p.caret = nil
            prompt = p
            return .redraw
        default:
            return .none
        }
        p.text = String(chars)
        p.messages = []
        p.caret = nil
        p.isError = false
        prompt = p
        return .redraw
    }

    private mutating func submit() -> Effect {
        guard let p = prompt else { return .none }
        let trimmed = p.text.trimmingBlanks
        switch p.kind {
        case .exportPath:
            prompt = nil
            return .export(path: trimmed.isEmpty ? nil : trimmed, overwrite: false)
        case .confirmOverwrite:
            return .none
        case .call:
            if trimmed.isEmpty {
                prompt = nil
                return .redraw
            }
            if typedHistory.last != trimmed { typedHistory.append(trimmed) }
            switch typedCall(p.text) {
            case .success(let record):
                appendTypedCall(record)
                prompt = nil
                status = "call \(record.op) added: \(record.statement.text)"
            case .failure(let errors):
                var q = p
                q.historyIndex = nil
                q.messages = errors.diagnostics.map { "\($0.location.line):\($0.location.column): error: \($0.message)" }
                q.isError = true
                q.caret = errors.diagnostics.first.map { Self.characterOffset(ofByteColumn: $0.location.column, in: p.text) }
                prompt = q
            }
            return .redraw
        }
    }

    /// Reads and runs `text` as a call at `typedCallPoint`, without changing the session.
    /// - Returns: The record, or the same errors a file would give (at the call's line in
    ///   the log), when nothing is applied.
    public func typedCall(_ text: String) -> Result<CallRecord, ReadingErrors> {
        let k = typedCallPoint
        let line = SessionLog.line(ofCall: k, in: calls, title: scenario.title)
        let statement: CallStatement
        switch Parser.parseCall(text, line: line, names: SessionLog.names(before: k, in: calls, title: scenario.title)) {
        case .failure(let e): return .failure(e)
        case .success(let s): statement = s
        }
        var runner = Runner(design: scenario.design, state: history.state(afterCall: k))
        switch runner.run(statement) {
        case .failure(let d): return .failure(ReadingErrors(diagnostics: [d]))
        case .success(let steps): return .success(CallRecord(op: k + 1, statement: statement, steps: steps))
        }
    }

    static func characterOffset(ofByteColumn column: Int, in text: String) -> Int {
        var bytes = 0, chars = 0
        for c in text {
            if bytes >= column - 1 { break }
            bytes += c.utf8.count
            chars += 1
        }
        return chars
    }

    // MARK: Completion

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

    private func complete(_ p: inout Prompt) {
        let chars = Array(p.text)
        var start = p.cursor
        while start > 0, chars[start - 1].isWordPart { start -= 1 }
        let word = String(chars[start..<p.cursor])
        let before = String(chars[..<start]).trimmingBlanks
        let isCallName = before.isEmpty || (before.hasSuffix("=") && before.dropLast().trimmingBlanks.allSatisfy(\.isWordPart))
        let candidates = (isCallName ? CallName.allCases.map(\.rawValue) : namesAliveAtCursor).filter { $0.hasPrefix(word) }
        p.messages = []
        p.isError = false
        p.caret = nil
        guard let first = candidates.first else {
            p.messages = [isCallName ? "no call starts with '\(word)'" : "no name alive at the cursor starts with '\(word)'"]
            return
        }
        var common = first
        for c in candidates.dropFirst() {
            while !c.hasPrefix(common) { common.removeLast() }
        }
        var insert = String(common.dropFirst(word.count))
        if candidates.count == 1 && isCallName && !(p.cursor < chars.count && chars[p.cursor] == "(") { insert += "(" }
        if candidates.count > 1 { p.messages = [candidates.joined(separator: "  ")] }
        var new = chars
        new.insert(contentsOf: insert, at: p.cursor)
        p.text = String(new)
        p.cursor += insert.count
    }

    // MARK: Design switch

    /// Runs `calls` under `design` from an empty state into a history, up to the first failure.
    public static func run(_ calls: [CallStatement], design: Design) -> (history: StepHistory, failure: Failure?) {
        var history = StepHistory()
        let outcome = ScenarioRun.execute(calls, design: design, texts: false) { record, _ in history.append(record.steps) }
        if case .failed(let op, let d, _) = outcome { return (history, Failure(op: op, diagnostic: d)) }
        return (history, nil)
    }

    /// Re-runs the session's calls under the next design (`Design.next`),
    /// keeping the cursor on the same call and step where it exists, and marks the events
    /// and violations that differ from the design before.
    public mutating func switchDesign() {
        let from = scenario.design, to = from.next
        let old = history
        let (run, newFailure) = Self.run(calls, design: to)
        replaceRun(design: to, history: run, failure: newFailure)
        var marks: Set<OutcomeMark> = []
        for call in (0..<history.callCount).map({ $0 + 1 }) {
            var pool: [String: Int] = [:]
            if call <= old.callCount {
                for index in old.start(ofCall: call) + 1 ..< old.end(ofCall: call) + 1 {
                    for o in old.outcomes(ofStep: index) { pool[LayoutText.outcome(o), default: 0] += 1 }
                }
            }
            for index in history.start(ofCall: call) + 1 ..< history.end(ofCall: call) + 1 {
                for (n, o) in history.outcomes(ofStep: index).enumerated() {
                    let text = LayoutText.outcome(o)
                    if let left = pool[text], left > 0 {
                        pool[text] = left - 1
                    } else {
                        marks.insert(OutcomeMark(step: index, outcome: n))
                    }
                }
            }
        }
        designMarks = marks
        markedAgainst = from
        var message = "design \(to.rawValue): \(marks.isEmpty ? "no" : String(marks.count)) event\(marks.count == 1 ? "" : "s") or violation\(marks.count == 1 ? "" : "s") differ from \(from.rawValue)"
        if let f = newFailure { message += "; call \(f.op) fails" }
        status = message
    }
}

extension Character {
    /// A character of a name or of a list element (`segs[0]`).
    var isWordPart: Bool { isASCII && (isLetter || isNumber || self == "_" || self == "[" || self == "]") }
}

extension StringProtocol {
    /// Without spaces, tabs and CRs at either end.
    var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
