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
            switch (d.key, d.before, d.after) {
            case (.skb(let id), .skb(let b)?, .skb(let a)?):
                var c = FieldChanges(prefix: "s" + String(id))
                c.skb(b, a)
                out += c.out
            case (.data(let id), .data(let b)?, .data(let a)?):
                var c = FieldChanges(prefix: "d" + String(id))
                c.data(b, a)
                out += c.out
            case (.page(let name), .page(let b)?, .page(let a)?):
                var c = FieldChanges(prefix: name)
                c.field("count", b.count, a.count)
                c.field("held", b.held, a.held)
                out += c.out
            case (.skb(let id), _, _):
                whole("s" + String(id), d.before?.asSkb.map { StateFields.skb($0) + Self.scenarioFields($0) },
                      d.after?.asSkb.map { StateFields.skb($0) + Self.scenarioFields($0) }, into: &out)
            case (.data(let id), _, _):
                whole("d" + String(id), d.before?.asData.map(StateFields.data), d.after?.asData.map(StateFields.data), into: &out)
            case (.page(let name), _, _):
                whole(name, d.before?.asPage.map { StateFields.page($0) + [("held", .int($0.held))] },
                      d.after?.asPage.map { StateFields.page($0) + [("held", .int($0.held))] }, into: &out)
            case (.binding, _, _), (.freed, _, _), (.counters, _, _):
                continue
            }
        }
        return out
    }

    /// An object that appeared or went: one change of the whole object.
    private func whole(_ path: String, _ before: [(String, ChangeValue)]?, _ after: [(String, ChangeValue)]?, into out: inout [Change]) {
        func object(_ f: [(String, ChangeValue)]?) -> ChangeValue {
            f.map { .object(Dictionary($0, uniquingKeysWith: { x, _ in x })) } ?? .null
        }
        out.append(Change(path: path, from: object(before), to: object(after)))
    }

    /// What the scenario and the running call hold of an skb: not kernel fields, but shown.
    private static func scenarioFields(_ s: SkBuff) -> [(String, ChangeValue)] {
        [("held", .int(s.held)), ("in_flight", .int(s.inFlight))]
    }
}

/// The field-by-field changes of an object that lived through a step, with the trace's names;
/// it compares raw fields and builds values only for those that differ (a step's changes are
/// written for every step of a trace).
private struct FieldChanges {
    let prefix: String
    var out: [Change] = []

    mutating func add(_ name: String, _ from: ChangeValue, _ to: ChangeValue) {
        out.append(Change(path: prefix + "." + name, from: from, to: to))
    }

    mutating func field(_ name: String, _ a: Int, _ b: Int) {
        if a != b { add(name, .int(a), .int(b)) }
    }

    mutating func field(_ name: String, _ a: Bool, _ b: Bool) {
        if a != b { add(name, .bool(a), .bool(b)) }
    }

    mutating func field(_ name: String, _ a: String?, _ b: String?) {
        if a != b { add(name, a.map(ChangeValue.string) ?? .null, b.map(ChangeValue.string) ?? .null) }
    }

    mutating func skb(_ b: SkBuff, _ a: SkBuff) {
        field("name", b.name, a.name)
        field("users", b.users, a.users)
        field("cloned", b.cloned, a.cloned)
        field("nohdr", b.nohdr, a.nohdr)
        field("fclone_ref", b.fcloneRef, a.fcloneRef)
        field("len", b.len, a.len)
        field("data_len", b.dataLen, a.dataLen)
        field("headroom", b.headroom, a.headroom)
        field("headlen", b.headlen, a.headlen)
        field("tailroom", b.tailroom, a.tailroom)
        if b.data != a.data { field("data", b.data == 0 ? nil : "d" + String(b.data), a.data == 0 ? nil : "d" + String(a.data)) }
        field("destructor", b.destructor, a.destructor)
        field("truesize", b.truesize, a.truesize)
        field("held", b.held, a.held)
        field("in_flight", b.inFlight, a.inFlight)
    }

    mutating func data(_ b: DataBuffer, _ a: DataBuffer) {
        field("size", b.size, a.size)
        field("dataref", Int(b.dataref), Int(a.dataref))
        field("nr_frags", b.nrFrags, a.nrFrags)
        if b.frags.count != a.frags.count || zip(b.frags, a.frags).contains(where: { $0.page != $1.page || $0.off != $1.off || $0.size != $1.size }) {
            add("frags", .array(b.frags.map(\.value)), .array(a.frags.map(\.value)))
        }
        if b.fragList != a.fragList {
            add("frag_list", .array(b.fragList.map { .string("s" + String($0)) }), .array(a.fragList.map { .string("s" + String($0)) }))
        }
        if b.orig != a.orig { field("orig", b.orig.map { "d" + String($0) }, a.orig.map { "d" + String($0) }) }
        field("destructor", b.destructor, a.destructor)
    }
}

private extension Frag {
    var value: ChangeValue { .object(["page": .string(page), "off": .int(off), "size": .int(size)]) }
}

private extension ObjectValue {
    var asSkb: SkBuff? { if case .skb(let s) = self { s } else { nil } }
    var asData: DataBuffer? { if case .data(let d) = self { d } else { nil } }
    var asPage: Page? { if case .page(let p) = self { p } else { nil } }
}
