/// The readable walk of `skbviz run`: each call, its steps, events and violations.
public enum Walk {
    /// The lines for one completed call run under `design` (which picks its notes). With
    /// `others`, a data destructor event is followed by when it fires under the other designs
    /// (`OtherDesigns.line`), designs `separator`-separated.
    public static func lines(_ record: CallRecord, design: Design, others: OtherDesigns? = nil,
                             separator: String = " · ") -> [String] {
        var out = ["call \(record.op)  line \(record.statement.line)  \(record.statement.text)"]
        for note in record.statement.notes.texts(under: design) { out.append("  note: \(note)") }
        for (i, step) in record.steps.enumerated() {
            let indent = Nesting.indent(step.depth)
            out.append("  \(indent)\(i + 1). \(Nesting.label(step.depth))\(step.text)")
            for outcome in step.outcomes {
                out.append("  \(indent)     \(outcome.line)")
                if let others, case .event(let e) = outcome, let key = OtherDesigns.Key(e) {
                    out.append("  \(indent)       \(others.line(key, separator: separator))")
                }
            }
        }
        return out
    }

    /// The walk's last lines: each data destructor that fired under another design of the
    /// family but never under this one, with when it fires there (`OtherDesigns.endLines`).
    public static func endLines(_ others: OtherDesigns, separator: String = " · ") -> [String] {
        others.endLines(separator: separator)
    }
}
