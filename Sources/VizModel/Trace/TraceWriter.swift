/// Writes the JSON Lines trace of trace-format.md, one record a line, to a sink.
///
/// A class because it keeps each object's encoded JSON between `state` records: most objects
/// do not change from one call to the next, and re-encoding them all made long traces slow.
/// `call(_:state:)` expects the calls of one run in order, from the state the run started in.
public final class TraceWriter {
    /// Whether to write `step` records (the conformance traces have none).
    public let includeSteps: Bool
    private let emitBytes: ([UInt8]) -> Void
    /// The encoded skbs and buffers of the last `state` record, kept up to date from each
    /// call's deltas: a record copies them, and only what the call changed is encoded again.
    private var skbParts = EncodedObjects()
    private var dataParts = EncodedObjects()
    /// The record being built, reused so that a record costs no allocation.
    private var line = JSONBytes(capacity: 4096)

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
        op(record.op, record.statement)
        for (i, step) in record.steps.enumerated() {
            let n = includeSteps ? i + 1 : nil
            if includeSteps {
                begin("step", op: record.op)
                line.raw(",\"step\":")
                line.int(i + 1)
                line.raw(",\"text\":")
                line.string(step.text)
                line.raw(",\"depth\":")
                line.int(step.depth)
                line.raw(",\"changes\":[")
                for (k, c) in step.changes.enumerated() {
                    if k > 0 { line.raw(",") }
                    line.raw("{\"path\":")
                    line.string(c.path)
                    line.raw(",\"from\":")
                    line.value(c.from)
                    line.raw(",\"to\":")
                    line.value(c.to)
                    line.raw("}")
                }
                line.raw("]")
                end()
            }
            for outcome in step.outcomes {
                switch outcome {
                case .event(let e): event(e, op: record.op, step: n)
                case .violation(let v): violation(v, op: record.op, step: n)
                }
            }
        }
        var skbs: Set<Int> = [], buffers: Set<Int> = []
        for step in record.steps {
            for d in step.deltas {
                switch d.key {
                case .skb(let id): skbs.insert(id)
                case .data(let id): buffers.insert(id)
                default: break
                }
            }
        }
        for id in skbs { skbParts.set(id, state.skbs[id].map(Self.encode)) }
        for id in buffers { dataParts.set(id, state.data[id].map(Self.encode)) }
        writeState(state, op: record.op)
    }

    /// The `op` record that starts a call (a failed call writes it too, then its `error`).
    public func op(_ op: Int, _ statement: CallStatement) {
        begin("op", op: op)
        line.raw(",\"line\":")
        line.int(statement.line)
        line.raw(",\"text\":")
        line.string(statement.text)
        end()
    }

    /// Starts a record in the reused line buffer: `{"type":T,"op":N`.
    private func begin(_ type: StaticString, op: Int?) {
        line.bytes.removeAll(keepingCapacity: true)
        line.raw("{\"type\":\"")
        line.raw(type)
        line.raw("\",\"op\":")
        if let op { line.int(op) } else { line.raw("null") }
    }

    private func step(_ n: Int?) {
        line.raw(",\"step\":")
        if let n { line.int(n) } else { line.raw("null") }
    }

    private func end() {
        line.raw("}")
        emitBytes(line.bytes)
    }

    private func event(_ e: Event, op: Int, step n: Int?) {
        begin("event", op: op)
        step(n)
        line.raw(",\"event\":")
        line.string(e.name)
        switch e {
        case .skbDestructor(let s, let fn):
            line.raw(",\"skb\":\"s")
            line.int(s)
            line.raw("\",\"fn\":")
            line.string(fn)
        case .dataDestructor(let d, let fn):
            line.raw(",\"data\":\"d")
            line.int(d)
            line.raw("\",\"fn\":")
            line.string(fn)
        case .freeHead(let d):
            line.raw(",\"data\":\"d")
            line.int(d)
            line.raw("\"")
        case .freePage(let p):
            line.raw(",\"page\":")
            line.string(p)
        case .freeSkb(let s):
            line.raw(",\"skb\":\"s")
            line.int(s)
            line.raw("\"")
        }
        end()
    }

    public func violation(_ v: Violation, op: Int, step n: Int?) {
        begin("violation", op: op)
        step(n)
        line.raw(",\"kind\":")
        line.string(v.kind.rawValue)
        line.raw(",\"message\":")
        line.string(v.message)
        for (name, value) in v.fields {
            line.raw(",")
            line.string(name)
            line.raw(":")
            switch value {
            case .id(let s): line.string(s)
            case .number(let n): line.int(n)
            }
        }
        end()
    }

    /// A `state` record of any state (encoding every object).
    public func state(_ state: SkbState, op: Int) {
        skbParts = EncodedObjects()
        dataParts = EncodedObjects()
        for (id, s) in state.skbs { skbParts.set(id, Self.encode(s)) }
        for (id, d) in state.data { dataParts.set(id, Self.encode(d)) }
        writeState(state, op: op)
    }

    private func writeState(_ state: SkbState, op: Int) {
        begin("state", op: op)
        Self.objects(of: state, skbs: skbParts, data: dataParts, into: &line)
        end()
    }

    /// The `skbs`, `data` and `pages` fields of a `state` record. Static, on an `inout` buffer:
    /// the writer's stored properties would each be checked for exclusive access per use.
    private static func objects(of state: SkbState, skbs: EncodedObjects, data: EncodedObjects, into line: inout JSONBytes) {
        line.raw(",\"skbs\":[")
        skbs.write(into: &line)
        line.raw("],\"data\":[")
        data.write(into: &line)
        line.raw("],\"pages\":[")
        for (k, p) in state.sortedPages.enumerated() {
            if k > 0 { line.raw(",") }
            line.beginObject()
            StateFields.write(p, to: &line)
            line.endObject()
        }
        line.raw("]")
    }

    private static func encode(_ s: SkBuff) -> [UInt8] {
        var json = JSONBytes()
        json.beginObject()
        StateFields.write(s, to: &json)
        json.endObject()
        return json.bytes
    }

    private static func encode(_ d: DataBuffer) -> [UInt8] {
        var json = JSONBytes()
        json.beginObject()
        StateFields.write(d, to: &json)
        json.endObject()
        return json.bytes
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
        for v in leaks { violation(v, op: ops, step: nil) }
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
