/// `/` in the main view: the next step of the whole walk whose text, events, violations, call
/// or notes contain the search (case-insensitively), as `less` and `tig` search; so do the
/// lines the steps pane shows with them: when a data destructor fires under the other designs,
/// and what it lists at the end of the walk.
///
/// The history keeps no step text, so the calls are run again from the start, texts on, on a
/// state of their own, up to the first match after the cursor: O(the steps up to the match),
/// never a change to the history.
public enum WalkSearch {
    /// Where a search lands.
    public enum Result: Hashable, Sendable {
        /// At this step, after the cursor.
        case found(step: Int)
        /// At this step, from the top again: nothing matched after the cursor.
        case wrapped(step: Int)
        case notFound
    }

    /// The first step after `cursor` that matches `text`, else the first one from the top.
    /// A match in a call's text or notes lands on the call's first step, one in `end` (the
    /// lines after the steps at the end of the walk) on the last step.
    /// - Parameter others: When the data destructors fire under the other designs (the line
    ///   under each firing); nil leaves those lines out.
    public static func next(_ text: String, in history: StepHistory, calls: [CallStatement], design: Design,
                            others: OtherDesigns? = nil, end: [String] = [], after cursor: Int) -> Result {
        let needle = text.lowercased()
        var first: Int?
        var runner = Runner(design: design)
        for k in 0..<min(history.callCount, calls.count) {
            let call = calls[k]
            guard case .success(let steps) = runner.run(call) else { break }
            let start = history.start(ofCall: k + 1)
            let callMatches = call.text.lowercased().contains(needle)
                || call.notes.texts(under: design).contains { $0.lowercased().contains(needle) }
            for (j, step) in steps.enumerated() {
                let index = start + j + 1
                let matches = (j == 0 && callMatches) || step.text.lowercased().contains(needle)
                    || step.outcomes.contains { $0.line.lowercased().contains(needle) }
                    || step.events.contains { e in
                        OtherDesigns.Key(e).flatMap { others?.line($0) }?.lowercased().contains(needle) ?? false
                    }
                guard matches else { continue }
                if index > cursor { return .found(step: index) }
                if first == nil { first = index }
            }
        }
        if history.stepCount > 0, end.contains(where: { $0.lowercased().contains(needle) }) {
            if history.stepCount > cursor { return .found(step: history.stepCount) }
            if first == nil { first = history.stepCount }
        }
        return first.map { .wrapped(step: $0) } ?? .notFound
    }
}
