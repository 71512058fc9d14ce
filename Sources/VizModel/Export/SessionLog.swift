/// The three files of a viewer session's log, built without any I/O: the `.skb` of the calls
/// as run (typed ones included), the `.jsonl` trace with a first `session` record, and the
/// `.txt` transcript.
///
/// The `.skb` is written afresh, not copied from the opened file: a comment line, the `title`
/// line (if any), the `design` line, then each call preceded by its `note` lines (with their design tags). Every call
/// is renumbered to its line in that file, and the trace and the transcript are made by
/// running those calls again, so `skbviz run FILE.skb --trace` gives the same records as the
/// `.jsonl` (apart from the `session` record and the `file` field).
public struct SessionLog: Sendable {
    /// What the session was.
    public struct Source: Sendable {
        public var file: String
        public var title: String?
        public var design: Design
        /// Every call of the session, in order: the completed ones, then the failed one and
        /// any after it (which never ran).
        public var calls: [CallStatement]
        /// Notes after the last call.
        public var closingNotes: [Note]
        /// Where the cursor was: call, step within it, global step index.
        public var cursor: (call: Int, step: Int, global: Int)

        public init(file: String, title: String?, design: Design, calls: [CallStatement], closingNotes: [Note] = [],
                    cursor: (call: Int, step: Int, global: Int) = (0, 0, 0)) {
            self.file = file
            self.title = title
            self.design = design
            self.calls = calls
            self.closingNotes = closingNotes
            self.cursor = cursor
        }
    }

    /// The `.skb` text.
    public let scenario: String
    /// The `.jsonl` text.
    public let trace: String
    /// The `.txt` text.
    public let transcript: String

    /// Builds the three files.
    /// - Parameters:
    ///   - source: The session.
    ///   - scenarioPath: The path the `.skb` is written to: the trace's `file`.
    ///   - tool: The tool's name and version for the `session` record (`skbviz`, `0.1.0`).
    public init(_ source: Source, scenarioPath: String, tool: (name: String, version: String)) {
        let calls = Self.renumbered(source.calls, title: source.title)
        var skb = ["# skbviz \(tool.version) session log of \(Self.oneLine(source.file))"]
        if let t = source.title { skb.append("title " + Self.quoted(t)) }
        skb.append("design \(source.design.rawValue)")
        for c in calls {
            for n in c.notes { skb.append("note " + n.tag + Self.quoted(n.text)) }
            skb.append(c.text)
        }
        for n in source.closingNotes { skb.append("note " + n.tag + Self.quoted(n.text)) }
        scenario = skb.joined(separator: "\n") + "\n"

        var jsonl: [String] = []
        let writer = TraceWriter(emit: { jsonl.append($0) })
        writer.session(tool: tool.name, version: tool.version, design: source.design, cursor: source.cursor)
        writer.scenario(file: scenarioPath, title: source.title, design: source.design)
        let c = source.cursor
        var text = Transcript(Transcript.Heading(
            file: scenarioPath, title: source.title, design: source.design, tool: "\(tool.name) \(tool.version)",
            cursor: "call \(c.call) step \(c.step) (step \(c.global) of the session)",
            origin: source.file == scenarioPath ? nil : source.file),
            others: OtherDesigns(calls, design: source.design))
        let program = Program(file: scenarioPath, title: source.title, design: source.design, calls: calls,
                              closingNotes: source.closingNotes, errors: [], source: SourceLines())
        let outcome = ScenarioRun.execute(program, design: source.design) { record, state in
            writer.call(record, state: state)
            text.call(record, state: state)
        }
        writer.finish(outcome, program: program)
        text.finish(outcome, program: program)
        trace = jsonl.joined(separator: "\n") + "\n"
        transcript = text.text
    }

    // MARK: Line numbers of the written .skb

    /// The line of the first statement after the heading: the comment, the title, the design.
    public static func headingLines(title: String?) -> Int { title == nil ? 2 : 3 }

    /// The line call `index` (0-based) of `calls` has in the written `.skb`; `index` may be
    /// `calls.count`, for a call added at the end with no notes.
    public static func line(ofCall index: Int, in calls: [CallStatement], title: String?) -> Int {
        var line = headingLines(title: title)
        for c in calls.prefix(index) { line += c.notes.count + 1 }
        if index < calls.count { line += calls[index].notes.count }
        return line + 1
    }

    /// `calls` with each line (and so each message about it) as in the written `.skb`.
    public static func renumbered(_ calls: [CallStatement], title: String?) -> [CallStatement] {
        var line = headingLines(title: title)
        return calls.map { c in
            var c = c
            line += c.notes.count + 1
            c.line = line
            return c
        }
    }

    /// The names the calls before `index` bind, with their lines in the written `.skb`: what
    /// a call typed there may use (the parser's view; run time checks what still exists).
    public static func names(before index: Int, in calls: [CallStatement], title: String?) -> [String: Parser.Name] {
        var names: [String: Parser.Name] = [:]
        for c in renumbered(Array(calls.prefix(index)), title: title) {
            if let (name, bound) = Parser.binding(of: c) { names[name] = bound }
        }
        return names
    }

    static func quoted(_ s: String) -> String {
        // By scalar: a quote or backslash with a combining mark after it is one Character.
        var out = "\""
        for c in s.unicodeScalars {
            if c == "\"" || c == "\\" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out + "\""
    }

    private static func oneLine(_ s: String) -> String {
        String(s.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
