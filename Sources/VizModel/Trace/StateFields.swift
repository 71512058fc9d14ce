/// Where an object's fields go, in the trace's order: JSON bytes for the `state` record, or
/// values for whole-object `changes`.
protocol FieldSink {
    mutating func field(_ name: StaticString, int: Int)
    mutating func field(_ name: StaticString, bool: Bool)
    mutating func field(_ name: StaticString, text: String?)
    /// `"d5"` for prefix `d` and id 5, or null.
    mutating func field(_ name: StaticString, prefix: StaticString, id: Int?)
    mutating func field(_ name: StaticString, prefix: StaticString, ids: [Int])
    mutating func field(_ name: StaticString, frags: [Frag])
}

/// The fields of each object as trace-format.md names them, in its order: the one list used by
/// the `state` record, by step `changes`, and by every screen that lists fields.
enum StateFields {
    static func write<S: FieldSink>(_ s: SkBuff, to sink: inout S) {
        sink.field("id", prefix: "s", id: s.id)
        sink.field("name", text: s.name)
        sink.field("users", int: s.users)
        sink.field("cloned", bool: s.cloned)
        sink.field("nohdr", bool: s.nohdr)
        sink.field("fclone", text: s.fclone.rawValue)
        if s.fclone == .orig { sink.field("fclone_ref", int: s.fcloneRef) }
        sink.field("len", int: s.len)
        sink.field("data_len", int: s.dataLen)
        sink.field("headroom", int: s.headroom)
        sink.field("headlen", int: s.headlen)
        sink.field("tailroom", int: s.tailroom)
        sink.field("data", prefix: "d", id: s.data == 0 ? nil : s.data)
        sink.field("destructor", text: s.destructor)
        sink.field("truesize", int: s.truesize)
    }

    static func write<S: FieldSink>(_ d: DataBuffer, to sink: inout S) {
        sink.field("id", prefix: "d", id: d.id)
        sink.field("size", int: d.size)
        sink.field("dataref", int: Int(d.dataref))
        sink.field("nr_frags", int: d.nrFrags)
        sink.field("frags", frags: d.frags)
        sink.field("frag_list", prefix: "s", ids: d.fragList)
        sink.field("orig", prefix: "d", id: d.orig)
        sink.field("destructor", text: d.destructor)
    }

    static func write<S: FieldSink>(_ p: Page, to sink: inout S) {
        sink.field("id", text: p.name)
        sink.field("count", int: p.count)
    }

    static func skb(_ s: SkBuff) -> [(String, ChangeValue)] {
        var v = ValueSink()
        write(s, to: &v)
        return v.fields
    }

    static func data(_ d: DataBuffer) -> [(String, ChangeValue)] {
        var v = ValueSink()
        write(d, to: &v)
        return v.fields
    }

    static func page(_ p: Page) -> [(String, ChangeValue)] {
        var v = ValueSink()
        write(p, to: &v)
        return v.fields
    }
}

/// Fields as values, for whole-object changes.
struct ValueSink: FieldSink {
    var fields: [(String, ChangeValue)] = []

    mutating func field(_ name: StaticString, int: Int) { fields.append((name.description, .int(int))) }
    mutating func field(_ name: StaticString, bool: Bool) { fields.append((name.description, .bool(bool))) }
    mutating func field(_ name: StaticString, text: String?) {
        fields.append((name.description, text.map(ChangeValue.string) ?? .null))
    }
    mutating func field(_ name: StaticString, prefix: StaticString, id: Int?) {
        fields.append((name.description, id.map { .string(prefix.description + String($0)) } ?? .null))
    }
    mutating func field(_ name: StaticString, prefix: StaticString, ids: [Int]) {
        fields.append((name.description, .array(ids.map { .string(prefix.description + String($0)) })))
    }
    mutating func field(_ name: StaticString, frags: [Frag]) {
        fields.append((name.description, .array(frags.map {
            .object(["page": .string($0.page), "off": .int($0.off), "size": .int($0.size)])
        })))
    }
}

extension Step {
    /// The field changes of this step, object by object (`d1.dataref`: 1 → 65538); an object
    /// that appears or goes is one change of the whole object.
    public var changes: [Change] {
        var out: [Change] = []
        for d in deltas {
            let prefix: String
            switch d.key {
            case .skb(let id): prefix = "s" + String(id)
            case .data(let id): prefix = "d" + String(id)
            case .page(let name): prefix = name
            case .binding, .freed, .counters: continue
            }
            switch (d.before.flatMap(Self.fields), d.after.flatMap(Self.fields)) {
            case (let b?, let a?):
                for ((name, x), (_, y)) in zip(b, a) where x != y {
                    out.append(Change(path: prefix + "." + name, from: x, to: y))
                }
            case (let b, let a):
                out.append(Change(path: prefix, from: Self.object(b), to: Self.object(a)))
            }
        }
        return out
    }

    /// An object's fields as changes show them: the trace's fields, and what the scenario and
    /// the running call hold of it.
    private static func fields(_ value: ObjectValue) -> [(String, ChangeValue)]? {
        switch value {
        case .skb(let s): StateFields.skb(s) + [("held", .int(s.held)), ("in_flight", .int(s.inFlight))]
        case .data(let d): StateFields.data(d)
        case .page(let p): StateFields.page(p) + [("held", .int(p.held))]
        case .binding, .line, .counters: nil
        }
    }

    private static func object(_ fields: [(String, ChangeValue)]?) -> ChangeValue {
        fields.map { .object(Dictionary($0, uniquingKeysWith: { x, _ in x })) } ?? .null
    }
}
