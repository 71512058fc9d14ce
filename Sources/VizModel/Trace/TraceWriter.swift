/// Writes the JSON Lines trace of trace-format.md, one record a line, to a sink.
///
/// A class because it keeps each object's encoded JSON between `state` records: most objects
/// do not change from one call to the next, and re-encoding them all made long traces slow.
public final class TraceWriter {
    /// Whether to write `step` records (the conformance traces have none).
    public let includeSteps: Bool
    private let emitBytes: ([UInt8]) -> Void
    private var skbCache: [Int: (SkBuff, [UInt8])] = [:]
    private var dataCache: [Int: (DataBuffer, [UInt8])] = [:]

    /// A writer that hands each line, without its newline, to `emit`.
    public convenience init(includeSteps: Bool = true, emit: @escaping (String) -> Void) {
        self.init(includeSteps: includeSteps, emitBytes: { emit(String(decoding: $0, as: UTF8.self)) })
    }

    /// A writer that hands each line's UTF-8 bytes, without its newline, to `emitBytes`.
    public init(includeSteps: Bool = true, emitBytes: @escaping ([UInt8]) -> Void) {
        self.includeSteps = includeSteps
        self.emitBytes = emitBytes
    }

    private func emit(_ line: String) {
        emitBytes(Array(line.utf8))
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
                var j = JSONBytes()
                j.raw("{\"type\":\"step\",\"op\":")
                j.raw(op)
                j.raw(",\"step\":")
                j.raw(n)
                j.raw(",\"text\":")
                j.string(step.text)
                j.raw(",\"depth\":")
                j.int(step.depth)
                j.raw(",\"changes\":[")
                for (k, c) in step.changes.enumerated() {
                    if k > 0 { j.raw(",") }
                    j.raw("{\"path\":")
                    j.string(c.path)
                    j.raw(",\"from\":")
                    j.value(c.from)
                    j.raw(",\"to\":")
                    j.value(c.to)
                    j.raw("}")
                }
                j.raw("]}")
                emitBytes(j.bytes)
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
        var j = JSONBytes()
        j.raw("{\"type\":\"state\",\"op\":")
        j.raw(op)
        j.raw(",\"skbs\":[")
        for (k, id) in state.skbs.keys.sorted().enumerated() {
            let s = state.skbs[id]!
            if k > 0 { j.raw(",") }
            if let (cached, text) = skbCache[id], cached == s {
                j.raw(text)
            } else {
                var o = JSONBytes()
                o.fields(StateFields.skb(s))
                skbCache[id] = (s, o.bytes)
                j.raw(o.bytes)
            }
        }
        j.raw("],\"data\":[")
        for (k, id) in state.data.keys.sorted().enumerated() {
            let d = state.data[id]!
            if k > 0 { j.raw(",") }
            if let (cached, text) = dataCache[id], cached == d {
                j.raw(text)
            } else {
                var o = JSONBytes()
                o.fields(StateFields.data(d))
                dataCache[id] = (d, o.bytes)
                j.raw(o.bytes)
            }
        }
        j.raw("],\"pages\":[")
        for (k, p) in state.sortedPages.enumerated() {
            if k > 0 { j.raw(",") }
            j.raw("{\"id\":")
            j.string(p.name)
            j.raw(",\"count\":")
            j.int(p.count)
            j.raw("}")
        }
        j.raw("]}")
        emitBytes(j.bytes)
        if skbCache.count > 4 * state.skbs.count + 64 { skbCache = skbCache.filter { state.skbs[$0.key] != nil } }
        if dataCache.count > 4 * state.data.count + 64 { dataCache = dataCache.filter { state.data[$0.key] != nil } }
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
