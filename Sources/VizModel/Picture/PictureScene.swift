/// What one picture shows: the objects at one step of a run, in the viewer's places
/// (`Placement`), what the step changed (`StepMarks`), and the caption's facts.
///
/// It is taken from a `ViewerSession` at its cursor, so a picture shows exactly the step the
/// viewer shows: the same state, the same placement, the same step with its text.
public struct PictureScene: Sendable {
    let state: SkbState
    let placement: Placement
    let marks: StepMarks
    /// Whether the cursor is inside a call: references held by the call are then the running
    /// call's, not leaks.
    let callRunning: Bool
    /// The frag slots the step's `premature_destructor` and `premature_completion` violations
    /// name (`Describe.prematureSlots`).
    let premature: [Describe.PrematureSlot]
    let caption: PictureCaption

    /// The scene at `session`'s cursor.
    public init(_ session: ViewerSession) {
        let h = session.history, p = h.position
        let shown = session.shownSteps
        let step = p.step > 0 && p.step <= shown.count ? shown[p.step - 1] : nil
        state = h.state
        placement = h.placement
        marks = StepMarks(step: step, state: h.state)
        callRunning = p.step > 0 && p.step < h.stepCount(ofCall: p.call)
        premature = Describe.prematureSlots(step?.violations ?? [])
        caption = PictureCaption(session, step: step)
    }
}

/// The words under a picture: the scenario, the design, the call and the step at the cursor,
/// and what the step caused.
struct PictureCaption: Sendable {
    /// The scenario's title, else its file.
    var title: String
    /// `demos/expand.skb  design orig-chain`.
    var source: String
    /// `call 8/10: pskb_expand_head(a, 32, 0)`, or `before the first call`.
    var call: String
    /// `step 5/8 (17/31 in all): …` with the step's text.
    var step: String?
    /// The events and violations of the step, and at the end of the run its leaks and failure.
    var outcomes: [(text: String, style: Style)]
    /// The call's notes that hold under the running design.
    var notes: [String]
    /// The zero-copy designs' completion objects still pending or carried, each with its
    /// carriers, and the MSG_ZEROCOPY error queue (model-later.md §2).
    var completions: [String]

    init(_ session: ViewerSession, step: Step?) {
        let h = session.history, p = h.position
        let scenario = session.scenario
        title = TerminalText.escaped(scenario.title ?? scenario.file)
        source = TerminalText.escaped(scenario.file) + "  design " + scenario.design.rawValue
        if h.callCount == 0 {
            call = "no calls"
        } else if h.cursor == 0 {
            call = "before the first call (\(h.callCount) call\(h.callCount == 1 ? "" : "s"), \(h.stepCount) steps)"
        } else {
            call = "call \(p.call)/\(h.callCount): " + TerminalText.escaped(session.calls[p.call - 1].text)
        }
        if h.cursor > 0 {
            let position = "step \(p.step)/\(h.stepCount(ofCall: p.call)) (\(h.cursor)/\(h.stepCount) in all)"
            self.step = step.map { "\(position): \(TerminalText.escaped($0.text))" } ?? position
        }
        var outcomes: [(String, Style)] = []
        if h.cursor > 0 {
            for o in h.outcomes(ofStep: h.cursor) { outcomes.append((o.line, ViewerStyle.outcome(o, current: true))) }
        }
        if h.cursor == h.stepCount {
            for v in session.endViolations { outcomes.append(("end: " + v.line, ViewerStyle.outcome(.violation(v), current: true))) }
            if let f = session.failure {
                outcomes.append(("call \(f.op) failed: \(TerminalText.escaped(f.diagnostic.message))", ViewerStyle.failure))
            }
        }
        self.outcomes = outcomes
        notes = h.cursor == 0 ? [] : session.calls[p.call - 1].notes.texts(under: scenario.design).map(TerminalText.escaped)
        let state = h.state
        completions = state.listedUbufs.map { Describe.ubuf($0, in: state) } + (Describe.socket(state.socket).map { [$0] } ?? [])
    }
}
