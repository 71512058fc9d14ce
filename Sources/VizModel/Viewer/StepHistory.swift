/// The steps of a run as an undo history: the call records, a cursor over their steps, and
/// the state at the cursor.
///
/// The cursor is a global step index: 0 is before the first call, `g` is after the `g`-th
/// step of the whole run. Moving it one step applies that step's deltas forward or backward
/// (`SkbState.apply(_:forward:)`), never re-runs a call, so undo and redo cost the same at any
/// depth. Long jumps (`42g`, `G`) start from the nearest checkpoint, a full state kept after a
/// stretch of deltas at least proportional to the state's size, so the checkpoints never take
/// more memory than the deltas they cover: memory grows with what changed.
///
/// A later issue can append a typed call after the cursor (`truncate(afterCall:)` then
/// `append(_:)`) and re-run under another design (`replaceRecords(_:)`).
public struct StepHistory: Sendable {
    /// Where a global step index falls.
    public struct Position: Hashable, Sendable {
        /// 1-based call number; 0 only when there are no calls.
        public var call: Int
        /// 1-based step within the call; 0 before its first step.
        public var step: Int

        public init(call: Int, step: Int) {
            self.call = call
            self.step = step
        }
    }

    struct Checkpoint: Sendable {
        var step: Int
        var state: SkbState
    }

    /// The calls that ran, in order (`op` is 1-based).
    public private(set) var records: [CallRecord] = []
    /// The global step index after each call: `callEnds[k]` is the index after call `k + 1`.
    public private(set) var callEnds: [Int] = []
    /// The global step index: how many steps are applied to `state`.
    public private(set) var cursor = 0
    /// The state after `cursor` steps.
    public private(set) var state: SkbState
    /// The state after the last step.
    public private(set) var endState: SkbState

    private let initialState: SkbState
    private var checkpoints: [Checkpoint]
    private var checkpointSteps: [Int] = [0]
    private var deltasSinceCheckpoint = 0
    /// Global step indexes (1-based) whose step caused an event, in order.
    private(set) var eventSteps: [Int] = []
    /// Global step indexes whose step found a violation, in order.
    private(set) var violationSteps: [Int] = []
    /// Where each object is drawn; built as records are appended.
    private(set) var placement = Placement()

    /// An empty history over `initial` (an empty state by default).
    public init(initial: SkbState = SkbState()) {
        initialState = initial
        state = initial
        endState = initial
        checkpoints = [Checkpoint(step: 0, state: initial)]
    }

    /// A history of `records`, with the cursor at 0.
    public init(records: [CallRecord], initial: SkbState = SkbState()) {
        self.init(initial: initial)
        for r in records { append(r) }
    }

    /// The number of steps in the whole run.
    public var stepCount: Int { callEnds.last ?? 0 }
    /// The number of calls.
    public var callCount: Int { records.count }

    /// The global step index after call `call` (1-based; 0 gives 0).
    public func end(ofCall call: Int) -> Int {
        call <= 0 ? 0 : callEnds[min(call, callEnds.count) - 1]
    }

    /// The global step index before call `call`'s first step.
    public func start(ofCall call: Int) -> Int { end(ofCall: call - 1) }

    /// The call and step of global step index `index`: the call holding step `index`, or
    /// call 1 step 0 for index 0.
    /// - Complexity: O(log calls).
    public func position(of index: Int) -> Position {
        guard !records.isEmpty else { return Position(call: 0, step: 0) }
        guard index > 0 else { return Position(call: 1, step: 0) }
        let k = firstIndex(in: callEnds, atLeast: min(index, stepCount))
        return Position(call: k + 1, step: index - start(ofCall: k + 1))
    }

    /// The position of the cursor.
    public var position: Position { position(of: cursor) }

    /// The calls whose every step is at or before the cursor: a typed call goes after them.
    public var completedCalls: Int {
        firstIndex(in: callEnds, atLeast: cursor + 1)
    }

    /// The `index`-th step of the run (1-based).
    public func step(_ index: Int) -> Step {
        let p = position(of: index)
        return records[p.call - 1].steps[p.step - 1]
    }

    /// The step that led to the cursor's state, if the cursor is past the start.
    public var currentStep: Step? { cursor > 0 ? step(cursor) : nil }

    /// The record of the cursor's call.
    public var currentRecord: CallRecord? {
        let p = position
        return p.call > 0 ? records[p.call - 1] : nil
    }

    // MARK: Moving

    /// Applies the next step. Returns false at the end.
    @discardableResult
    public mutating func redo() -> Bool {
        guard cursor < stepCount else { return false }
        state.apply(step(cursor + 1).deltas, forward: true)
        cursor += 1
        return true
    }

    /// Applies the current step backward. Returns false at the root.
    @discardableResult
    public mutating func undo() -> Bool {
        guard cursor > 0 else { return false }
        state.apply(step(cursor).deltas, forward: false)
        cursor -= 1
        return true
    }

    /// Moves the cursor to `target` (clamped to the run), from the cursor or the nearest
    /// checkpoint, whichever is fewer steps away.
    /// - Complexity: O(steps between the start point and `target`).
    public mutating func seek(to target: Int) {
        let t = max(0, min(target, stepCount))
        var best = abs(t - cursor)
        let i = lastIndex(in: checkpointSteps, atMost: t)
        var from: Checkpoint?
        if t - checkpoints[i].step < best {
            best = t - checkpoints[i].step
            from = checkpoints[i]
        }
        if i + 1 < checkpoints.count, checkpoints[i + 1].step - t < best {
            from = checkpoints[i + 1]
        }
        if let from {
            state = from.state
            cursor = from.step
        }
        while cursor < t { redo() }
        while cursor > t { undo() }
    }

    /// The state after call `call`, without moving the cursor: where a typed call would run.
    public func state(afterCall call: Int) -> SkbState {
        var copy = self
        copy.seek(to: end(ofCall: call))
        return copy.state
    }

    // MARK: Events and violations

    /// The steps at or before `index` that caused events or found violations, newest last.
    /// - Complexity: O(log steps + the result).
    public func outcomeSteps(upTo index: Int, limit: Int) -> [Int] {
        let e = firstIndex(in: eventSteps, atLeast: index + 1)
        let v = firstIndex(in: violationSteps, atLeast: index + 1)
        var merged: [Int] = []
        var a = e - 1, b = v - 1
        while merged.count < limit, a >= 0 || b >= 0 {
            let x = a >= 0 ? eventSteps[a] : -1, y = b >= 0 ? violationSteps[b] : -1
            let next = max(x, y)
            if x == next { a -= 1 }
            if y == next { b -= 1 }
            merged.append(next)
        }
        return merged.reversed()
    }

    /// The next step after `index` with an event (every event is a destructor or a free).
    public func nextEventStep(after index: Int) -> Int? { next(in: eventSteps, after: index) }
    /// The last step before `index` with an event.
    public func previousEventStep(before index: Int) -> Int? { previous(in: eventSteps, before: index) }
    /// The next step after `index` that found a violation.
    public func nextViolationStep(after index: Int) -> Int? { next(in: violationSteps, after: index) }
    /// The last step before `index` that found a violation.
    public func previousViolationStep(before index: Int) -> Int? { previous(in: violationSteps, before: index) }

    // MARK: Changing the run

    /// Appends a call that ran on `endState`.
    /// - Complexity: O(the call's deltas), plus a copy of the state when a checkpoint is due.
    public mutating func append(_ record: CallRecord) {
        let base = stepCount
        records.append(record)
        callEnds.append(base + record.steps.count)
        for (j, step) in record.steps.enumerated() {
            let index = base + j + 1
            endState.apply(step.deltas, forward: true)
            placement.place(step)
            if step.outcomes.contains(where: { if case .event = $0 { true } else { false } }) { eventSteps.append(index) }
            if !step.violations.isEmpty { violationSteps.append(index) }
            deltasSinceCheckpoint += step.deltas.count
            if deltasSinceCheckpoint >= Self.checkpointSpacing(endState) {
                checkpoints.append(Checkpoint(step: index, state: endState))
                checkpointSteps.append(index)
                deltasSinceCheckpoint = 0
            }
        }
    }

    /// Drops every call after call `call` (1-based; 0 drops all); the cursor moves back to the
    /// end of call `call` if it was past it.
    /// - Complexity: O(the steps kept), to rebuild the placement of objects.
    public mutating func truncate(afterCall call: Int) {
        let keep = max(0, min(call, records.count))
        guard keep < records.count else { return }
        let target = min(cursor, end(ofCall: keep))
        let kept = Array(records.prefix(keep))
        rebuild(kept, cursorAt: target)
    }

    /// Replaces every record (after a re-run under another design), keeping the cursor on the
    /// same call and step where the new run has them, else at the nearest earlier one.
    public mutating func replaceRecords(_ newRecords: [CallRecord]) {
        let p = position
        var fresh = StepHistory(records: newRecords, initial: initialState)
        let target: Int
        if cursor == 0 || fresh.records.isEmpty {
            target = 0
        } else if p.call <= fresh.callCount {
            target = fresh.start(ofCall: p.call) + min(p.step, fresh.records[p.call - 1].steps.count)
        } else {
            target = fresh.stepCount
        }
        fresh.seek(to: target)
        self = fresh
    }

    private mutating func rebuild(_ kept: [CallRecord], cursorAt target: Int) {
        // The cursor's state stays valid (it is at or before the cut): move it there first.
        seek(to: target)
        let current = state, at = cursor
        var fresh = StepHistory(records: kept, initial: initialState)
        fresh.state = current
        fresh.cursor = at
        self = fresh
    }

    // MARK: Helpers

    /// A checkpoint is kept after at least this many deltas: at least four per object of the
    /// state, so checkpoints never outweigh the deltas between them.
    static func checkpointSpacing(_ s: SkbState) -> Int {
        max(512, 4 * (s.skbs.count + s.data.count + s.pages.count + s.bindings.count + s.freed.count))
    }

    private func next(in list: [Int], after index: Int) -> Int? {
        let i = firstIndex(in: list, atLeast: index + 1)
        return i < list.count ? list[i] : nil
    }

    private func previous(in list: [Int], before index: Int) -> Int? {
        let i = firstIndex(in: list, atLeast: index)
        return i > 0 ? list[i - 1] : nil
    }
}

/// The first index of sorted `list` whose element is at least `value` (`list.count` if none).
func firstIndex(in list: [Int], atLeast value: Int) -> Int {
    var lo = 0, hi = list.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if list[mid] < value { lo = mid + 1 } else { hi = mid }
    }
    return lo
}

/// The last index of sorted `list` whose element is at most `value` (0 if none).
func lastIndex(in list: [Int], atMost value: Int) -> Int {
    max(0, firstIndex(in: list, atLeast: value + 1) - 1)
}
