/// An object's fields as trace-format.md names and orders them, written in place for the
/// `state` record: the fields the field list marks `.state`, and the derived ones.
struct JSONFields<Field: ObjectField>: FieldVisitor {
    var json = JSONBytes()
    let names: PageNames
    /// Whether the fields a zero-copy design adds (`zc`, `ubuf`) are written.
    let zerocopy: Bool
    /// Whether the next field needs a comma.
    private var written = false

    init(names: PageNames, zerocopy: Bool) {
        self.names = names
        self.zerocopy = zerocopy
    }

    /// `{…}` of `object`'s fields, appended to `json`; pages are called by `names`.
    static func write<T: FieldListed>(_ object: T, names: PageNames, zerocopy: Bool = false, into json: inout JSONBytes) where T.Field == Field {
        var object = object
        var v = JSONFields(names: names, zerocopy: zerocopy)
        swap(&v.json, &json)
        v.json.raw("{")
        object.visitFields(&v)
        v.json.raw("}")
        swap(&v.json, &json)
    }

    /// Writes `"name":` and answers true for a field the `state` record shows.
    private mutating func key(_ field: Field) -> Bool {
        switch field.use {
        case .state, .stateIfSet: break
        case .zerocopy where zerocopy: break
        default: return false
        }
        if written { json.raw(",") }
        written = true
        json.raw("\"")
        json.raw(string: field.rawValue)
        json.raw("\":")
        return true
    }

    private mutating func id(_ prefix: StaticString, _ id: Int) {
        json.raw("\"")
        json.raw(prefix)
        json.int(id)
        json.raw("\"")
    }

    mutating func int(_ field: Field, _ value: inout Int) {
        if key(field) { json.int(value) }
    }

    mutating func bool(_ field: Field, _ value: inout Bool) {
        if key(field) { json.bool(value) }
    }

    mutating func int(_ field: Field, _ value: inout Int?) {
        if value == nil && field.use == .stateIfSet { return }
        guard key(field) else { return }
        if let value { json.int(value) } else { json.raw("null") }
    }

    mutating func bool(_ field: Field, _ value: inout Bool?) {
        if value == nil && field.use == .stateIfSet { return }
        guard key(field) else { return }
        if let value { json.bool(value) } else { json.raw("null") }
    }

    mutating func text(_ field: Field, _ value: inout String?) {
        if key(field) { json.string(value) }
    }

    mutating func page(_ field: Field, _ value: inout Int) {
        if key(field) { json.string(names.ref(value)) }
    }

    mutating func choice<C: FieldChoice>(_ field: Field, _ value: inout C) {
        if key(field) { json.string(value.rawValue) }
    }

    mutating func word(_ field: Field, _ value: inout UInt32) {
        if key(field) { json.int(Int(value)) }
    }

    mutating func ref(_ field: Field, _ prefix: StaticString, _ value: inout Int) {
        guard key(field) else { return }
        if value == 0 { json.raw("null") } else { id(prefix, value) }
    }

    mutating func ref(_ field: Field, _ prefix: StaticString, _ value: inout Int?) {
        guard key(field) else { return }
        if let value { id(prefix, value) } else { json.raw("null") }
    }

    mutating func refs(_ field: Field, _ prefix: StaticString, _ value: inout ArraySlice<Int>) {
        guard key(field) else { return }
        json.raw("[")
        for (i, v) in value.enumerated() {
            if i > 0 { json.raw(",") }
            id(prefix, v)
        }
        json.raw("]")
    }

    mutating func frags(_ field: Field, _ value: inout [Frag]) {
        guard key(field) else { return }
        json.raw("[")
        for (i, f) in value.enumerated() {
            if i > 0 { json.raw(",") }
            json.raw("{\"page\":")
            json.string(names.ref(f.page))
            json.raw(",\"off\":")
            json.int(f.off)
            json.raw(",\"size\":")
            json.int(f.size)
            json.raw("}")
        }
        json.raw("]")
    }

    mutating func derived(_ field: Field, int value: Int?) {
        if let value, key(field) { json.int(value) }
    }
}

/// An object's fields as values, as step changes show them: the `state` record's fields, then
/// what the scenario and the running call hold of it.
struct ChangeFields<Field: ObjectField>: FieldVisitor {
    var fields: [(Field, ChangeValue)] = []
    let names: PageNames

    static func of<T: FieldListed>(_ object: T, names: PageNames) -> [(Field, ChangeValue)] where T.Field == Field {
        var object = object
        var v = ChangeFields(names: names)
        object.visitFields(&v)
        return v.fields
    }

    private mutating func add(_ field: Field, _ value: ChangeValue) {
        if field.use != .history { fields.append((field, value)) }
    }

    private static func id(_ prefix: StaticString, _ id: Int) -> ChangeValue {
        .string(prefix.description + String(id))
    }

    mutating func int(_ field: Field, _ value: inout Int) { add(field, .int(value)) }
    mutating func bool(_ field: Field, _ value: inout Bool) { add(field, .bool(value)) }
    mutating func int(_ field: Field, _ value: inout Int?) { add(field, value.map(ChangeValue.int) ?? .null) }
    mutating func bool(_ field: Field, _ value: inout Bool?) { add(field, value.map(ChangeValue.bool) ?? .null) }
    mutating func text(_ field: Field, _ value: inout String?) { add(field, value.map(ChangeValue.string) ?? .null) }
    mutating func page(_ field: Field, _ value: inout Int) { add(field, .string(names.ref(value))) }
    mutating func choice<C: FieldChoice>(_ field: Field, _ value: inout C) { add(field, .string(value.rawValue)) }
    mutating func word(_ field: Field, _ value: inout UInt32) { add(field, .int(Int(value))) }

    mutating func ref(_ field: Field, _ prefix: StaticString, _ value: inout Int) {
        add(field, value == 0 ? .null : Self.id(prefix, value))
    }

    mutating func ref(_ field: Field, _ prefix: StaticString, _ value: inout Int?) {
        add(field, value.map { Self.id(prefix, $0) } ?? .null)
    }

    mutating func refs(_ field: Field, _ prefix: StaticString, _ value: inout ArraySlice<Int>) {
        add(field, .array(value.map { Self.id(prefix, $0) }))
    }

    mutating func frags(_ field: Field, _ value: inout [Frag]) {
        add(field, .array(value.map { .object(["page": .string(names.ref($0.page)), "off": .int($0.off), "size": .int($0.size)]) }))
    }

    mutating func derived(_ field: Field, int value: Int?) {
        if let value { add(field, .int(value)) }
    }
}

extension Step {
    /// The field changes of this step, object by object (`d1.dataref`: 1 → 65538); an object
    /// that appears or goes is one change of the whole object. Pages are called by their names
    /// in `state`, the state after this step or a later one.
    public func changes(in state: SkbState) -> [Change] {
        let names = state.pageNames
        var out: [Change] = []
        for d in deltas {
            switch (d.key, d.before, d.after) {
            case (.skb(let id), let b, let a):
                Self.compare("s" + String(id), d.key, b.flatMap(\.skb), a.flatMap(\.skb), names, into: &out) { .skb(id, $0) }
            case (.data(let id), let b, let a):
                Self.compare("d" + String(id), d.key, b.flatMap(\.data), a.flatMap(\.data), names, into: &out) { .data(id, $0) }
            case (.page(let id), let b, let a):
                Self.compare(names.ref(id), d.key, b.flatMap(\.page), a.flatMap(\.page), names, into: &out) { .page(id, $0) }
            case (.ubuf(let id), let b, let a):
                Self.compare("u" + String(id), d.key, b.flatMap(\.ubuf), a.flatMap(\.ubuf), names, into: &out) { .ubuf(id, $0) }
            case (.socket, let b, let a):
                let x = b?.socket ?? ZerocopySocket(), y = a?.socket ?? ZerocopySocket()
                if x.zckey != y.zckey {
                    out.append(Change(field: .socket(.zckey), object: "sk", from: .int(x.zckey), to: .int(y.zckey)))
                }
                if x.errqueue != y.errqueue {
                    out.append(Change(field: .socket(.errqueue), object: "sk", from: Self.queue(x.errqueue), to: Self.queue(y.errqueue)))
                }
            case (.binding, _, _), (.freed, _, _), (.counters, _, _):
                continue
            }
        }
        return out
    }

    private static func compare<T: FieldListed>(_ object: String, _ key: ObjectKey, _ before: T?, _ after: T?, _ names: PageNames,
                                                into out: inout [Change], path: (T.Field) -> FieldPath) {
        switch (before.map { ChangeFields.of($0, names: names) }, after.map { ChangeFields.of($0, names: names) }) {
        case (let b?, let a?):
            for ((field, x), (_, y)) in zip(b, a) where x != y {
                out.append(Change(field: path(field), object: object, from: x, to: y))
            }
        case (let b, let a):
            out.append(Change(field: .object(key), object: object, from: Self.object(b), to: Self.object(a)))
        }
    }

    /// The error queue as a change value: `[{lo, hi, copied}]`.
    private static func queue(_ q: [ZerocopySocket.Notification]) -> ChangeValue {
        .array(q.map { .object(["lo": .int($0.lo), "hi": .int($0.hi), "copied": .bool($0.copied)]) })
    }

    /// A whole object as a change value. The zero-copy fields are left out while they hold
    /// nothing (`zc` false, no `ubuf`), so an object of the 2008 designs reads as it always did.
    private static func object<F: ObjectField>(_ fields: [(F, ChangeValue)]?) -> ChangeValue {
        fields.map { fields in
            let shown = fields.filter { $0.0.use != .zerocopy || ($0.1 != .null && $0.1 != .bool(false)) }
            return .object(Dictionary(shown.map { ($0.0.rawValue, $0.1) }, uniquingKeysWith: { x, _ in x }))
        } ?? .null
    }
}
