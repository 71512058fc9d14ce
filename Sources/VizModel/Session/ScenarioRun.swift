/// Runs a whole parsed scenario without a terminal, calling back after each completed call.
public enum ScenarioRun {
    /// How a run ended.
    public enum Outcome: Sendable {
        /// The file had reading errors: nothing ran.
        case unreadable([Diagnostic])
        /// Call `op` failed; `state` is the state after the calls before it.
        case failed(op: Int, Diagnostic, state: SkbState)
        /// Every call completed.
        case completed(state: SkbState)
    }

    /// The design a run uses: the override, else the file's `design` line, else `Design.standard`.
    public static func design(of program: Program, override: Design?) -> Design {
        override ?? program.design ?? .standard
    }

    /// Runs `program`, handing each completed call and the state after it to `observe`.
    /// - Parameters:
    ///   - texts: whether the steps keep their texts (false when nothing shows them).
    ///   - steps: whether steps are kept at all (false when nothing looks at them: each record
    ///     then has no step, and the checker's findings are not looked for).
    public static func execute(_ program: Program, design: Design, texts: Bool = true, steps: Bool = true,
                               observe: (CallRecord, SkbState) -> Void) -> Outcome {
        let errors = program.readingErrors(in: design)
        guard errors.isEmpty else { return .unreadable(errors) }
        return execute(program.calls, design: design, texts: texts, steps: steps, observe: observe)
    }

    /// Runs calls already read, from an empty state, up to the first failure.
    public static func execute(_ calls: [CallStatement], design: Design, texts: Bool = true, steps: Bool = true,
                               observe: (CallRecord, SkbState) -> Void) -> Outcome {
        var runner = Runner(design: design, texts: texts, keepsSteps: steps)
        for (i, statement) in calls.enumerated() {
            switch runner.run(statement) {
            case .failure(let d):
                return .failed(op: i + 1, d, state: runner.state)
            case .success(let steps):
                observe(CallRecord(op: i + 1, statement: statement, steps: steps), runner.state)
            }
        }
        return .completed(state: runner.state)
    }
}
