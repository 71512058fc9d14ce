/// The steps of a run as an undo history: a cursor over the packed steps of every call, and
/// the state at the cursor.
///
/// The cursor is a global step index: 0 is before the first call, `g` is after the `g`-th
/// step of the whole run. Moving it one step applies that step's packed changes forward or
/// backward (`PackedSteps`), never re-runs a call, so undo and redo cost the same at any
/// depth. Long jumps (`42g`, `G`) start from the nearest checkpoint, a full state kept after
/// a stretch of packed bytes at least as large as an estimate of the state's own size, so the
/// checkpoints never take more memory than the steps they cover: memory grows with what
/// changed.
///
/// The history keeps no statement and no step text: the session has the calls, and the texts
/// of the call on screen are rendered by running it again (`StepTexts`). The viewer's motions
/// say where the cursor goes (`target(of:count:)`, beside the viewer).
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

    /// The global step index after each call: `callEnds[k]` is the index after call `k + 1`.
    public private(set) var callEnds: [Int] = []
    /// The global step index: how many steps are applied to `state`.
    public private(set) var cursor = 0
    /// The state after `cursor` steps.
    public private(set) var state: SkbState
    /// The state after the last step.
    public private(set) var endState: SkbState

    private var packed = PackedSteps()
    private var checkpoints: [Checkpoint]
    private var checkpointSteps: [Int] = [0]
    private var bytesAtCheckpoint = 0
    /// Global step indexes (1-based) whose step caused an event, in order.
    private(set) var eventSteps: [Int] = []
    /// Global step indexes whose step found a violation, in order.
    private(set) var violationSteps: [Int] = []
    /// Where each object is drawn; built as calls are appended.
    public private(set) var placement = Placement()

    /// An empty history: no call, the empty state.
    public init() {
        state = SkbState()
        endState = state
        checkpoints = [Checkpoint(step: 0, state: state)]
    }

    /// A history of calls given by their steps, from the empty state, with the cursor at 0.
    public init(calls: [[Step]]) {
        self.init()
        for steps in calls { append(steps) }
    }

    /// The bytes the packed steps take: what the history's memory grows with.
    public var packedBytes: Int { packed.byteCount }

    /// The number of steps in the whole run.
    public var stepCount: Int { callEnds.last ?? 0 }
    /// The number of calls.
    public var callCount: Int { callEnds.count }

    /// Whether no call completed (an empty file, only comments, a first call that failed):
    /// the cursor stays at step 0 of call 0, and every motion goes there.
    public var hasNoCall: Bool { callEnds.isEmpty }

    /// The global step index after call `call` (1-based; 0 gives 0, past the last call its
    /// end, and 0 when no call completed).
    public func end(ofCall call: Int) -> Int {
        call <= 0 || hasNoCall ? 0 : callEnds[min(call, callEnds.count) - 1]
    }

    /// The global step index before call `call`'s first step.
    public func start(ofCall call: Int) -> Int { end(ofCall: call - 1) }

    /// The number of steps of call `call` (1-based).
    public func stepCount(ofCall call: Int) -> Int { end(ofCall: call) - start(ofCall: call) }

    /// The call and step of global step index `index`: the call holding step `index`, or
    /// call 1 step 0 for index 0; call 0 step 0 when no call completed.
    /// - Complexity: O(log calls).
    public func position(of index: Int) -> Position {
        guard !hasNoCall else { return Position(call: 0, step: 0) }
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

    /// The events and violations of the `index`-th step of the run (1-based), in order.
    public func outcomes(ofStep index: Int) -> [Outcome] {
        let p = position(of: index)
        return packed.outcomes(call: p.call - 1, step: p.step - 1)
    }

    /// The objects the `index`-th step of the run (1-based) changed, created or freed.
    public func changedKeys(ofStep index: Int) -> [ObjectKey] {
        let p = position(of: index)
        return packed.keys(call: p.call - 1, step: p.step - 1)
    }

    // MARK: Moving

    /// Applies the next step. Returns false at the end.
    @discardableResult
    public mutating func redo() -> Bool {
        guard cursor < stepCount else { return false }
        let p = position(of: cursor + 1)
        packed.apply(call: p.call - 1, step: p.step - 1, to: &state, forward: true)
        cursor += 1
        return true
    }

    /// Applies the current step backward. Returns false at the root.
    @discardableResult
    public mutating func undo() -> Bool {
        guard cursor > 0 else { return false }
        let p = position(of: cursor)
        packed.apply(call: p.call - 1, step: p.step - 1, to: &state, forward: false)
        cursor -= 1
        return true
    }

    /// Moves the cursor to `target` (clamped to the run), from the cursor or the nearest
    /// checkpoint (the end state is one), whichever is fewer steps away. The end state is not
    /// taken for a single step: the state taken is shared with it, so the next step back
    /// copies every table it writes (stepping back and on at the end did, on every key).
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
        if t == stepCount, best > 1 {
            from = Checkpoint(step: t, state: endState)
        }
        if let from {
            state = from.state
            cursor = from.step
        }
        while cursor < t { redo() }
        while cursor > t { undo() }
    }

    /// Lends `body` the state before call `call`, in place: the cursor seeks to the call's
    /// start, and back to where it was after. `body` must give the state back as it found it.
    /// - Complexity: as `seek`, twice: from the cursor or the nearest checkpoint, whichever is
    ///   fewer steps away (a call of 10,000 steps entered from its end walked them all back and
    ///   on again, where the checkpoints before it and the end state are a few steps away).
    public mutating func withState<R>(beforeCall call: Int, _ body: (inout SkbState) -> R) -> R {
        withState(atStep: start(ofCall: call), body)
    }

    /// Lends `body` the state after `index` steps (at most `stepCount`), in place, as
    /// `withState(beforeCall:)` does.
    public mutating func withState<R>(atStep index: Int, _ body: (inout SkbState) -> R) -> R {
        let here = cursor
        seek(to: index)
        let result = body(&state)
        seek(to: here)
        return result
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

    /// Appends a call, given by its steps, that ran on `endState`.
    /// - Complexity: O(the call's deltas), plus a copy of the state when a checkpoint is due.
    public mutating func append(_ steps: [Step]) {
        let base = stepCount
        packed.append(steps)
        callEnds.append(base + steps.count)
        for (j, step) in steps.enumerated() {
            let index = base + j + 1
            endState.apply(step.deltas, forward: true)
            var created: [ObjectValue] = [], freed: [ObjectValue] = []
            for d in step.deltas {
                if d.before == nil, let a = d.after { created.append(a) }
                if d.after == nil, let b = d.before { freed.append(b) }
            }
            placement.place(created: created, freed: freed)
            note(step.outcomes, at: index)
        }
        if packed.byteCount - bytesAtCheckpoint >= Self.checkpointSpacing(endState) {
            checkpoints.append(Checkpoint(step: stepCount, state: endState))
            checkpointSteps.append(stepCount)
            bytesAtCheckpoint = packed.byteCount
        }
    }

    /// Drops every call after call `call` (1-based; 0 drops all); the cursor moves back to the
    /// end of call `call` if it was past it.
    /// - Complexity: O(the steps kept), to place the objects again.
    public mutating func truncate(afterCall call: Int) {
        let keep = max(0, min(call, callCount))
        guard keep < callCount else { return }
        seek(to: min(cursor, end(ofCall: keep)))
        endState = state(afterCall: keep)
        let end = end(ofCall: keep)
        packed.truncate(toCalls: keep)
        callEnds.removeSubrange(keep...)
        eventSteps.removeSubrange(firstIndex(in: eventSteps, atLeast: end + 1)...)
        violationSteps.removeSubrange(firstIndex(in: violationSteps, atLeast: end + 1)...)
        let kept = firstIndex(in: checkpointSteps, atLeast: end + 1)
        checkpoints.removeSubrange(kept...)
        checkpointSteps.removeSubrange(kept...)
        bytesAtCheckpoint = min(bytesAtCheckpoint, packed.byteCount)
        placement = Placement()
        for c in 0..<keep {
            for j in 0..<stepCount(ofCall: c + 1) {
                let (created, freed) = packed.lifecycle(call: c, step: j)
                placement.place(created: created, freed: freed)
            }
        }
    }

    /// Takes the run of `other` (a re-run under another design), keeping the cursor on the
    /// same call and step where the new run has them, else at the nearest earlier one.
    public mutating func replace(with other: StepHistory) {
        let p = position
        var fresh = other
        let target: Int
        if cursor == 0 || fresh.callCount == 0 {
            target = 0
        } else if p.call <= fresh.callCount {
            target = fresh.start(ofCall: p.call) + min(p.step, fresh.stepCount(ofCall: p.call))
        } else {
            target = fresh.stepCount
        }
        fresh.seek(to: target)
        self = fresh
    }

    private mutating func note(_ outcomes: [Outcome], at index: Int) {
        if outcomes.contains(where: { if case .event = $0 { true } else { false } }) { eventSteps.append(index) }
        if outcomes.contains(where: { if case .violation = $0 { true } else { false } }) { violationSteps.append(index) }
    }

    // MARK: Helpers

    /// A checkpoint is kept after at least this many packed bytes: about what a copy of the
    /// state takes (a generous 64 bytes an object), so checkpoints never outweigh the steps
    /// between them.
    static func checkpointSpacing(_ s: SkbState) -> Int {
        max(16_384, 64 * (s.skbs.count + s.data.count + s.pages.count + s.bindings.count + s.freed.count))
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
