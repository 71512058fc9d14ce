/// Writes the JSON Lines trace of trace-format.md, one record a line, to a sink.
public struct TraceWriter {
    /// Whether to write `step` records (the conformance traces have none).
    public var includeSteps: Bool
    private let emit: (String) -> Void

    public init(includeSteps: Bool = true, emit: @escaping (String) -> Void) {
        self.includeSteps = includeSteps
        self.emit = emit
    }

    public func scenario(file: String, title: String?, design: Design, extra: [(String, String)] = []) {
        emit(JSON.object([
            ("type", "\"scenario\""), ("format", "\"skbviz-trace\""), ("version", "1"),
            ("file", JSON.string(file)), ("title", JSON.string(title)), ("design", JSON.string(design.rawValue)),
        ] + extra))
    }

    /// A first record of another type (the session log's `session` record).
    public func record(type: String, _ fields: [(String, String)]) {
        emit(JSON.object([("type", JSON.string(type))] + fields))
    }

    /// A completed call: its `op`, `step`, `event` and `violation` records, then its `state`.
    public func call(_ record: CallRecord, state: SkbState) {
        let op = String(record.op)
        self.op(record.op, record.statement)
        for (i, step) in record.steps.enumerated() {
            let n = includeSteps ? String(i + 1) : "null"
            if includeSteps {
                let changes = step.changes.map { c in
                    JSON.object([("path", JSON.string(c.path)), ("from", JSON.value(c.from)), ("to", JSON.value(c.to))])
                }
                emit(JSON.object([
                    ("op", op), ("step", n), ("text", JSON.string(step.text)), ("depth", String(step.depth)),
                    ("changes", JSON.array(changes)),
                ].withType("step")))
            }
            for outcome in step.outcomes {
                switch outcome {
                case .event(let e): event(e, op: op, step: n)
                case .violation(let v): violation(v, op: op, step: n)
                }
            }
        }
        self.state(state, op: op)
    }

    /// The `op` record that starts a call (a failed call writes it too, then its `error`).
    public func op(_ op: Int, _ statement: CallStatement) {
        emit(JSON.object([("op", String(op)), ("line", String(statement.line)), ("text", JSON.string(statement.text))].withType("op")))
    }

    private func event(_ e: Event, op: String, step: String) {
        var f: [(String, String)] = [("op", op), ("step", step), ("event", JSON.string(e.name))]
        switch e {
        case .skbDestructor(let s, let fn): f += [("skb", JSON.string("s\(s)")), ("fn", JSON.string(fn))]
        case .dataDestructor(let d, let fn): f += [("data", JSON.string("d\(d)")), ("fn", JSON.string(fn))]
        case .freeHead(let d): f += [("data", JSON.string("d\(d)"))]
        case .freePage(let p): f += [("page", JSON.string(p))]
        case .freeSkb(let s): f += [("skb", JSON.string("s\(s)"))]
        }
        emit(JSON.object(f.withType("event")))
    }

    public func violation(_ v: Violation, op: String, step: String) {
        var f: [(String, String)] = [("op", op), ("step", step), ("kind", JSON.string(v.kind.rawValue)), ("message", JSON.string(v.message))]
        for (name, value) in v.fields {
            switch value {
            case .id(let s): f.append((name, JSON.string(s)))
            case .number(let n): f.append((name, String(n)))
            }
        }
        emit(JSON.object(f.withType("violation")))
    }

    public func state(_ state: SkbState, op: String) {
        emit(JSON.object([
            ("op", op),
            ("skbs", JSON.array(state.sortedSkbs.map { StateFields.encode(StateFields.skb($0)) })),
            ("data", JSON.array(state.sortedData.map { StateFields.encode(StateFields.data($0)) })),
            ("pages", JSON.array(state.sortedPages.map { StateFields.encode(StateFields.page($0)) })),
        ].withType("state")))
    }

    /// An `error` record: `op` nil for a reading error.
    public func error(_ d: Diagnostic, op: Int?) {
        emit(JSON.object([
            ("op", op.map(String.init) ?? "null"), ("line", String(d.location.line)),
            ("column", String(d.location.column)), ("message", JSON.string(d.message)),
        ].withType("error")))
    }

    /// The `leak` violations of the final state, then the `end` record.
    public func end(ops: Int, state: SkbState?) {
        let leaks = state.map(Checker.leaks(in:)) ?? []
        for v in leaks { violation(v, op: String(ops), step: "null") }
        let ids = leaks.compactMap { v in v.fields.first.flatMap { if case .id(let s) = $0.1 { s } else { nil } } }
        let live = state.map(Checker.live(in:)) ?? []
        emit(JSON.object([
            ("ops", String(ops)), ("leaks", JSON.array(ids.map { JSON.string($0) })),
            ("live", JSON.array(live.map { JSON.string($0) })),
        ].withType("end")))
    }
}

private extension Array where Element == (String, String) {
    func withType(_ type: String) -> [(String, String)] { [("type", "\"\(type)\"")] + self }
}
