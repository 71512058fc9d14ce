/// The viewer: a run to walk (`ViewerRun`), how it is looked at (`ViewState`), the step texts
/// of the call at the cursor (`StepTexts`), and the prompt at the bottom, with the keymap
/// that says which key does what.
///
/// All changes go through `handle(_:)` (a key) or `apply(_:count:)` (a command); both are pure
/// and return what the front end must do. The layout (`ViewerLayout`) is a function of this
/// value, the screen size and the options, so a step reached again looks exactly the same.
public struct ViewerSession: Sendable {
    public typealias Pane = ViewState.Pane
    public typealias Help = ViewState.Help
    public typealias Scenario = ViewerRun.Scenario
    public typealias Failure = ViewerRun.Failure

    /// What the front end must do after a key or command.
    public enum Effect: Hashable, Sendable {
        /// Draw the new screen.
        case redraw
        /// Nothing changed (an unbound key, a scroll past the top). A motion with nowhere to
        /// go is a redraw: the hint bar says why it stayed.
        case none
        /// Restore the terminal and exit 0.
        case quit
        /// Write the session log (`logSource`) to `path` + `.skb`, `.jsonl` and `.txt`; `nil`
        /// for the default name. Unless `overwrite`, refuse when one of them exists and call
        /// `exportNeedsConfirmation`; report with `exportFinished`.
        case export(path: String?, overwrite: Bool)
        /// Write the picture of the cursor's step (`Picture.svg(of:)`) to `path`; `nil` for the
        /// default name. Unless `overwrite`, refuse when it exists and call
        /// `pictureNeedsConfirmation`; report with `exportFinished`.
        case picture(path: String?, overwrite: Bool)
    }

    /// The calls, their history and how typed calls and design switches change them.
    public private(set) var run: ViewerRun
    /// The focused pane, the scroll offsets, the help overlay and a count being typed.
    public private(set) var view = ViewState()
    /// The steps of the call at the cursor, with their texts.
    public private(set) var texts = StepTexts()
    /// The command line at the bottom, when open.
    public internal(set) var prompt: Prompt?
    /// A one-off message shown in the hint bar until the next key.
    public internal(set) var status: String?
    /// The last text searched for with `/`, which `/` Enter searches again.
    public internal(set) var lastSearch: String?
    /// The calls typed so far (Up/Down at the prompt), oldest first.
    public internal(set) var typedHistory: [String] = []
    /// What the keys do; the hint bar and the help list this same keymap.
    public let keymap: Keymap
    /// The directory a relative export path is written into, shown at the export prompt
    /// (the front end's working directory).
    public var exportDirectory: String?
    /// The size of the screen the session is drawn on, for the keys that scroll by what shows
    /// (the help's pages, following a change); a front end sets it before each key.
    public var screenSize = TooSmallScreen.designSize

    /// Runs `program` under `design` and opens a session on it, the cursor before the first call.
    /// - Throws: The reading errors under `design`, when the file has any (nothing runs then),
    ///   as `run` reports them.
    public init(program: Program, design: Design, keymap: Keymap = .standard) throws(ReadingErrors) {
        let errors = program.readingErrors(in: design)
        guard errors.isEmpty else { throw ReadingErrors(diagnostics: errors) }
        run = ViewerRun(program: program, design: design)
        self.keymap = keymap
        showCursor(force: true)
        // A file whose call fails opens on a walk that stops before it: say so at once.
        status = run.failure?.headline(why: "the walk stops before it; G shows why at its end")
    }

    // MARK: The parts, as the screen reads them

    public var scenario: Scenario { run.scenario }
    public var history: StepHistory { run.history }
    public var calls: [CallStatement] { run.calls }
    public var closingNotes: [Note] { run.closingNotes }
    public var failure: Failure? { run.failure }
    public var endViolations: [Violation] { run.endViolations }
    public var designMarks: Set<OutcomeMark> { run.designMarks }
    public var markedAgainst: Design? { run.markedAgainst }
    /// The walk a what-if branch branched off, while on one.
    public var original: ViewerRun.Original? { run.original }
    /// When the data destructors fire under the other designs, where the screen shows it.
    public var otherDesigns: OtherDesigns? { run.otherDesigns }
    /// The focused pane; below 80×24 the objects pane, the only one shown, whatever Tab chose.
    public var focus: Pane { screenSize.covers(TooSmallScreen.designSize) ? view.focus : .objects }
    public var scroll: [Pane: Int] { view.scroll }
    public var help: Help? { view.help }
    public var count: Int? { view.count }
    /// The object the objects pane's cursor rests on.
    public var selected: ObjectKey? { view.selected }
    /// The list of the steps that changed it, when open (`t`).
    public var touched: ViewState.TouchedList? { view.touched }
    /// The steps of the call at the cursor, with their texts.
    public var shownSteps: [Step] { texts.steps }

    /// The step at the cursor, as shown (nil before a call's first step).
    var shownStep: Step? {
        let p = history.position, shown = shownSteps
        return p.step > 0 && p.step <= shown.count ? shown[p.step - 1] : nil
    }

    /// The call that failed, as the steps pane says it at the end of the walk: `call 2,
    /// skb_put(a, 200) at line 2, failed: …; nothing of it ran, nor the call after it`.
    var failureText: String? {
        guard let f = failure else { return nil }
        let statement = calls[f.op - 1]
        let after = calls.count - f.op
        return "call \(f.op), \(statement.text) at line \(statement.line), failed: \(f.diagnostic.message); nothing of it ran"
            + (after == 0 ? "" : after == 1 ? ", nor the call after it" : ", nor the \(after) calls after it")
    }

    /// What the steps pane lists after the steps at the end of the walk: the data destructors
    /// that never fired under this design, the leaks, and the call that failed.
    var endTexts: [String] {
        (otherDesigns?.endLines() ?? []) + endViolations.map { "end: " + $0.line } + (failureText.map { [$0] } ?? [])
    }

    /// Runs the call at the cursor again for its step texts, when the cursor has moved to
    /// another call or the run has changed (`force`).
    private mutating func showCursor(force: Bool = false) {
        texts.show(&run.history, calls: run.calls, design: run.scenario.design, force: force)
        // The steps pane says when a data destructor of this call, or one that never fired,
        // fires under the other designs.
        let h = run.history
        if h.cursor == h.stepCount && h.callCount > 0
            || texts.steps.contains(where: { $0.events.contains(where: OtherDesigns.isDataDestructor) }) {
            run.needOtherDesigns()
        }
    }

    /// Runs the calls under the other designs of the family, unless done already: a search
    /// reads the lines the steps pane shows from them (`otherDesigns`).
    mutating func needOtherDesigns() {
        if run.history.callCount > 0 { run.needOtherDesigns() }
    }

    /// Moves the cursor to step `index` of the walk (a search's match).
    mutating func go(to index: Int) {
        run.history.seek(to: index)
        view.followChange()
        leaveBranchIfBefore()
        showCursor()
    }

    /// Undoing back past the typed calls returns to the original walk, every call of it there.
    private mutating func leaveBranchIfBefore() {
        guard run.isBeforeBranch, let message = run.returnToOriginal() else { return }
        status = message
        showCursor(force: true)
    }

    // MARK: Changing the run (for typed calls and design switches)

    /// Where a typed call goes (`ViewerRun.typedCallPoint`).
    public var typedCallPoint: Int { run.typedCallPoint }

    /// Puts a call typed at the cursor after `typedCallPoint` (`ViewerRun.appendTypedCall`).
    public mutating func appendTypedCall(_ record: CallRecord) {
        run.appendTypedCall(record)
        showCursor(force: true)
    }

    /// Replaces the whole run (`ViewerRun.replaceRun`).
    public mutating func replaceRun(design: Design, history: StepHistory, failure: Failure?) {
        run.replaceRun(design: design, history: history, failure: failure)
        showCursor(force: true)
    }

    /// Re-runs the calls under the next design, and says what differs in the hint bar.
    public mutating func switchDesign() {
        status = run.switchDesign(why: failureWhy)
        showCursor(force: true)
    }

    /// Where the hint bar sends the reader for a failed call's whole diagnostic: the events
    /// pane, when it is on the screen (from 120 columns, or focused), else the key that shows it.
    private var failureWhy: String {
        guard screenSize.width < ViewerLayout.sideBySideWidth, focus != .events else { return "the events pane says why" }
        return "\(keymap.keyName(focus == .steps ? .focusNext : .focusPrevious)) shows why in the events pane"
    }

    // MARK: Keys and commands

    /// Handles one key: the prompt, the help overlay, counts, then the keymap.
    public mutating func handle(_ key: Key) -> Effect {
        // Ctrl-C quits in every mode, the prompts included, where `q` is a letter.
        if key == .interrupt { return .quit }
        if key == .resize { return .redraw }
        // A status message lasts until the next key.
        let hadStatus = status != nil
        status = nil
        let effect = prompt != nil ? handlePrompt(key) : handleKey(key)
        return hadStatus && effect == .none ? .redraw : effect
    }

    private mutating func handleKey(_ key: Key) -> Effect {
        if view.help != nil {
            switch view.handleHelp(key, keymap: keymap, viewport: ViewerLayout.helpViewport(self, options: .init(usesColor: false))) {
            case .changed: return .redraw
            case .unchanged: return .none
            case .quit: return .quit
            }
        }
        if view.touched != nil { return handleTouched(key) }
        if view.typeCount(key) { return .redraw }
        let command = keymap.command(for: key)
        if command == .quit { return .quit }
        if key == .escape, view.count != nil {
            _ = view.takeCount()
            return .redraw
        }
        let n = view.takeCount()
        guard let command else { return n != nil ? .redraw : .none }
        let effect = apply(command, count: n)
        return n != nil && effect == .none ? .redraw : effect
    }

    /// Carries out `command`, `count` times for a motion (for `g` and `G`: go to step `count`).
    /// A status message from the command before is cleared first, as a key clears it.
    public mutating func apply(_ command: ViewerCommand, count: Int? = nil) -> Effect {
        status = nil
        defer { showCursor() }
        return perform(command, count: count)
    }

    private mutating func perform(_ command: ViewerCommand, count: Int?) -> Effect {
        switch command {
        case .quit:
            return .quit
        case .help:
            view.openHelp()
        case .typeCall:
            prompt = Prompt(kind: .call)
        case .export:
            prompt = Prompt(kind: .exportPath)
        case .picture:
            prompt = Prompt(kind: .picturePath)
        case .search:
            prompt = Prompt(kind: .search)
        case .switchDesign:
            switchDesign()
        case .returnToOriginal:
            guard let message = run.returnToOriginal() else {
                status = "not on a what-if branch: type a call with \(keymap.keyName(.typeCall)) to make one"
                return .redraw
            }
            status = message
            view.followChange()
            showCursor(force: true)
        case .focusNext, .focusPrevious:
            // Below 80×24 the objects pane is the only one: nothing to move to, and the hint bar
            // says why (its note may be cut to `objects only`).
            guard screenSize.covers(TooSmallScreen.designSize) else {
                status = "\(screenSize) shows only the objects pane: the steps and events need \(TooSmallScreen.designSize)"
                return .redraw
            }
            view.cycleFocus(forward: command == .focusNext)
        case .scrollDown where focus == .objects && view.selected != nil, .scrollUp where focus == .objects && view.selected != nil:
            return moveObjectCursor(by: (command == .scrollDown ? 1 : -1) * max(1, count ?? 1))
        case .pickObject:
            let (anchors, start, _) = ViewerLayout.objectsView(self)
            guard let first = anchors.first(where: { $0.line >= start }) ?? anchors.first else {
                status = "no object at this step to put the cursor on"
                return .redraw
            }
            view.select(first.key)
            status = "cursor on \(objectName(first.key)): \(keymap.keyName(.lastChange))/\(keymap.keyName(.nextChange)) last/next change  "
                + "\(keymap.keyName(.touchedSteps)) touched  \(keymap.keyName(.dropObject)) lets go"
        case .dropObject:
            guard view.selected != nil else { return .none }
            view.select(nil)
        case .lastChange, .nextChange:
            guard let key = view.selected else { status = noObject; return .redraw }
            let h = run.history
            let found = command == .lastChange
                ? ObjectCursor.lastChange(of: key, before: h.cursor, in: h) : ObjectCursor.nextChange(of: key, after: h.cursor, in: h)
            guard let step = found else {
                status = command == .lastChange ? "no step before this one changed \(objectName(key))"
                    : "no step after this one changes \(objectName(key))"
                return .redraw
            }
            go(to: step)
        case .touchedSteps:
            guard let key = view.selected else { status = noObject; return .redraw }
            let touches = ObjectCursor.touches(of: key, in: run.history, calls: run.calls, design: run.scenario.design)
            guard !touches.isEmpty else {
                status = "no step of the walk changed \(objectName(key))"
                return .redraw
            }
            let row = touches.lastIndex { $0.step <= run.history.cursor } ?? 0
            view.showTouched(ViewState.TouchedList(object: objectName(key), touches: touches, row: row))
        case .scrollDown, .scrollUp, .pageDown, .pageUp:
            let n = (command == .scrollDown || command == .pageDown ? 1 : -1) * max(1, count ?? 1)
            let page = command == .pageDown || command == .pageUp
            guard let offset = ViewerLayout.scrolled(self, lines: page ? 0 : n, pages: page ? n : 0) else { return .none }
            view.scroll(focus, to: offset)
            return .redraw
        case .nextStep, .previousStep, .nextCall, .previousCall, .firstStep, .lastStep,
             .nextFree, .previousFree, .nextDataDestructor, .previousDataDestructor, .nextViolation, .previousViolation:
            guard let motion = command.motion else { return .none }
            let before = run.history.cursor
            run.history.seek(to: run.history.target(of: motion, count: count, endHasLeaks: !run.endViolations.isEmpty))
            guard run.history.cursor == before else {
                view.followChange()
                leaveBranchIfBefore()
                if motion == .violation(forward: true) { status = endLeaks }
                return .redraw
            }
            status = nothingFound(motion)
        }
        return .redraw
    }

    // MARK: The objects pane's cursor

    /// What `[`, `]` and `t` say with no object under the cursor: how to put it on one, or,
    /// at a step where nothing is allocated, that there is none (Enter would say so too).
    private var noObject: String {
        guard !ViewerLayout.objectsView(self).anchors.isEmpty else {
            return "no object under the cursor, and none at this step to put it on"
        }
        return "no object under the cursor: \(keymap.keyName(.pickObject)) puts the objects pane's cursor on one"
    }

    /// The name of `key` at the cursor's step (or as its id, when not allocated there).
    private func objectName(_ key: ObjectKey) -> String { ObjectCursor.name(key, in: run.history.state, step: shownStep) }

    /// Moves the objects pane's cursor `by` objects down (up when negative) in the pane's
    /// order, scrolling the pane to show it; from the first object when the one selected is
    /// not drawn at this step.
    private mutating func moveObjectCursor(by delta: Int) -> Effect {
        let (anchors, start, height) = ViewerLayout.objectsView(self)
        guard !anchors.isEmpty else {
            status = "no object at this step to put the cursor on"
            return .redraw
        }
        let i = anchors.firstIndex { $0.key == view.selected }
        let target = i.map { min(max(0, $0 + delta), anchors.count - 1) } ?? 0
        guard target != i else { return .none }
        let a = anchors[target]
        view.select(a.key)
        if a.line < start { view.scrollObjects(to: a.line) }
        if a.line >= start + height { view.scrollObjects(to: a.line - height + 1) }
        return .redraw
    }

    /// A key while the touched list is open (`Keymap.list`).
    private mutating func handleTouched(_ key: Key) -> Effect {
        guard var t = view.touched else { return .none }
        let last = t.touches.count - 1
        switch keymap.list.command(for: key) {
        case .quit: return .quit
        case .close: view.showTouched(nil)
        case .go:
            view.showTouched(nil)
            go(to: t.touches[t.row].step)
        case .down, .up, .pageDown, .pageUp:
            let command = keymap.list.command(for: key)
            let by = command == .down ? 1 : command == .up ? -1 : command == .pageDown ? 10 : -10
            let row = min(max(0, t.row + by), last)
            guard row != t.row else { return .none }
            t.row = row
            view.showTouched(t)
        case nil: return .none
        }
        return .redraw
    }

    /// What the hint bar says when `v` stops at the end of the walk for its leaks, which the
    /// steps pane lists there: `the walk ends with a leak: s2, d1 (nothing the scenario holds
    /// reaches them)`; nil elsewhere.
    private var endLeaks: String? {
        let h = run.history, leaks = run.endViolations
        guard h.cursor == h.stepCount, !leaks.isEmpty else { return nil }
        let names = leaks.compactMap(\.leaked)
        let shown = names.count > 6 ? names.prefix(5) + ["\(names.count - 5) more"] : names[...]
        return "the walk ends with a leak: \(shown.joined(separator: ", ")) (nothing the scenario holds reaches "
            + (names.count == 1 ? "it)" : "them)")
    }

    /// Why a walk has no data destructor firing, for a reader who pressed `x` expecting one:
    /// the design has none, no call of the walk sets one, or the call that sets one and where
    /// to see what keeps it from firing.
    private var whyNoDataDestructor: String {
        let d = run.scenario.design
        if !d.hasDataDestructor && d.zerocopy == nil { return ": 2.6.28 without the patch has none (d switches the design)" }
        guard let set = calls.firstIndex(where: { $0.call == .setDataDestructor }) else {
            return ": no call of this walk sets one (set_data_destructor)"
        }
        return ": call \(set + 1) sets one, but it does not fire in this walk (held by, in the objects pane, says what keeps it)"
    }

    /// What the hint bar says when `motion` found nowhere to go, so that a key is never silent.
    private func nothingFound(_ motion: Motion) -> String {
        let h = run.history, design = run.scenario.design.rawValue
        switch motion {
        case .step(let forward), .end(let forward):
            return forward ? "at the last step" : "at the first step"
        case .call(let forward):
            return forward ? "at the end of the last call" : "at the first step"
        case .event(let forward):
            let what = "destructor or free event"
            guard h.nextEventStep(after: -1) != nil else { return "no \(what) in this walk" }
            return forward ? "no \(what) after this step" : "no \(what) before this step"
        case .dataDestructor(let forward):
            let what = "data destructor firing"
            guard h.firstDataDestructorStep != nil else { return "no \(what) under \(design)" + whyNoDataDestructor }
            return forward ? "no \(what) after this step under \(design)" : "no \(what) before this step under \(design)"
        case .violation(let forward):
            guard h.nextViolationStep(after: -1) != nil || !run.endViolations.isEmpty else { return "no violation under \(design)" }
            return forward ? "no violation after this step under \(design)" : "no violation before this step under \(design)"
        }
    }
}
