/// One letter of `explore`'s alphabet (spec explore.md §3, and §12 for the zero-copy
/// designs): a call of one template on the handles of a state, by their place in creation order.
public struct ExploreLetter: Hashable, Sendable {
    /// The template's call.
    public var call: CallName
    /// The first skb handle, by its place among the skb handles (nil for `alloc_skb`, `alloc_page`).
    public var skb: Int?
    /// The second handle: the skb `t` (`skb_split`, `skb_frag_list_add`) or the page (`skb_add_rx_frag`).
    public var other: Int?
    /// The integer parameter (`skb_put`'s length, a pull, trim or split length, `skb_segment`'s mss).
    public var value: Int?

    /// The letters of `state`, in the alphabet's order: template, then `x`, then `t` or `p`,
    /// then the integer ascending.
    static func letters(of state: SkbState, design: Design, handles: Handles? = nil) -> [ExploreLetter] {
        let h = handles ?? Handles(state)
        let skbs = h.skbs, pages = h.pages
        var heldPages = 0
        state.pages.forEachValue { heldPages += $0.held }
        // Each handle's buffer, read once: the templates below ask it again and again.
        let buffers = skbs.map { state.data[$0.data]! }
        var out: [ExploreLetter] = []
        out.reserveCapacity(48)
        func each(_ call: CallName, _ accept: (SkBuff, DataBuffer) -> Bool = { _, _ in true }) {
            for (i, s) in skbs.enumerated() where accept(s, buffers[i]) {
                out.append(ExploreLetter(call: call, skb: i))
            }
        }
        func values(_ call: CallName, _ candidates: (SkBuff, DataBuffer) -> [Int], keep: (SkBuff, Int) -> Bool) {
            for (i, s) in skbs.enumerated() {
                for v in candidates(s, buffers[i]).ascendingOnce() where keep(s, v) {
                    out.append(ExploreLetter(call: call, skb: i, value: v))
                }
            }
        }
        out.append(ExploreLetter(call: .allocSkb))
        if heldPages == 0 { out.append(ExploreLetter(call: .allocPage)) }
        for (i, s) in skbs.enumerated() where s.dataLen == 0 && s.tailroom > 0 {
            out.append(ExploreLetter(call: .skbPut, skb: i, value: s.tailroom))
        }
        for i in skbs.indices {
            let nr = buffers[i].nrFrags
            guard nr < 2 else { continue }
            for j in pages.indices { out.append(ExploreLetter(call: .skbAddRxFrag, skb: i, other: j, value: nr)) }
        }
        if design.hasDataDestructor { each(.setDataDestructor) { _, b in b.destructor == nil } }
        if design.zerocopy != nil { each(.setDataDestructor) { _, b in !b.zc } }
        each(.skbHeaderRelease) { s, _ in !s.nohdr }
        each(.skbGet) { s, _ in s.held < 2 }
        each(.skbClone)
        each(.skbCopy)
        each(.pskbCopy)
        each(.pskbExpandHead)
        values(.pskbPullTail, { _, b in
            var d = [1]
            if let f0 = b.frags.first { d.append(f0.size) }
            if !b.fragList.isEmpty { d.append(b.fragBytes + 1) }
            return d
        }, keep: { s, d in 0 < d && d < s.dataLen })
        each(.skbLinearize) { s, _ in s.dataLen > 0 }
        values(.pskbTrim, { s, b in
            var l = [0, s.len - 1]
            if let f0 = b.frags.first { l.append(s.headlen + f0.size) }
            if !b.fragList.isEmpty { l.append(s.headlen + b.fragBytes) }
            return l
        }, keep: { s, l in 0 <= l && l < s.len })
        for (i, s) in skbs.enumerated() {
            let lengths = [1, s.headlen, s.headlen + 1, s.len - 1].ascendingOnce().filter { 0 < $0 && $0 < s.len }
            for (j, t) in skbs.enumerated() where j != i && t.len == 0 {
                for l in lengths { out.append(ExploreLetter(call: .skbSplit, skb: i, other: j, value: l)) }
            }
        }
        for (i, s) in skbs.enumerated() { out.append(ExploreLetter(call: .skbSegment, skb: i, value: max(1, s.len - 1))) }
        for i in skbs.indices {
            for j in skbs.indices where j != i { out.append(ExploreLetter(call: .skbFragListAdd, skb: i, other: j)) }
        }
        each(.kfreeSkb)
        if design.zerocopy != nil { each(.skbOrphanFragsRx) }
        return out
    }

    /// For each letter, an earlier letter it is the image of under a swap of two twin skbs
    /// (`StateCode.twins`), if any: that swap maps the state onto itself, so the two calls
    /// reach the same state up to renaming and are judged alike.
    static func mirrors(_ letters: [ExploreLetter], handles: Handles, twins: [(id: Int, first: Int)]) -> [Int?] {
        var out = [Int?](repeating: nil, count: letters.count)
        guard !twins.isEmpty else { return out }
        // Each handle's class: the handle index of the first skb of its twins.
        let ids = handles.skbs.map(\.id)
        let first = ids.indices.map { h in
            twins.first { $0.id == ids[h] }.flatMap { t in ids.firstIndex(of: t.first) } ?? h
        }
        for (n, letter) in letters.enumerated() {
            guard let x = letter.skb else { continue }
            var image: ExploreLetter?
            if first[x] < x {
                image = letter.swapping(first[x], x)
            } else if let t = letter.otherSkb, let k = first.indices.first(where: { $0 < t && $0 != x && first[$0] == first[t] }) {
                image = letter.swapping(k, t)
            }
            if let image { out[n] = letters[..<n].firstIndex(of: image) }
        }
        return out
    }

    /// The second skb handle, for the templates whose second handle is an skb.
    private var otherSkb: Int? {
        call == .skbSplit || call == .skbFragListAdd ? other : nil
    }

    /// The letter with skb handles `a` and `b` swapped.
    private func swapping(_ a: Int, _ b: Int) -> ExploreLetter {
        func swap(_ h: Int?) -> Int? { h == a ? b : h == b ? a : h }
        var l = self
        l.skb = swap(skb)
        if otherSkb != nil { l.other = swap(other) }
        return l
    }

    /// Template 5's callback: the design's way to attach (spec explore.md §12).
    static func destructorName(_ design: Design) -> String {
        design.zerocopy == .refcounted ? Kernel.msgZerocopyCallback : "tun_free"
    }

    /// The handles of a state in creation order: the skbs and the pages the scenario holds.
    struct Handles {
        var skbs: [SkBuff]
        var pages: [Page]

        init(_ state: SkbState) {
            skbs = state.sortedSkbs.filter { $0.held > 0 }
            pages = state.pages.values.filter { $0.held > 0 }.sorted { $0.id < $1.id }
        }
    }

    /// The letter's arguments on a state with these handles, by id, and the name its result is bound to.
    func arguments(_ handles: Handles, design: Design) -> (values: [ArgumentValue], binding: String?) {
        // Ids only: a whole handle copied out of the list cost more than the rest of this.
        let x = skb.map { handles.skbs[$0].id } ?? 0
        let t = other.map { call == .skbAddRxFrag ? handles.pages[$0].id : handles.skbs[$0].id } ?? 0
        switch call {
        case .allocSkb: return ([.integer(64)], "x")
        case .allocPage: return ([], "p")
        case .skbAddRxFrag: return ([.skb(x), .integer(value!), .page(t), .integer(0), .integer(100)], nil)
        case .setDataDestructor: return ([.skb(x), .function(Self.destructorName(design))], nil)
        case .pskbExpandHead: return ([.skb(x), .integer(0), .integer(0)], nil)
        case .skbSplit: return ([.skb(x), .skb(t), .integer(value!)], nil)
        case .skbSegment: return ([.skb(x), .integer(value!), .integer(0)], "g")
        case .skbFragListAdd: return ([.skb(x), .skb(t)], nil)
        case .skbClone, .skbCopy, .pskbCopy: return ([.skb(x)], "x")
        default: return (value.map { [.skb(x), .integer($0)] } ?? [.skb(x)], nil)
        }
    }

    /// Runs the letter on `state` with the model's own call, keeping no step: the call's
    /// violations (model.md §5), or nil (and `state` unchanged) when the call fails.
    /// - Parameter name: the name a result is bound to (the search needs none of its own).
    func run(on state: inout SkbState, design: Design, name: String? = nil, handles: Handles? = nil) -> [Violation]? {
        var machine = ExploreLetter.machine(design: design)
        return run(on: &state, name: name, handles: handles, machine: &machine)
    }

    /// `run` with `machine` (from `machine(design:)`), reused from call to call: the search
    /// runs a call a transition, and a new machine allocated its lists every time. A machine
    /// that does not roll back leaves a failed call's state as the call left it.
    /// - Parameter invariants: whether the checker's findings are among the violations; without
    ///   them, `machine.invariantViolations(in: state)` asks the checker later.
    func run(on state: inout SkbState, name: String? = nil, handles: Handles? = nil, machine: inout Machine,
             invariants: Bool = true) -> [Violation]? {
        let (values, binding) = arguments(handles ?? Handles(state), design: machine.design)
        let entry = call.entry
        let arguments = Arguments(parameters: entry.parameters, values: values, binding: binding.map { name ?? $0 })
        return ExploreLetter.run(entry, arguments, on: &state, machine: &machine, invariants: invariants)
    }

    /// A machine for `run`: it keeps the call's findings and no step; `names`: the results
    /// take their names (the search's states have none); `rollsBack` false: a call that fails
    /// leaves the state as it left it (the search drops it), and the machine, remembering
    /// nothing of what a call changes, has the checker read the whole state.
    static func machine(design: Design, names: Bool = true, rollsBack: Bool = true) -> Machine {
        Machine(state: SkbState(), design: design, call: nil, texts: false, names: names, keepsSteps: false, keepsFindings: true,
                rollsBack: rollsBack)
    }

    /// Runs a call of the table on `state` with `machine` (from `machine(design:)`), keeping
    /// its findings and no step; nil when it fails (and `state` unchanged, if the machine rolls back).
    static func run(_ entry: CallEntry, _ arguments: Arguments, on state: inout SkbState, machine: inout Machine,
                    invariants: Bool = true) -> [Violation]? {
        machine.run(on: &state) { m in
            do throws(KernelError) {
                let results = try entry.run(&m, arguments)
                m.bindResults(results, returns: entry.returns, to: arguments.binding)
            } catch {
                m.rollBack()
                return nil
            }
            return m.finishFindings(invariants: invariants)
        }
    }

    /// The call's text as a scenario writes it (spec §5), with `names` for the handles'
    /// names in creation order and `result` for a binding.
    func text(skbNames: [String], pageNames: [String], result: String?, design: Design) -> String {
        var args: [String] = []
        switch call {
        case .allocSkb: args = ["64"]
        case .allocPage: break
        case .skbAddRxFrag: args = [skbNames[skb!], "\(value!)", pageNames[other!], "0", "100"]
        case .setDataDestructor: args = [skbNames[skb!], Self.destructorName(design)]
        case .pskbExpandHead: args = [skbNames[skb!], "0", "0"]
        case .skbSplit: args = [skbNames[skb!], skbNames[other!], "\(value!)"]
        case .skbSegment: args = [skbNames[skb!], "\(value!)", "0"]
        case .skbFragListAdd: args = [skbNames[skb!], skbNames[other!]]
        default: args = [skbNames[skb!]] + (value.map { ["\($0)"] } ?? [])
        }
        let text = "\(call.rawValue)(\(args.joined(separator: ", ")))"
        return result.map { "\($0) = \(text)" } ?? text
    }
}
