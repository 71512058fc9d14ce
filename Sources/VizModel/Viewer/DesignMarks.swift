/// An event or violation line marked as differing from the previous design: the global step
/// index and the outcome's index within that step.
public struct OutcomeMark: Hashable, Sendable {
    public var step: Int
    public var outcome: Int

    public init(step: Int, outcome: Int) {
        self.step = step
        self.outcome = outcome
    }
}

/// The events and violations of a re-run that the run before did not have, call by call.
public enum DesignMarks {
    /// The outcomes of `new` that `old` lacks in the same call, compared as values (an outcome
    /// of `old` matches once; order within the call does not matter).
    public static func marks(from old: StepHistory, to new: StepHistory) -> Set<OutcomeMark> {
        var marks: Set<OutcomeMark> = []
        for call in (0..<new.callCount).map({ $0 + 1 }) {
            var pool: [Outcome: Int] = [:]
            if call <= old.callCount {
                for index in steps(ofCall: call, in: old) {
                    for o in old.outcomes(ofStep: index) { pool[o, default: 0] += 1 }
                }
            }
            for index in steps(ofCall: call, in: new) {
                for (n, o) in new.outcomes(ofStep: index).enumerated() {
                    if let left = pool[o], left > 0 {
                        pool[o] = left - 1
                    } else {
                        marks.insert(OutcomeMark(step: index, outcome: n))
                    }
                }
            }
        }
        return marks
    }

    private static func steps(ofCall call: Int, in h: StepHistory) -> Range<Int> {
        h.start(ofCall: call) + 1 ..< h.end(ofCall: call) + 1
    }
}
