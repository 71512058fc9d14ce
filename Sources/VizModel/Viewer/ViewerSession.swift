/// What the viewer shows and where it is: the step history of a run plus the view (focused
/// pane, scroll offsets, help overlay, a count being typed).
///
/// All changes go through `handle(_:)` (a key) or `apply(_:count:)` (a command); both are pure
/// and return what the front end must do. The layout (`ViewerLayout`) is a function of this
/// value, the screen size and the options, so a step reached again looks exactly the same.
public struct ViewerSession: Sendable {
    /// The panes, in Tab order.
    public enum Pane: Int, CaseIterable, Hashable, Sendable {
        case objects, steps, events
    }

    /// What the front end must do after a key or command.
    public enum Effect: Hashable, Sendable {
        /// Draw the new screen.
        case redraw
        /// Nothing changed (an unbound key, a motion with nowhere to go).
        case none
        /// Restore the terminal and exit 0.
        case quit
        /// Write the session log (`logSource`) to `path` + `.skb`, `.jsonl` and `.txt`; `nil`
        /// for the default name. Unless `overwrite`, refuse when one of them exists and call
        /// `exportNeedsConfirmation`; report with `exportFinished`.
        case export(path: String?, overwrite: Bool)
    }

    /// The help overlay's state.
    public struct Help: Hashable, Sendable {
        /// Only the commands whose keys or help text contain this (case-insensitively).
        public var filter = ""
        /// Whether keys are being typed into the filter.
        public var isEditingFilter = false

        public init(filter: String = "", isEditingFilter: Bool = false) {
            self.filter = filter
            self.isEditingFilter = isEditingFilter
        }
    }

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

    /// A call that failed: the run stops before it.
    public struct Failure: Hashable, Sendable {
        /// 1-based call number.
        public var op: Int
        public var diagnostic: Diagnostic
    }

    public var scenario: Scenario
    public internal(set) var history: StepHistory
    /// Every call of the session: the completed ones (`history.records`), then, after a
    /// failure, the failed one and those after it (kept for a later design switch).
    public internal(set) var calls: [CallStatement]
    /// The notes after the file's last call, until a typed call replaces the end.
    public internal(set) var closingNotes: [String] = []
    /// The call that failed, if the run stopped early.
    public internal(set) var failure: Failure?
    /// The command line at the bottom, when open.
    public internal(set) var prompt: Prompt?
    /// A one-off message shown in the hint bar until the next key.
    public internal(set) var status: String?
    /// The calls typed so far (Up/Down at the prompt), oldest first.
    public internal(set) var typedHistory: [String] = []
    /// Event and violation lines that differ from the design before the last switch.
    public internal(set) var designMarks: Set<OutcomeMark> = []
    /// The design the marks compare with.
    public internal(set) var markedAgainst: Design?
    /// Leaks at the end of the run, shown at the last step.
    public private(set) var endViolations: [Violation]
    public private(set) var focus: Pane = .objects
    /// Lines scrolled down, per pane (steps and events follow the cursor when 0).
    public private(set) var scroll: [Pane: Int] = [:]
    /// The help overlay, when open.
    public private(set) var help: Help?
    /// The count being typed before a motion (`42` of `42g`).
    public private(set) var count: Int?
    public let keymap: Keymap
    /// The steps of the call at the cursor, with their texts (`showCursor`).
    public private(set) var shownSteps: [Step] = []
    /// The call `shownSteps` belong to (0 for none).
    private var shownCall = 0

    private init(scenario: Scenario, history: StepHistory, failure: Failure?, calls: [CallStatement], keymap: Keymap) {
        self.scenario = scenario
        self.history = history
        self.calls = calls
        self.failure = failure
        self.keymap = keymap
        self.endViolations = []
        refreshEndViolations()
        showCursor(force: true)
    }

    /// Runs `program` under `design` and opens a session on it, the cursor before the first call.
    ///
    /// Each call goes into the history as soon as it has run, without its step texts.
    /// - Throws: The reading errors, when the file has any (nothing runs then).
    public init(program: Program, design: Design, keymap: Keymap = .standard) throws(ReadingErrors) {
        guard program.errors.isEmpty else { throw ReadingErrors(diagnostics: program.errors) }
        let (history, failure) = Self.run(program.calls, design: design)
        self.init(scenario: Scenario(file: program.file, title: program.title, design: design),
                  history: history, failure: failure, calls: program.calls, keymap: keymap)
        closingNotes = program.closingNotes
    }

    /// Runs the call at the cursor again for its step texts, when the cursor has moved to
    /// another call or the run has changed (`force`).
    ///
    /// The history keeps no step text (a million steps of text would outweigh everything
    /// else), so the call is run again, texts on, on the history's own state taken back to
    /// before the call and given back after: O(the call's steps), never a copy of the state.
    /// The model is deterministic, so these are the very steps the history holds (a test
    /// checks it for every call of the demos and of generated scenarios).
    mutating func showCursor(force: Bool = false) {
        let call = history.position.call
        guard call != shownCall || force else { return }
        shownCall = call
        guard call > 0, call <= history.callCount, call <= calls.count else {
            shownSteps = []
            return
        }
        let statement = calls[call - 1], design = scenario.design
        shownSteps = history.withState(beforeCall: call) { state in
            Runner.replay(statement, on: &state, design: design)
        }
    }

    // MARK: Changing the run (for typed calls and design switches)

    /// Where a typed call goes: after the call the cursor is in. A kernel call is atomic, so
    /// a call the cursor has entered (step 1 or later) runs to its end first; at step 0 of
    /// the session, before every call. The calls after that point are dropped.
    public var typedCallPoint: Int {
        history.cursor == 0 ? 0 : history.position.call
    }

    /// Puts a call typed at the cursor after `typedCallPoint`, dropping the calls after it
    /// (and any failure), and moves the cursor to the new call's first step.
    ///
    /// `record` must have run on `history.state(afterCall: typedCallPoint)`.
    public mutating func appendTypedCall(_ record: CallRecord) {
        let k = typedCallPoint
        history.truncate(afterCall: k)
        history.append(record.steps)
        calls = Array(calls.prefix(k)) + [record.statement]
        closingNotes = []
        failure = nil
        let start = history.start(ofCall: k + 1)
        designMarks = designMarks.filter { $0.step <= start }
        history.seek(to: min(start + 1, history.stepCount))
        refreshEndViolations()
        showCursor(force: true)
    }

    /// Replaces the whole run (re-run under `design`), keeping the cursor on the same call
    /// and step where the new run has them.
    public mutating func replaceRun(design: Design, history run: StepHistory, failure: Failure?) {
        scenario.design = design
        history.replace(with: run)
        self.failure = failure
        refreshEndViolations()
        showCursor(force: true)
    }

    mutating func refreshEndViolations() {
        endViolations = Checker.leaks(in: history.endState)
    }

    // MARK: Keys and commands

    /// Handles one key: counts, the help overlay and its filter, then the keymap.
    public mutating func handle(_ key: Key) -> Effect {
        if key == .interrupt { return .quit }
        if key == .resize { return .redraw }
        // A status message lasts until the next key.
        let hadStatus = status != nil
        status = nil
        let effect = prompt != nil ? handlePrompt(key) : handleKey(key)
        return hadStatus && effect == .none ? .redraw : effect
    }

    private mutating func handleKey(_ key: Key) -> Effect {
        if key == .character("q") { return .quit }
        if var h = help {
            if h.isEditingFilter {
                switch key {
                case .escape: h.filter = ""; h.isEditingFilter = false
                case .enter: h.isEditingFilter = false
                case .backspace: if h.filter.isEmpty { h.isEditingFilter = false } else { h.filter.removeLast() }
                case .character(let c): h.filter.append(c)
                default: return .none
                }
                help = h
                return .redraw
            }
            switch key {
            case .escape, .character("?"), .function(1): help = nil
            case .character("/"): h.isEditingFilter = true; help = h
            case .backspace where !h.filter.isEmpty: h.filter = ""; help = h
            default: return .none
            }
            return .redraw
        }
        if case .character(let c) = key, let digit = c.wholeNumberValue, c.isASCII, digit > 0 || count != nil {
            count = min((count ?? 0) * 10 + digit, 99_999_999)
            return .redraw
        }
        if key == .escape, count != nil {
            count = nil
            return .redraw
        }
        guard let command = keymap.command(for: key) else {
            if count != nil { count = nil; return .redraw }
            return .none
        }
        let n = count
        count = nil
        let effect = apply(command, count: n)
        return n != nil && effect == .none ? .redraw : effect
    }

    /// Carries out `command`, `count` times for a motion (for `g` and `G`: go to step `count`).
    public mutating func apply(_ command: ViewerCommand, count: Int? = nil) -> Effect {
        defer { showCursor() }
        return perform(command, count: count)
    }

    private mutating func perform(_ command: ViewerCommand, count: Int?) -> Effect {
        let times = max(1, count ?? 1)
        let before = history.cursor
        switch command {
        case .quit:
            return .quit
        case .help:
            help = Help()
            return .redraw
        case .typeCall:
            openCallPrompt()
            return .redraw
        case .export:
            prompt = Prompt(kind: .exportPath)
            return .redraw
        case .switchDesign:
            switchDesign()
            return .redraw
        case .focusNext, .focusPrevious:
            let all = Pane.allCases, step = command == .focusNext ? 1 : all.count - 1
            focus = all[(focus.rawValue + step) % all.count]
            return .redraw
        case .scrollDown, .scrollUp, .pageDown, .pageUp:
            let page = command == .pageDown || command == .pageUp ? 10 : 1
            let sign = command == .scrollDown || command == .pageDown ? 1 : -1
            let old = scroll[focus] ?? 0
            let new = max(0, old + sign * page * times)
            scroll[focus] = new
            return new == old ? .none : .redraw
        case .nextStep:
            history.seek(to: history.cursor + times)
        case .previousStep:
            history.seek(to: history.cursor - times)
        case .firstStep:
            history.seek(to: count ?? 0)
        case .lastStep:
            history.seek(to: count ?? history.stepCount)
        case .nextCall:
            var target = history.cursor
            for _ in 0..<times {
                let p = history.position(of: target)
                let end = history.end(ofCall: p.call)
                target = end > target ? end : history.end(ofCall: p.call + 1)
            }
            history.seek(to: target)
        case .previousCall:
            var target = history.cursor
            for _ in 0..<times where target > 0 {
                target = history.end(ofCall: history.position(of: target).call - 1)
            }
            history.seek(to: target)
        case .nextFree, .previousFree, .nextViolation, .previousViolation:
            var target = history.cursor
            for _ in 0..<times {
                guard let t = stop(command, from: target) else { break }
                target = t
            }
            history.seek(to: target)
        }
        return history.cursor == before ? .none : .redraw
    }

    /// The next or previous event or violation stop; the end of the run counts as a violation
    /// stop when it has leaks.
    private func stop(_ command: ViewerCommand, from index: Int) -> Int? {
        let end = history.stepCount
        switch command {
        case .nextFree: return history.nextEventStep(after: index)
        case .previousFree: return history.previousEventStep(before: index)
        case .nextViolation:
            return history.nextViolationStep(after: index) ?? (!endViolations.isEmpty && index < end ? end : nil)
        case .previousViolation:
            return history.previousViolationStep(before: index)
        default: return nil
        }
    }
}
