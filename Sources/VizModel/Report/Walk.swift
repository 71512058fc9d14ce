/// The readable walk of `skbviz run`: each call, its steps, events and violations.
public enum Walk {
    /// The lines for one completed call run under `design` (which picks its notes).
    public static func lines(_ record: CallRecord, design: Design) -> [String] {
        var out = ["call \(record.op)  line \(record.statement.line)  \(record.statement.text)"]
        for note in record.statement.notes.texts(under: design) { out.append("  note: \(note)") }
        for (i, step) in record.steps.enumerated() {
            let indent = String(repeating: "  ", count: step.depth)
            out.append("  \(indent)\(i + 1). \(step.text)")
            for outcome in step.outcomes { out.append("  \(indent)     \(outcome.line)") }
        }
        return out
    }
}
