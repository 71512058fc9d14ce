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
    public private(set) var history: StepHistory
    /// The call that failed, if the run stopped early.
    public private(set) var failure: Failure?
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

    /// A session over records already run.
    public init(scenario: Scenario, records: [CallRecord], failure: Failure? = nil, keymap: Keymap = .standard) {
        self.scenario = scenario
        self.history = StepHistory(records: records)
        self.failure = failure
        self.keymap = keymap
        self.endViolations = []
        refreshEndViolations()
    }

    /// Runs `program` under `design` and opens a session on it, the cursor before the first call.
    /// - Throws: The reading errors, when the file has any (nothing runs then).
    public init(program: Program, design: Design, keymap: Keymap = .standard) throws(ReadingErrors) {
        var records: [CallRecord] = []
        var failure: Failure?
        switch ScenarioRun.execute(program, design: design, observe: { record, _ in records.append(record) }) {
        case .unreadable(let errors): throw ReadingErrors(diagnostics: errors)
        case .failed(let op, let d, _): failure = Failure(op: op, diagnostic: d)
        case .completed: break
        }
        self.init(scenario: Scenario(file: program.file, title: program.title, design: design),
                  records: records, failure: failure, keymap: keymap)
    }

    // MARK: Changing the run (for typed calls and design switches)

    /// Puts a call typed at the cursor after the calls completed there, dropping the calls
    /// after them (and any failure), and moves the cursor to the new call's last step.
    ///
    /// `record` must have run on `history.state(afterCall: history.completedCalls)`.
    public mutating func appendTypedCall(_ record: CallRecord) {
        history.truncate(afterCall: history.completedCalls)
        history.append(record)
        failure = nil
        history.seek(to: history.stepCount)
        refreshEndViolations()
    }

    /// Replaces the whole run (re-run under `design`), keeping the cursor on the same call
    /// and step where the new run has them.
    public mutating func replaceRun(design: Design, records: [CallRecord], failure: Failure?) {
        scenario.design = design
        history.replaceRecords(records)
        self.failure = failure
        refreshEndViolations()
    }

    private mutating func refreshEndViolations() {
        endViolations = Checker.leaks(in: history.endState)
    }

    // MARK: Keys and commands

    /// Handles one key: counts, the help overlay and its filter, then the keymap.
    public mutating func handle(_ key: Key) -> Effect {
        if key == .interrupt || key == .character("q") { return .quit }
        if key == .resize { return .redraw }
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
        let times = max(1, count ?? 1)
        let before = history.cursor
        switch command {
        case .quit:
            return .quit
        case .help:
            help = Help()
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
