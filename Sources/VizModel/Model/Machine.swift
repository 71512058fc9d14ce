/// Runs kernel calls on a state, one micro-step at a time, recording each step as data.
///
/// Every mutation goes through `update…`/`insert…`/`remove…`, which remember the object as it
/// was before the step first touched it; `begin(_:)` closes the open step into a `Step` of
/// deltas, outcomes and checker findings. A call that throws is rolled back by applying its
/// deltas in reverse, so a failed call leaves the state, and the id counters, as they were.
/// A machine that keeps no steps (`keepsSteps` false) only remembers what each object was
/// before the call, to roll back and to bring the state's referrers up to date when they are
/// read: the state moves exactly as it would, but no step or event is kept; it keeps the
/// call's findings only when asked (`keepsFindings`: `explore` judges each transition by
/// them), and then asks the checker once, after the call. A machine that keeps no steps and
/// never rolls back (`tracksChanges` false: `explore`'s closing, whose end state is only
/// looked at for what is left, and its search, which drops the state of a call that fails)
/// remembers nothing of what it changed, has the state drop its referrers (it answers by
/// walking its objects), and has the checker read the whole state.
struct Machine {
    var state: SkbState
    let design: Design
    /// The running call as the scenario wrote it: where the scenario's last reference to an
    /// object went (the state's `freed`, which only error messages read). Nil for `explore`'s machines: its states have
    /// no lines, and keeping none spares a string key for every object freed.
    let call: CallSite?
    /// Whether steps keep their texts: a run that shows no step (`run --quiet` with a trace of
    /// no step records) leaves them empty and never builds them.
    let texts: Bool
    /// Whether a call's results take the names they are bound to: `explore`'s search takes the
    /// references but names nothing (its codes leave names out).
    let names: Bool
    /// Whether the steps are kept: false when nothing will look at them (`run --quiet` with
    /// no output file; `explore`, which judges a call by its findings alone).
    let keepsSteps: Bool
    /// Whether a machine that keeps no steps keeps the call's violations (`findings`).
    let keepsFindings: Bool
    /// Whether the machine remembers what it changes (to keep steps, to roll back, to keep the
    /// state's referrers up to date, and to check only what a call changed).
    let tracksChanges: Bool
    private(set) var steps: [Step] = []
    /// The violations of a machine that keeps no steps but its findings, in the order reported.
    private(set) var findings: [Violation] = []
    /// Nesting depth of the steps being recorded.
    var depth = 0

    /// Whether a step is open, and its text when steps are kept (a machine that keeps none
    /// holds no text: setting and dropping one cost a string release a step).
    private var stepOpen = false
    private var openText: String?
    private var openDepth = 0
    /// When steps are kept: the objects the open step touched, as they were before it, in the
    /// order it touched them.
    private var touched: [ObjectChange] = []
    /// The keys of `touched` once they are many: a step that unlinks a long `frag_list`
    /// touches every member.
    private var touchedKeys: Set<ObjectKey> = []
    private var outcomes: [Outcome] = []
    /// When no step is kept: every object the call touched, as it was before the call, in the
    /// order first touched (what `rollBack` restores). Once per object: a call that unlinks a
    /// long `frag_list` member by member changes its buffer thousands of times.
    private var undo: [ObjectChange] = []
    /// The keys of `undo` once they are many.
    private var undoKeys: Set<ObjectKey> = []
    /// When no step is kept, the referrers follow the call only when something is about to read
    /// them (`syncReferrers`): at the end of the call, before a data destructor's check, before
    /// a rollback (a call starts with them up to date, so its checks before its first change
    /// read them as they are). Following every step, as a machine that keeps steps does, cost
    /// a copy of every object a step touched. Whether the call changed anything since they last
    /// followed.
    private var referrersBehind = false
    /// The values the referrers followed at a sync in the middle of the call, for the first
    /// objects of `undo` (the others: their values before the call).
    private var synced: [ObjectValue?] = []
    /// The room of the last release's list of what is left to do (`release(_:)`), kept for
    /// the next: a machine reused from call to call releases something in most of them.
    var releaseRoom: [ReleaseRest] = []

    init(state: SkbState, design: Design, call: CallSite?, texts: Bool = true, names: Bool = true, keepsSteps: Bool = true,
         keepsFindings: Bool = false, rollsBack: Bool = true) {
        self.state = state
        self.design = design
        self.call = call
        self.texts = texts && keepsSteps
        self.names = names
        self.keepsSteps = keepsSteps
        self.keepsFindings = keepsFindings && !keepsSteps
        self.tracksChanges = keepsSteps || rollsBack
        // Room for what most calls touch, grown once instead of from one item.
        if tracksChanges {
            if keepsSteps { touched.reserveCapacity(8) } else { undo.reserveCapacity(8) }
        }
    }

    /// Whether anything will read a violation reported now: checks that only find violations
    /// are skipped when nothing will.
    var reports: Bool { keepsSteps || keepsFindings }

    // MARK: Steps

    /// Closes the open step, if any, and opens a new one at the current depth.
    mutating func begin(_ text: String) {
        close()
        stepOpen = true
        if keepsSteps { openText = text }
        openDepth = depth
    }

    /// A step's text, built only when this run keeps texts: `begin(say("…"))`.
    func say(_ text: @autoclosure () -> String) -> String {
        texts ? text() : ""
    }

    /// Runs `body` with its steps one level deeper (a nested kernel call). Its last step stays
    /// open: the caller begins its next step before changing anything else.
    mutating func nested<T, E: Error>(_ body: (inout Machine) throws(E) -> T) throws(E) -> T {
        descend()
        defer { ascend() }
        return try body(&self)
    }

    /// Enters a nested kernel call, as `nested` does, for a walk that keeps its own work list
    /// instead of recursing: closes the open step, and the following steps are one level deeper.
    mutating func descend() {
        close()
        depth += 1
    }

    /// Leaves the nested call `descend` entered; its last step stays open.
    mutating func ascend() {
        depth -= 1
    }

    /// Rewords the open step (when a nested helper's own text says less than the caller's).
    mutating func replaceText(_ text: String) {
        if stepOpen && keepsSteps { openText = text }
    }

    /// Whether a step is open to take further changes.
    var hasOpenStep: Bool { stepOpen }

    /// Closes the open step and returns every step recorded.
    mutating func finish() -> [Step] {
        closeCall()
        return steps
    }

    /// Runs `body` on `state` with this machine, reused from call to call (a machine that keeps
    /// no steps): the state is swapped in and back out, not copied, and the machine readied
    /// for the call first.
    mutating func run<R>(on state: inout SkbState, _ body: (inout Machine) -> R) -> R {
        restart()
        // Remembering no change, the machine cannot bring the referrers along: the state drops
        // them and answers who refers to what by walking its objects.
        if !tracksChanges { state.keepsReferrers = false }
        swap(&state, &self.state)
        defer { swap(&state, &self.state) }
        return body(&self)
    }

    /// Readies a machine that keeps no steps for its next call, keeping the room of its lists.
    private mutating func restart() {
        // Emptied only when not empty already: most calls of a search find nothing, and
        // emptying an empty list still went through its storage.
        if !findings.isEmpty { findings.removeAll(keepingCapacity: true) }
        if !undo.isEmpty { undo.removeAll(keepingCapacity: true) }
        if !undoKeys.isEmpty { undoKeys = [] }
        if !synced.isEmpty { synced = [] }
        depth = 0
        stepOpen = false
    }

    /// Closes the open step of a machine that keeps findings and returns them: those reported
    /// during the call, then (`invariants`) the checker's, asked once over every object the
    /// call changed (model.md §1's rules hold after the call). Without them the checker can
    /// still be asked, until the next call, with `invariantViolations(in:)`.
    mutating func finishFindings(invariants: Bool = true) -> [Violation] {
        closeCall()
        return invariants ? findings + invariantViolations(in: state) : findings
    }

    /// The checker's findings on `state`, the state this machine's last call left: over every
    /// object that call changed, or over every object when the machine does not track changes.
    func invariantViolations(in state: SkbState) -> [Violation] {
        tracksChanges ? Checker.invariantViolations(in: state, changed: undo) : Checker.invariantViolations(in: state)
    }

    /// Closes the call's last step, with the checks of MSG_ZEROCOPY objects' refcounts that
    /// hold once a call is done, when anything will read them.
    private mutating func closeCall() {
        if design.zerocopy == .refcounted, hasOpenStep, reports {
            for v in Checker.refcountViolations(in: state) { report(v) }
        }
        close()
        syncReferrers(keeping: false)
    }

    /// Brings the referrers of a machine that keeps no steps up to the state: each object the
    /// call touched, from the value they last followed to its value now.
    /// - Parameter keeping: whether to remember the values followed (the call goes on).
    mutating func syncReferrers(keeping: Bool = true) {
        guard referrersBehind else { return }
        referrersBehind = false
        guard state.keepsReferrers else { return }
        for i in undo.indices {
            state.noteChange(undo[i].key, from: i < synced.count ? synced[i] : undo[i].before)
        }
        if keeping { synced = undo.map { state[$0.key] } }
    }

    /// Undoes every change this machine made.
    mutating func rollBack() {
        close()
        syncReferrers(keeping: false)
        for step in steps.reversed() { state.apply(step.deltas, forward: false) }
        steps = []
        for t in undo.reversed() { state[t.key] = t.before }
        undo.removeAll(keepingCapacity: true)
        undoKeys = []
        synced = []
        findings.removeAll(keepingCapacity: true)
    }

    /// Closes the open step, if any; only a machine that keeps steps has more to do than
    /// note it (inline: a search's machine closes a step at every step it begins).
    @inline(__always)
    private mutating func close() {
        guard stepOpen else { return }
        stepOpen = false
        if keepsSteps { closeKept() }
    }

    /// `close` of a machine that keeps steps: the step's deltas, its checks, the step.
    private mutating func closeKept() {
        guard let text = openText else { return }
        var deltas: [Delta] = []
        deltas.reserveCapacity(touched.count)
        for t in touched {
            let key = t.key, before = t.before
            let after = state[key]
            if before != after {
                deltas.append(Delta(key: key, before: before, after: after))
                state.noteChange(key, from: before, to: after)
            }
        }
        for v in Checker.invariantViolations(in: state, changed: deltas) {
            outcomes.append(.violation(v))
        }
        steps.append(Step(text: text, depth: openDepth, deltas: deltas, outcomes: outcomes))
        openText = nil
        touched.removeAll(keepingCapacity: true)
        if !touchedKeys.isEmpty { touchedKeys = [] }
        outcomes.removeAll(keepingCapacity: true)
    }

    /// Remembers `key`'s value before the open step (a machine that keeps steps) or before the
    /// call (one that does not), the first time the step or the call is about to change it.
    @inline(__always)
    mutating func touch(_ key: ObjectKey) {
        if tracksChanges { remember(key) }
    }

    /// `touch` of a machine that tracks changes (inline above: a search's machine, which tracks
    /// none, touches an object at every change).
    private mutating func remember(_ key: ObjectKey) {
        if keepsSteps {
            guard Self.isNew(key, in: touched, keys: &touchedKeys) else { return }
            touched.append(ObjectChange(key: key, before: state[key]))
        } else {
            referrersBehind = true
            guard Self.isNew(key, in: undo, keys: &undoKeys) else { return }
            undo.append(ObjectChange(key: key, before: state[key]))
        }
    }

    /// Whether `key` is not yet in `list`, whose keys `keys` holds once the list is long (a
    /// short list is searched, which is faster than hashing); a new key is put in `keys`.
    private static func isNew(_ key: ObjectKey, in list: [ObjectChange], keys: inout Set<ObjectKey>) -> Bool {
        if list.count < 16 {
            for i in list.indices where list[i].key == key { return false }
            if list.count == 15 { keys = Set(list.map(\.key) + [key]) }
            return true
        }
        return keys.insert(key).inserted
    }

    /// Records an event of the open step; a machine that keeps no steps does not even build it.
    mutating func emit(_ event: @autoclosure () -> Event) {
        if keepsSteps { outcomes.append(.event(event())) }
    }

    mutating func report(_ violation: Violation) {
        if keepsSteps {
            outcomes.append(.violation(violation))
        } else if keepsFindings {
            findings.append(violation)
        }
    }

    // MARK: Reading

    func skb(_ id: Int) -> SkBuff { state.skbs[id]! }
    func buffer(_ id: Int) -> DataBuffer { state.data[id]! }

    /// What `body` reads of skb `id`, borrowed where the state holds it: a field or two read
    /// this way copy no whole struct (its strings and arrays are not retained).
    func readSkb<R>(_ id: Int, _ body: (SkBuff) -> R) -> R { state.skbs.read(id, body)! }
    /// What `body` reads of buffer `id`, borrowed where the state holds it.
    func readBuffer<R>(_ id: Int, _ body: (DataBuffer) -> R) -> R { state.data.read(id, body)! }
    func bufferOf(_ skb: Int) -> DataBuffer { state.data[state.skbs[skb]!.data]! }

    // MARK: Changing

    mutating func updateSkb(_ id: Int, _ change: (inout SkBuff) -> Void) {
        touch(.skb(id))
        state.skbs.update(id, change)
    }

    mutating func updateBuffer(_ id: Int, _ change: (inout DataBuffer) -> Void) {
        touch(.data(id))
        state.data.update(id, change)
    }

    mutating func updatePage(_ id: Int, _ change: (inout Page) -> Void) {
        touch(.page(id))
        state.pages.update(id, change)
    }

    mutating func bind(_ name: String, to binding: Binding) {
        touch(.binding(name))
        state.bind(name, to: binding)
    }

    /// How messages and step texts call page `id`: its scenario name.
    func pageRef(_ id: Int) -> String { state.pageRef(id) }

    /// Takes the next skb id and records a new struct under it, held by the running call.
    mutating func newSkb(data: Int, size: Int, fclone: FcloneKind = .none) -> Int {
        touch(.counters)
        state.counters.lastSkb += 1
        let id = state.counters.lastSkb
        touch(.skb(id))
        var skb = SkBuff(id: id, data: data, size: size, fclone: fclone)
        skb.inFlight = 1
        state.skbs.put(id, skb)
        return id
    }

    /// Takes the next buffer id and allocates a head of `size` bytes plus its shinfo.
    mutating func newBuffer(size: Int) -> Int {
        touch(.counters)
        state.counters.lastData += 1
        let id = state.counters.lastData
        touch(.data(id))
        state.data.put(id, DataBuffer(id: id, size: size))
        return id
    }

    /// Takes the next page id and allocates a page under it, with count 1.
    mutating func newPage() -> Int {
        touch(.counters)
        state.counters.lastPage += 1
        let id = state.counters.lastPage
        touch(.page(id))
        state.pages.put(id, Page(id: id))
        return id
    }

    /// Frees an skb struct: it leaves the state and remembers this call.
    mutating func removeSkb(_ id: Int) {
        touch(.skb(id))
        state.skbs.removeValue(id)
        if call != nil { remember("s\(id)") }
    }

    /// Remembers the running call in the state's `freed` under `ref` (`sN` or a page's name);
    /// nothing for a machine without a call.
    mutating func remember(_ ref: String) {
        guard let call else { return }
        touch(.freed(ref))
        state.freed[ref] = call
    }

    mutating func removeBuffer(_ id: Int) {
        touch(.data(id))
        state.data.removeValue(id)
    }

    /// `put_page` of one reference; at zero the page is freed.
    mutating func putPage(_ id: Int) {
        updatePage(id) { $0.count -= 1 }
        if state.pages[id]!.count == 0 {
            // The page's name is a string to build: only for a call or an event to keep.
            let ref = call != nil || keepsSteps ? pageRef(id) : nil
            touch(.page(id))
            state.pages.removeValue(id)
            if let ref {
                remember(ref)
                emit(.freePage(page: ref))
            }
        }
    }

    mutating func getPage(_ id: Int) {
        updatePage(id) { $0.count += 1 }
    }
}
