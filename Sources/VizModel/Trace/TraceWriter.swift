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
    /// The design of the run, from its `scenario` or `session` record: whether `state`
    /// records carry the zero-copy fields (model-later.md §8).
    private var design = Design.standard
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

    public func scenario(file: String, title: String?, design: Design) {
        self.design = design
        begin("scenario")
        line.raw(",\"format\":\"skbviz-trace\",\"version\":1,\"file\":")
        line.string(file)
        line.raw(",\"title\":")
        line.string(title)
        line.raw(",\"design\":")
        line.string(design.rawValue)
        end()
    }

    /// The session log's first record: the tool, the design and where the viewer's cursor was.
    public func session(tool: String, version: String, design: Design, cursor: (call: Int, step: Int, global: Int)) {
        self.design = design
        begin("session")
        line.raw(",\"tool\":")
        line.string(tool)
        line.raw(",\"version\":")
        line.string(version)
        line.raw(",\"design\":")
        line.string(design.rawValue)
        line.raw(",\"cursor\":{\"call\":")
        line.int(cursor.call)
        line.raw(",\"step\":")
        line.int(cursor.step)
        line.raw(",\"global\":")
        line.int(cursor.global)
        line.raw("}")
        end()
    }

    /// A completed call: its `op`, `step`, `event` and `violation` records, then its `state`.
    /// As trace-format.md orders them, `invariant` violations come after all the call's events.
    public func call(_ record: CallRecord, state: SkbState) {
        op(record.op, record.statement)
        var invariants: [(Violation, step: Int?)] = []
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
                for (k, c) in step.changes(in: state).enumerated() {
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
                case .violation(let v) where v.kind == .invariant: invariants.append((v, n))
                case .violation(let v): violation(v, op: record.op, step: n)
                }
            }
        }
        for (v, n) in invariants { violation(v, op: record.op, step: n) }
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
        let zc = design.zerocopy != nil
        for id in skbs { skbParts.set(id, state.skbs[id].map { Self.encode($0, state.pageNames, zc) }) }
        for id in buffers { dataParts.set(id, state.data[id].map { Self.encode($0, state.pageNames, zc) }) }
        writeState(state, op: record.op)
    }

    /// The `op` record that starts a call (a failed call writes it too, then its `error`).
    private func op(_ op: Int, _ statement: CallStatement) {
        begin("op", op: op)
        line.raw(",\"line\":")
        line.int(statement.line)
        line.raw(",\"text\":")
        line.string(statement.text)
        end()
    }

    /// Starts a record in the reused line buffer: `{"type":T`.
    private func begin(_ type: StaticString) {
        line.bytes.removeAll(keepingCapacity: true)
        line.raw("{\"type\":\"")
        line.raw(type)
        line.raw("\"")
    }

    /// Starts a record that belongs to a call: `{"type":T,"op":N` (`null` for none).
    private func begin(_ type: StaticString, op: Int?) {
        begin(type)
        line.raw(",\"op\":")
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
        case .zerocopyCallback(let u, let fn, let success, let via):
            line.raw(",\"ubuf\":\"u")
            line.int(u)
            line.raw("\",\"fn\":")
            line.string(fn)
            line.raw(",\"success\":")
            if let success { line.bool(success) } else { line.raw("null") }
            line.raw(",\"via\":\"")
            line.raw(string: via.rawValue)
            line.raw("\"")
        case .zerocopyNotify(let u, let lo, let hi, let copied, let merged):
            line.raw(",\"ubuf\":\"u")
            line.int(u)
            line.raw("\",\"lo\":")
            line.int(lo)
            line.raw(",\"hi\":")
            line.int(hi)
            line.raw(",\"copied\":")
            line.bool(copied)
            line.raw(",\"merged\":")
            line.bool(merged)
        }
        end()
    }

    private func violation(_ v: Violation, op: Int, step n: Int?) {
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
        let zc = design.zerocopy != nil
        for (id, s) in state.skbs { skbParts.set(id, Self.encode(s, state.pageNames, zc)) }
        for (id, d) in state.data { dataParts.set(id, Self.encode(d, state.pageNames, zc)) }
        writeState(state, op: op)
    }

    private func writeState(_ state: SkbState, op: Int) {
        begin("state", op: op)
        Self.objects(of: state, skbs: skbParts, data: dataParts, into: &line)
        if let zerocopy = design.zerocopy { Self.zerocopyObjects(of: state, zerocopy, into: &line) }
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
            JSONFields.write(p, names: state.pageNames, into: &line)
        }
        line.raw("]")
    }

    /// The `ubufs` field of a zero-copy design's `state` record, and under MSG_ZEROCOPY the
    /// `errqueue` (model-later.md §8).
    private static func zerocopyObjects(of state: SkbState, _ zerocopy: Design.Zerocopy, into line: inout JSONBytes) {
        line.raw(",\"ubufs\":[")
        for (k, u) in state.listedUbufs.enumerated() {
            if k > 0 { line.raw(",") }
            JSONFields.write(u, names: state.pageNames, into: &line)
        }
        line.raw("]")
        guard zerocopy == .refcounted else { return }
        line.raw(",\"errqueue\":[")
        for (k, n) in state.socket.errqueue.enumerated() {
            if k > 0 { line.raw(",") }
            line.raw("{\"lo\":")
            line.int(n.lo)
            line.raw(",\"hi\":")
            line.int(n.hi)
            line.raw(",\"copied\":")
            line.bool(n.copied)
            line.raw("}")
        }
        line.raw("]")
    }

    private static func encode<T: FieldListed>(_ object: T, _ names: PageNames, _ zerocopy: Bool) -> [UInt8] {
        var json = JSONBytes()
        JSONFields.write(object, names: names, zerocopy: zerocopy, into: &json)
        return json.bytes
    }

    /// An `error` record: `op` nil for a reading error.
    private func error(_ d: Diagnostic, op: Int?) {
        begin("error", op: op)
        line.raw(",\"line\":")
        line.int(d.location.line)
        line.raw(",\"column\":")
        line.int(d.location.column)
        line.raw(",\"message\":")
        line.string(d.message)
        end()
    }

    /// The `leak` violations of the final state, then the `end` record.
    private func end(ops: Int, state: SkbState?) {
        let leaks = state.map(Checker.leaks(in:)) ?? []
        for v in leaks { violation(v, op: ops, step: nil) }
        let ids = leaks.compactMap(\.leaked)
        begin("end")
        line.raw(",\"ops\":")
        line.int(ops)
        line.raw(",\"leaks\":")
        strings(ids)
        line.raw(",\"live\":")
        strings(state.map(Checker.live(in:)) ?? [])
        end()
    }

    /// The whole trace of `program` under `design`, as `skbviz run --trace` writes it.
    public func write(_ program: Program, design: Design) {
        scenario(file: program.file, title: program.title, design: design)
        let outcome = ScenarioRun.execute(program, design: design, texts: includeSteps) { call($0, state: $1) }
        finish(outcome, program: program)
    }

    /// What follows the last completed call: the reading errors, or the failed call's `op`
    /// and `error`; then the `end` record.
    public func finish(_ outcome: ScenarioRun.Outcome, program: Program) {
        switch outcome {
        case .unreadable(let errors):
            for e in errors { error(e, op: nil) }
            end(ops: 0, state: nil)
        case .failed(let op, let e, let state):
            self.op(op, program.calls[op - 1])
            error(e, op: op)
            end(ops: op - 1, state: state)
        case .completed(let state):
            end(ops: program.calls.count, state: state)
        }
    }

    private func strings(_ items: [String]) {
        line.raw("[")
        for (i, s) in items.enumerated() {
            if i > 0 { line.raw(",") }
            line.string(s)
        }
        line.raw("]")
    }
}
