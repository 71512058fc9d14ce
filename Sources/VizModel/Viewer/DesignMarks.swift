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

/// How a re-run differs from the run before, call by call over the calls both ran: the
/// outcomes it has that the old run lacks (marked on screen), and those of the old run it
/// lacks (not on screen, counted).
public struct DesignDifference: Hashable, Sendable {
    /// The new run's events and violations that the old run lacks in the same call.
    public var marks: Set<OutcomeMark> = []
    /// How many of the old run's events and violations the new run lacks in the same call.
    public var missing = 0
    /// How many calls differ either way.
    public var calls = 0
    /// How many calls both runs ran: the ones compared.
    public var compared = 0
    /// How many calls only one run ran (the other failed before them): not compared.
    public var uncompared = 0

    /// Every difference: the marked ones and the missing ones.
    public var count: Int { marks.count + missing }

    public init() {}
}

/// The events and violations of a re-run that the run before did not have, call by call.
public enum DesignMarks {
    /// The outcomes of `new` that `old` lacks in the same call, compared as values (an outcome
    /// of `old` matches once; order within the call does not matter).
    public static func marks(from old: StepHistory, to new: StepHistory) -> Set<OutcomeMark> {
        difference(from: old, to: new).marks
    }

    /// The outcomes of `new` that `old` lacks and those of `old` that `new` lacks, call by call,
    /// compared as values. Only the calls both runs ran are compared: a call one run never
    /// reached (it failed before) says nothing of how the designs differ.
    public static func difference(from old: StepHistory, to new: StepHistory) -> DesignDifference {
        var result = DesignDifference()
        result.compared = min(new.callCount, old.callCount)
        result.uncompared = max(new.callCount, old.callCount) - result.compared
        for call in (0..<result.compared).map({ $0 + 1 }) {
            var pool: [Outcome: Int] = [:]
            for index in steps(ofCall: call, in: old) {
                for o in old.outcomes(ofStep: index) { pool[o, default: 0] += 1 }
            }
            var differs = false
            for index in steps(ofCall: call, in: new) {
                for (n, o) in new.outcomes(ofStep: index).enumerated() {
                    if let left = pool[o], left > 0 {
                        pool[o] = left - 1
                    } else {
                        result.marks.insert(OutcomeMark(step: index, outcome: n))
                        differs = true
                    }
                }
            }
            let missing = pool.values.reduce(0, +)
            result.missing += missing
            if differs || missing > 0 { result.calls += 1 }
        }
        return result
    }

    private static func steps(ofCall call: Int, in h: StepHistory) -> Range<Int> {
        h.start(ofCall: call) + 1 ..< h.end(ofCall: call) + 1
    }
}
