/// The objects pane's cursor: which object it rests on, and "where was this set?" over the
/// history, as a debugger with reverse execution answers "who last changed this value?".
///
/// The objects it can rest on are those the objects pane lays out, each at its first line
/// (`ObjectsPane.layout`), so the cursor goes where the eye does, in the pane's order. Which
/// steps changed an object is a search over the history's recorded changes
/// (`StepHistory.changedKeys(ofStep:)`), never a re-run of the calls; only the texts of the
/// steps a list shows are rendered again, as the steps pane renders them (`Runner.replay`).
public enum ObjectCursor {
    /// The object's name as the screen writes it: `a (s1)` as the steps name an skb (one that
    /// `step` freed by its name before it), `d1`, `p1`, `u1`.
    public static func name(_ key: ObjectKey, in state: SkbState, step: Step? = nil) -> String {
        switch key {
        case .skb(let id):
            let skb = state.skbs[id] ?? step?.deltas.lazy.compactMap { d -> SkBuff? in
                if case .skb(let s)? = d.before, s.id == id { s } else { nil }
            }.first
            return skb?.name.map { "\($0) (s\(id))" } ?? "s\(id)"
        case .data(let id): return "d\(id)"
        case .page(let id): return state.pageRef(id)
        case .ubuf(let id): return "u\(id)"
        case .socket: return "sk"
        case .binding(let n): return n
        case .freed(let n): return n
        case .counters: return "counters"
        }
    }

    // MARK: Where was this set?

    /// The last step before `index` that changed `key` (created or freed it included).
    public static func lastChange(of key: ObjectKey, before index: Int, in history: StepHistory) -> Int? {
        var i = min(index, history.stepCount + 1) - 1
        while i >= 1 {
            if history.changedKeys(ofStep: i).contains(key) { return i }
            i -= 1
        }
        return nil
    }

    /// The next step after `index` that changes `key`.
    public static func nextChange(of key: ObjectKey, after index: Int, in history: StepHistory) -> Int? {
        var i = max(0, index) + 1
        while i <= history.stepCount {
            if history.changedKeys(ofStep: i).contains(key) { return i }
            i += 1
        }
        return nil
    }

    /// One step that changed an object, as the touched list shows it.
    public struct Touch: Hashable, Sendable {
        /// The global step index.
        public var step: Int
        public var call: Int
        /// 1-based within the call.
        public var stepInCall: Int
        /// The step's text, with this run's values.
        public var text: String
        /// `users 1 → 2, cloned 0 → 1`; `created`, `freed`.
        public var change: String
    }

    /// Every step of the run that changed `key`, oldest first, with its text and the values
    /// before and after: the steps are found in the recorded changes, the values read from the
    /// history's states around each, the texts rendered as the steps pane renders them.
    public static func touches(of key: ObjectKey, in history: StepHistory, calls: [CallStatement], design: Design) -> [Touch] {
        let steps = (0..<history.stepCount).map { $0 + 1 }.filter { history.changedKeys(ofStep: $0).contains(key) }
        guard !steps.isEmpty else { return [] }
        var h = history
        var texts: [Int: [Step]] = [:]
        var out: [Touch] = []
        for index in steps {
            let p = h.position(of: index)
            if texts[p.call] == nil {
                texts[p.call] = StepTexts.checked(
                    h.withState(beforeCall: p.call) { Runner.replay(calls[p.call - 1], on: &$0, design: design) },
                    call: p.call, history: h)
            }
            h.seek(to: index - 1)
            let before = h.state[key]
            h.seek(to: index)
            let change = Step(text: "", depth: 0, deltas: [Delta(key: key, before: before, after: h.state[key])])
            let steps = texts[p.call] ?? []
            out.append(Touch(step: index, call: p.call, stepInCall: p.step,
                             text: p.step <= steps.count ? steps[p.step - 1].text : "",
                             change: describe(change.changes(in: h.endState), created: before == nil, freed: h.state[key] == nil,
                                              unseen: unseen(before, h.state[key]))))
        }
        return out
    }

    /// `users 1 → 2, cloned 0 → 1`, or `created` / `freed` for a whole object; `unseen`, what
    /// changed that the trace leaves out but the screen says (`unseen(_:_:)`).
    static func describe(_ changes: [Change], created: Bool, freed: Bool, unseen: [String] = []) -> String {
        if created { return "created" }
        if freed { return "freed" }
        let fields = changes.filter { $0.field.fieldName != nil }.map { c in
            let name = c.field.fieldName ?? ""
            return "\(name) \(text(c.from, field: name)) → \(text(c.to, field: name))"
        } + unseen
        guard !fields.isEmpty else { return "(no field the screen shows changed)" }
        return fields.joined(separator: ", ")
    }

    /// What the screen says of a change the trace leaves out: an skb's reference released,
    /// a shinfo's phase (`shinfo not initialised → copied`), frag slots that stopped or started
    /// owning their page reference.
    static func unseen(_ before: ObjectValue?, _ after: ObjectValue?) -> [String] {
        switch (before, after) {
        case (.skb(let a)?, .skb(let b)?) where a.released != b.released:
            return [b.released ? "reference released (skb_release_data)" : "points at a new head"]
        case (.data(let a)?, .data(let b)?):
            var out: [String] = []
            if a.shinfo != b.shinfo { out.append("shinfo \(words(a.shinfo)) → \(words(b.shinfo))") }
            let owned = (a.frags.map(\.owned), b.frags.map(\.owned))
            if a.frags.count == b.frags.count, owned.0 != owned.1 {
                out.append(owned.1.allSatisfy { $0 } ? "frags own their page refs (get_page)" : "frags own no page ref (put_page)")
            }
            return out
        default:
            return []
        }
    }

    private static func words(_ phase: ShinfoPhase) -> String { phase.rawValue.split(separator: "_").joined(separator: " ") }

    /// A change value as the screen writes it: `NULL`, `0`/`1` for a flag, `dataref` in hex,
    /// a frag as `p1 +0 4096`.
    static func text(_ v: ChangeValue, field: String) -> String {
        switch v {
        case .null: return "NULL"
        case .bool(let b): return b ? "1" : "0"
        case .int(let n) where field == "dataref": return hex(UInt32(truncatingIfNeeded: n))
        case .int(let n): return "\(n)"
        case .string(let s): return s
        case .array(let a): return "[" + a.map { text($0, field: field) }.joined(separator: ", ") + "]"
        case .object(let o):
            if case .string(let page)? = o["page"], case .int(let off)? = o["off"], case .int(let size)? = o["size"] {
                return "\(page) +\(off) \(size)"
            }
            return o.keys.sorted().map { "\($0) \(text(o[$0]!, field: $0))" }.joined(separator: " ")
        }
    }
}
