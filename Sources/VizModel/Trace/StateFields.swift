/// The fields of each object as trace-format.md names them, in its order: used by the `state`
/// record, by step `changes`, and by every screen that lists fields.
enum StateFields {
    static func skb(_ s: SkBuff) -> [(String, ChangeValue)] {
        var f: [(String, ChangeValue)] = [
            ("id", .string(s.ref)), ("name", s.name.map(ChangeValue.string) ?? .null),
            ("users", .int(s.users)), ("cloned", .bool(s.cloned)), ("nohdr", .bool(s.nohdr)),
            ("fclone", .string(s.fclone.rawValue)),
        ]
        if s.fclone == .orig { f.append(("fclone_ref", .int(s.fcloneRef))) }
        f += [
            ("len", .int(s.len)), ("data_len", .int(s.dataLen)), ("headroom", .int(s.headroom)),
            ("headlen", .int(s.headlen)), ("tailroom", .int(s.tailroom)),
            ("data", s.data == 0 ? .null : .string("d\(s.data)")),
            ("destructor", s.destructor.map(ChangeValue.string) ?? .null),
            ("truesize", .int(s.truesize)),
        ]
        return f
    }

    static func data(_ d: DataBuffer) -> [(String, ChangeValue)] {
        [
            ("id", .string(d.ref)), ("size", .int(d.size)), ("dataref", .int(Int(d.dataref))),
            ("nr_frags", .int(d.nrFrags)),
            ("frags", .array(d.frags.map { .object(["page": .string($0.page), "off": .int($0.off), "size": .int($0.size)]) })),
            ("frag_list", .array(d.fragList.map { .string("s\($0)") })),
            ("orig", d.orig.map { .string("d\($0)") } ?? .null),
            ("destructor", d.destructor.map(ChangeValue.string) ?? .null),
        ]
    }

    static func page(_ p: Page) -> [(String, ChangeValue)] {
        [("id", .string(p.name)), ("count", .int(p.count))]
    }
}

extension Step {
    /// The field changes of this step, object by object (`d1.dataref`: 1 → 65538); an object
    /// that appears or goes is one change of the whole object.
    public var changes: [Change] {
        var out: [Change] = []
        for d in deltas {
            let (before, after): ([(String, ChangeValue)]?, [(String, ChangeValue)]?)
            let prefix: String
            switch d.key {
            case .skb(let id):
                prefix = "s\(id)"
                before = d.before.flatMap { if case .skb(let s) = $0 { StateFields.skb(s) + Self.scenarioFields(s) } else { nil } }
                after = d.after.flatMap { if case .skb(let s) = $0 { StateFields.skb(s) + Self.scenarioFields(s) } else { nil } }
            case .data(let id):
                prefix = "d\(id)"
                before = d.before.flatMap { if case .data(let b) = $0 { StateFields.data(b) } else { nil } }
                after = d.after.flatMap { if case .data(let b) = $0 { StateFields.data(b) } else { nil } }
            case .page(let name):
                prefix = name
                before = d.before.flatMap { if case .page(let p) = $0 { StateFields.page(p) + [("held", .int(p.held))] } else { nil } }
                after = d.after.flatMap { if case .page(let p) = $0 { StateFields.page(p) + [("held", .int(p.held))] } else { nil } }
            case .binding, .freed, .counters:
                continue
            }
            switch (before, after) {
            case (let b?, let a?):
                for ((name, x), (_, y)) in zip(b, a) where x != y {
                    out.append(Change(path: "\(prefix).\(name)", from: x, to: y))
                }
            case (nil, let a?):
                out.append(Change(path: prefix, from: .null, to: .object(Dictionary(a, uniquingKeysWith: { x, _ in x }))))
            case (let b?, nil):
                out.append(Change(path: prefix, from: .object(Dictionary(b, uniquingKeysWith: { x, _ in x })), to: .null))
            case (nil, nil):
                continue
            }
        }
        return out
    }

    /// What the scenario and the running call hold of an skb: not kernel fields, but shown.
    private static func scenarioFields(_ s: SkBuff) -> [(String, ChangeValue)] {
        [("held", .int(s.held)), ("in_flight", .int(s.inFlight))]
    }
}
