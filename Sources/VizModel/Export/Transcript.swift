/// The transcript a developer pastes into a mail: each call with its steps, events and
/// violations (the walk of `skbviz run`), then a plain-ASCII drawing of the objects after
/// it; at the end the failed call, if any, and the leaks. Every line is ASCII and at most
/// `width` columns, control characters escaped (`TerminalText`).
///
/// `lines` holds what is not yet taken: `skbviz run --transcript` takes them after each call
/// (`take()`) and so streams a run of any length; a session log keeps them all for `text`.
public struct Transcript {
    /// What the head of the transcript says about the run.
    public struct Heading: Sendable {
        public var file: String
        public var title: String?
        public var design: Design
        /// `skbviz 0.1.0`, or nil to leave the tool out.
        public var tool: String?
        /// Where the viewer's cursor was, for a session log.
        public var cursor: String?
        /// The file the viewer opened, for a session log written to another.
        public var origin: String?

        public init(file: String, title: String?, design: Design, tool: String? = nil, cursor: String? = nil,
                    origin: String? = nil) {
            self.file = file
            self.title = title
            self.design = design
            self.tool = tool
            self.cursor = cursor
            self.origin = origin
        }
    }

    public var width: Int
    /// The design the calls run under: it picks the notes shown.
    public let design: Design
    /// When each data destructor fires under the other designs of the family, shown under
    /// each one and at the end (`OtherDesigns`); nil leaves those lines out.
    public let others: OtherDesigns?
    public private(set) var lines: [String] = []

    /// Starts a transcript with its heading.
    public init(_ heading: Heading, width: Int = 72, others: OtherDesigns? = nil) {
        self.width = width
        self.others = others
        design = heading.design
        var head = ["skbviz transcript" + (heading.tool.map { " (\($0))" } ?? "")]
        head.append("file:   \(heading.file)")
        if let o = heading.origin { head.append("from:   \(o) (a viewer session)") }
        if let t = heading.title { head.append("title:  \(t)") }
        head.append("design: \(heading.design.rawValue) (\(heading.design.summary))")
        if let c = heading.cursor { head.append("cursor: \(c)") }
        head.append("bars:   [--|###|...] a data buffer to scale, as the skb named after the bar sees it: "
                    + "headroom -, linear data #, tailroom .")
        add(head)
    }

    private mutating func add(_ more: [String]) {
        lines += PlainText.fit(more.map(TerminalText.escaped), width: width)
    }

    /// The lines added since the last call, which the transcript then forgets.
    public mutating func take() -> [String] {
        defer { lines.removeAll(keepingCapacity: true) }
        return lines
    }

    private var rule: String { String(repeating: "-", count: width) }

    /// A completed call and the state after it.
    public mutating func call(_ record: CallRecord, state: SkbState) {
        lines.append("")
        lines.append(rule)
        add(Walk.lines(record, design: design, others: others, separator: Self.separator))
        lines.append("")
        lines.append("objects after call \(record.op):")
        add(AsciiDrawing(width: width - 2).lines(state).map { $0.isEmpty ? "" : "  " + $0 })
    }

    /// The call that failed: nothing of it ran.
    public mutating func failure(op: Int, statement: CallStatement, _ diagnostic: Diagnostic) {
        lines.append("")
        lines.append(rule)
        add(["call \(op)  line \(statement.line)  \(statement.text)",
             "  FAILED at column \(diagnostic.location.column): \(diagnostic.message)",
             "  (nothing of this call ran; the run stops here)"])
    }

    /// The notes after the last call, under its objects: they belong to it, as the walk of
    /// `skbviz run` shows them after its steps (only those of the running design).
    public mutating func closingNotes(_ notes: [Note]) {
        let texts = notes.texts(under: design)
        guard !texts.isEmpty else { return }
        lines.append("")
        add(texts.map { "  note: \($0)" })
    }

    /// The end: how many calls completed and the leaks of the last state.
    public mutating func end(ops: Int, state: SkbState) {
        lines.append("")
        lines.append(rule)
        let leaks = Checker.leaks(in: state)
        add(["end: \(ops) call\(ops == 1 ? "" : "s") completed, \(leaks.count) leak\(leaks.count == 1 ? "" : "s")"]
            + leaks.map { "  \($0.line)" } + (others.map { Walk.endLines($0, separator: Self.separator).map { "  " + $0 } } ?? []))
    }

    /// Between designs in an other-designs line: ASCII has no middle dot, and a `.` would
    /// read as the end of a sentence.
    static let separator = "; "

    /// The reading errors of a file that did not run.
    public mutating func readingErrors(_ errors: [Diagnostic], file: String) {
        lines.append("")
        add(errors.map { $0.formatted(file: file) } + ["(the file has reading errors: nothing ran)"])
    }

    /// The whole text (what is not yet taken), one line a line, ending in a newline.
    public var text: String { lines.joined(separator: "\n") + "\n" }
}

extension Transcript {
    /// The transcript of `program` run under `design`, as `skbviz run --transcript` writes it.
    public static func of(_ program: Program, design: Design, tool: String? = nil, width: Int = 72) -> Transcript {
        let others = program.errors.isEmpty ? OtherDesigns(program.calls, design: design) : nil
        var t = Transcript(Heading(file: program.file, title: program.title, design: design, tool: tool), width: width, others: others)
        let outcome = ScenarioRun.execute(program, design: design) { r, s in t.call(r, state: s) }
        t.finish(outcome, program: program)
        return t
    }

    /// What follows the last completed call: the reading errors, the failed call and the end,
    /// or the notes after the last call and the end.
    public mutating func finish(_ outcome: ScenarioRun.Outcome, program: Program) {
        switch outcome {
        case .unreadable(let errors):
            readingErrors(errors, file: program.file)
        case .failed(let op, let d, let state):
            failure(op: op, statement: program.calls[op - 1], d)
            end(ops: op - 1, state: state)
        case .completed(let state):
            closingNotes(program.closingNotes)
            end(ops: program.calls.count, state: state)
        }
    }
}
