/// Where a motion command takes the cursor over the steps of the run.
public enum Motion: Hashable, Sendable {
    /// One step forward or back (`n`, `p`).
    case step(forward: Bool)
    /// To the end of the next or previous call (`N`, `P`).
    case call(forward: Bool)
    /// To the first or last step, or with a count, to that step (`g`, `G`, `42g`).
    case end(last: Bool)
    /// To the next or previous step with an event (`c`, `C`).
    case event(forward: Bool)
    /// To the next or previous step where a data destructor fired (`x`, `X`):
    /// `shinfo->destructor`, or a zero-copy completion callback (`OtherDesigns`).
    case dataDestructor(forward: Bool)
    /// To the next or previous step with a violation (`v`, `V`); the end of the run counts
    /// when it has leaks.
    case violation(forward: Bool)
}

extension ViewerCommand {
    /// The motion this command makes, if it is one.
    public var motion: Motion? {
        switch self {
        case .nextStep: .step(forward: true)
        case .previousStep: .step(forward: false)
        case .nextCall: .call(forward: true)
        case .previousCall: .call(forward: false)
        case .firstStep: .end(last: false)
        case .lastStep: .end(last: true)
        case .nextFree: .event(forward: true)
        case .previousFree: .event(forward: false)
        case .nextDataDestructor: .dataDestructor(forward: true)
        case .previousDataDestructor: .dataDestructor(forward: false)
        case .nextViolation: .violation(forward: true)
        case .previousViolation: .violation(forward: false)
        default: nil
        }
    }
}

extension StepHistory {
    /// The global step index `motion` goes to from the cursor, `count` times (for `.end`: to
    /// step `count`), stopping where there is nowhere further to go. `endHasLeaks` makes the
    /// end of the run a violation stop. A step motion may fall outside the run: `seek` clamps.
    public func target(of motion: Motion, count: Int?, endHasLeaks: Bool = false) -> Int {
        let times = max(1, count ?? 1)
        var target = cursor
        switch motion {
        case .step(let forward):
            return cursor + (forward ? times : -times)
        case .end(let last):
            return count ?? (last ? stepCount : 0)
        case .call(forward: true):
            for _ in 0..<times {
                let end = end(ofCall: position(of: target).call)
                target = end > target ? end : self.end(ofCall: position(of: target).call + 1)
            }
        case .call(forward: false):
            for _ in 0..<times where target > 0 {
                target = end(ofCall: position(of: target).call - 1)
            }
        case .event, .dataDestructor, .violation:
            for _ in 0..<times {
                guard let t = stop(motion, from: target, endHasLeaks: endHasLeaks) else { break }
                target = t
            }
        }
        return target
    }

    private func stop(_ motion: Motion, from index: Int, endHasLeaks: Bool) -> Int? {
        switch motion {
        case .event(forward: true): return nextEventStep(after: index)
        case .event(forward: false): return previousEventStep(before: index)
        case .dataDestructor(let forward):
            var at = forward ? nextEventStep(after: index) : previousEventStep(before: index)
            while let step = at, !hasDataDestructor(step) {
                at = forward ? nextEventStep(after: step) : previousEventStep(before: step)
            }
            return at
        case .violation(forward: true):
            return nextViolationStep(after: index) ?? (endHasLeaks && index < stepCount ? stepCount : nil)
        case .violation(forward: false): return previousViolationStep(before: index)
        default: return nil
        }
    }

    /// The first step of the run where a data destructor fired, if any.
    public var firstDataDestructorStep: Int? { stop(.dataDestructor(forward: true), from: 0, endHasLeaks: false) }

    /// Whether step `index` fired a data destructor: a search over the steps with events.
    func hasDataDestructor(_ index: Int) -> Bool {
        outcomes(ofStep: index).contains { if case .event(let e) = $0 { OtherDesigns.isDataDestructor(e) } else { false } }
    }
}
