extension Outcome {
    /// `event SUMMARY` or `VIOLATION kind: message`: the one-line text of the steps and events
    /// panes, the walk and the design comparison.
    public var line: String {
        switch self {
        case .event(let e): "event \(e.summary)"
        case .violation(let v): v.line
        }
    }
}
