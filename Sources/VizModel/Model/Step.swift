/// One object before and after a step; `nil` where it did not exist.
public struct Delta: Hashable, Sendable, ObjectBefore {
    public var key: ObjectKey
    public var before: ObjectValue?
    public var after: ObjectValue?
}

/// One field change, as the trace and the viewer show it (`d1.dataref`: 1 → 65538).
public struct Change: Hashable, Sendable {
    /// The field, or the whole object when the step created or freed it.
    public var field: FieldPath
    /// The trace's name of the object (`d1`).
    public var object: String
    public var from: ChangeValue
    public var to: ChangeValue

    /// `d1.dataref`, as the trace writes it; the object alone for a whole object.
    public var path: String { field.fieldName.map { object + "." + $0 } ?? object }
}

/// A JSON-like value of a change.
public indirect enum ChangeValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([ChangeValue])
    case object([String: ChangeValue])
}

/// What a step caused, in the order it happened: an event, or a violation the checker found.
public enum Outcome: Hashable, Sendable {
    case event(Event)
    case violation(Violation)
}

/// One micro-step of a kernel call: what it does, what it changed, what it caused.
///
/// A step is data, so moving the viewer's cursor over it is applying its deltas: the state is
/// never computed by running a call again. The viewer does run the call under the cursor again,
/// from the history's state at the call's start, but only for the step texts it shows (the
/// history keeps no texts; `StepTexts`).
public struct Step: Hashable, Sendable {
    /// The pseudo-code line, with this run's values filled in.
    public var text: String
    /// 0 for the call itself; 1 and more for the steps of a nested call.
    public var depth: Int
    public var deltas: [Delta]
    public var outcomes: [Outcome]

    public init(text: String, depth: Int, deltas: [Delta] = [], outcomes: [Outcome] = []) {
        self.text = text
        self.depth = depth
        self.deltas = deltas
        self.outcomes = outcomes
    }

    public var events: [Event] {
        outcomes.compactMap { if case .event(let e) = $0 { e } else { nil } }
    }

    public var violations: [Violation] {
        outcomes.compactMap { if case .violation(let v) = $0 { v } else { nil } }
    }
}
