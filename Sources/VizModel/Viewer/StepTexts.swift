/// The steps of the call at the cursor, with their texts, and its objects before and after it.
///
/// The history keeps no step text (a million steps of text would outweigh everything else),
/// so the call is run again, texts on, on the history's own state taken back to before the
/// call and given back after: O(the call's steps), never a copy of the state. The model is
/// deterministic, so these are the very steps the history holds (a test checks it for every
/// call of the demos and of generated scenarios); a replay that fails or differs is a model
/// bug, and is shown as one: every step of the call says so.
///
/// The objects before and after the call (`SkbState.objectsOnly`) are taken on the way, once
/// a call: the objects pane keeps its height through the call from them. Seeking a copy of
/// the history for them on every frame copied the tables the call's steps write, the freed
/// ids and names of a long run among them.
public struct StepTexts: Sendable {
    /// The steps of `call`, texts included.
    public private(set) var steps: [Step] = []
    /// The call `steps` belong to (0 for none).
    public private(set) var call = 0
    /// The objects before `call`.
    public private(set) var before = SkbState()
    /// The objects after `call`.
    public private(set) var after = SkbState()
    /// The steps pane's lines of `steps`, laid out once (`StepLinesMemo`); a new one with
    /// every new `steps`.
    private(set) var lines = StepLinesMemo()

    public init() {}

    /// Runs the call at the cursor of `history` again for its texts, when the cursor has moved
    /// to another call or the run has changed (`force`).
    public mutating func show(_ history: inout StepHistory, calls: [CallStatement], design: Design, force: Bool = false) {
        let at = history.position.call
        guard at != call || force else { return }
        call = at
        lines = StepLinesMemo()
        guard at > 0, at <= history.callCount, at <= calls.count else {
            (steps, before, after) = ([], SkbState(), SkbState())
            return
        }
        let replay = history.withState(beforeCall: at) { state in
            before = state.objectsOnly
            return Runner.replay(calls[at - 1], on: &state, design: design)
        }
        after = history.withState(atStep: history.end(ofCall: at)) { $0.objectsOnly }
        steps = Self.checked(replay, call: at, history: history)
    }

    /// The replayed steps when they are the history's, else the steps of the history saying
    /// what went wrong.
    static func checked(_ replay: Result<[Step], Diagnostic>, call: Int, history: StepHistory) -> [Step] {
        let start = history.start(ofCall: call), count = history.stepCount(ofCall: call)
        let held = (0..<count).map { history.outcomes(ofStep: start + $0 + 1) }
        let problem: String
        switch replay {
        case .failure(let d):
            problem = "failed: \(d.message)"
        case .success(let steps) where steps.count != count:
            problem = "gave \(steps.count) step\(steps.count == 1 ? "" : "s")"
        case .success(let steps) where steps.map(\.outcomes) != held:
            problem = "gave other events or violations"
        case .success(let steps):
            return steps
        }
        let text = "model bug: call \(call) run again for its step texts \(problem), not the \(count) step\(count == 1 ? "" : "s") of the run"
        return held.map { Step(text: text, depth: 0, outcomes: $0) }
    }
}
