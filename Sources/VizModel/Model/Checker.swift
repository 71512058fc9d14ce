/// The checks of model.md §5: ownership rules after every step, premature data destructors,
/// and leaks at the end.
public enum Checker {
    /// The ownership rules of model.md §1, checked for every object a step or a call changed
    /// (`changed`: a step's deltas or a call's undo list, each object with its value before; nil:
    /// the object was new; the values after are the state's): the skbs and pages it changed,
    /// and those whose references from a changed buffer changed. The state's `referrers`
    /// answer who else refers to them.
    ///
    /// A finding here is a model bug: the kernel's bookkeeping never breaks these rules.
    /// Values are read where the state holds them (`withAddress`): after most calls nothing is
    /// wrong, and this runs after every step.
    static func invariantViolations<Changed: ObjectBefore>(in state: SkbState, changed: [Changed]) -> [Violation] {
        var skbIds: [Int] = [], pageIds: [Int] = []
        var found: [String] = []
        // By index: a change is read where the list holds it, not copied out.
        for i in changed.indices {
            switch changed[i].key {
            case .skb(let id):
                skbIds.append(id)
            case .data(let id):
                let before = changed[i].before?.data
                state.data.withAddress(id) { after in
                    if before?.frags != after?.pointee.frags {
                        for f in before?.frags ?? [] { pageIds.append(f.page) }
                        for f in after?.pointee.frags ?? [] { pageIds.append(f.page) }
                    }
                    if (before?.fragListOwned ?? true) != (after?.pointee.fragListOwned ?? true) {
                        skbIds += before?.fragList ?? []
                        skbIds += after?.pointee.fragList ?? []
                    } else {
                        let (removed, added) = changedParts(before?.fragList ?? [], after?.pointee.fragList ?? [])
                        skbIds += removed
                        skbIds += added
                    }
                    if let after { addBrokenRules(of: after, in: state, to: &found) }
                }
            case .page(let id):
                pageIds.append(id)
            default:
                break
            }
        }
        return check(skbIds, pageIds, in: state, found: found)
    }

    /// The ownership rules of model.md §1 over every object of `state`: every buffer, every
    /// skb, every page and every page a frag names (what the check of a call that made them
    /// all would read), with no list of changes to read.
    static func invariantViolations(in state: SkbState) -> [Violation] {
        guard !keepsRules(state) else { return [] }
        var skbIds: [Int] = [], pageIds: [Int] = []
        skbIds.reserveCapacity(state.skbs.count)
        pageIds.reserveCapacity(state.pages.count + 4)
        var found: [String] = []
        state.data.forEachAddress { b in
            for f in b.pointee.frags { pageIds.append(f.page) }
            addBrokenRules(of: b, in: state, to: &found)
        }
        for id in state.skbs.keys { skbIds.append(id) }
        for id in state.pages.keys { pageIds.append(id) }
        return check(skbIds, pageIds, in: state, found: found)
    }

    /// The rules on the skbs `skbIds` and the pages `pageIds` (each id once, ascending; freed
    /// ones skipped, but a freed page still a frag is a finding), after the buffers' `found`.
    private static func check(_ skbIds: consuming [Int], _ pageIds: consuming [Int], in state: SkbState,
                              found: consuming [String]) -> [Violation] {
        skbIds.formAscendingOnce()
        for id in skbIds {
            // A copy (an skb is plain data), not a read in a closure: the state's own questions
            // asked inside one copied the whole state into it, skb after skb.
            guard let s = state.skbs[id] else { continue }
            let owners = s.held + s.inFlight + ownedLinks(to: id, in: state)
            if s.users != owners {
                found.append("\(s.ref).users is \(s.users) but \(owners) references own it")
            }
            addBrokenRules(of: s, to: &found)
            if !s.cloned && s.data != 0 && state.headCount(s.data) > 1 {
                found.append("\(s.ref) has cloned 0 but shares d\(s.data)")
            }
        }
        // Pages are named only when one breaks a rule (a name is a string to build); their
        // findings go in name order.
        var pageFindings: [(name: String, id: Int, message: String)] = []
        pageIds.formAscendingOnce()
        for id in pageIds {
            let slots = state.ownedSlots(id)
            state.pages.withValue(id) { p in
                guard let p else {
                    if slots > 0 {
                        let name = state.pageRef(id)
                        pageFindings.append((name, id, "freed page \(name) is still a frag"))
                    }
                    return
                }
                if p.count != p.held + p.inFlight + slots {
                    let name = state.pageRef(id)
                    pageFindings.append((name, id, "page \(name) count is \(p.count) but \(p.held + p.inFlight + slots) references own it"))
                }
            }
        }
        if !pageFindings.isEmpty {
            found += pageFindings.sorted { $0.name != $1.name ? $0.name < $1.name : $0.id < $1.id }.map(\.message)
        }
        return found.isEmpty ? [] : found.map { Violation(kind: .invariant, message: $0) }
    }

    /// The `users` references the `frag_list` links to skb `id` own: those of the buffers
    /// whose links own theirs (`fragListOwned`).
    private static func ownedLinks(to id: Int, in state: SkbState) -> Int {
        var links = 0
        state.forEachFragListHolder(of: id) { holder, n in
            if state.data.read(holder, { $0.fragListOwned }) == true { links += n }
        }
        return links
    }

    /// The frag slots of other live buffers whose lineage contains `data`: each is user data
    /// still in flight when `data`'s destructor fires. Only buffers holding copied frags can.
    static func prematureDestructor(of data: Int, fn: String, in state: SkbState) -> [Violation] {
        var found: [Violation] = []
        state.forEachCopyHolder { b in
            guard b.id != data else { return }
            for (i, f) in b.frags.enumerated() where f.lineage.contains(data) {
                found.append(Violation(
                    kind: .prematureDestructor,
                    message: "data destructor \(fn) of d\(data) fired while \(b.ref) still holds page \(state.pageRef(f.page)) (frag \(i)) copied out of it",
                    fields: [("data", .id("d\(data)")), ("page", .id(state.pageRef(f.page))), ("holder", .id(b.ref)), ("frag", .number(i))]))
            }
        }
        return found
    }

    /// What the scenario holds: the skbs and pages it has at least one reference to.
    public static func live(in state: SkbState) -> [String] {
        state.sortedSkbs.filter { $0.held > 0 }.map(\.ref) + state.sortedPages.filter { $0.held > 0 }.map { state.pageRef($0.id) }
    }

    /// Every allocated object that nothing the scenario holds reaches, in state order.
    public static func leaks(in state: SkbState) -> [Violation] {
        var skbs: Set<Int> = [], buffers: Set<Int> = [], pages: Set<Int> = []
        var skbQueue = state.skbs.values.filter { $0.held > 0 }.map(\.id)
        var bufferQueue: [Int] = []
        for p in state.pages.values where p.held > 0 { pages.insert(p.id) }
        while !skbQueue.isEmpty || !bufferQueue.isEmpty {
            if let s = skbQueue.popLast() {
                guard skbs.insert(s).inserted, let skb = state.skbs[s] else { continue }
                bufferQueue.append(skb.data)
            } else if let d = bufferQueue.popLast() {
                guard buffers.insert(d).inserted, let b = state.data[d] else { continue }
                for f in b.frags { pages.insert(f.page) }
                skbQueue.append(contentsOf: b.fragList)
                if let o = b.orig { bufferQueue.append(o) }
            }
        }
        var found: [Violation] = []
        for s in state.sortedSkbs where !skbs.contains(s.id) {
            found.append(Violation(kind: .leak, message: "\(s.label) is still allocated but nothing the scenario holds reaches it",
                                   fields: [("skb", .id(s.ref))]))
        }
        for b in state.sortedData where !buffers.contains(b.id) {
            let why = b.destructor.map { _ in " (its data destructor never fired)" }
                ?? (b.zc ? " (it carries a zero-copy completion object)" : "")
            found.append(Violation(kind: .leak, message: "\(b.ref) is still allocated but nothing the scenario holds reaches it\(why)",
                                   fields: [("data", .id(b.ref))]))
        }
        for p in state.sortedPages where !pages.contains(p.id) {
            let name = state.pageRef(p.id)
            found.append(Violation(kind: .leak, message: "page \(name) is still allocated but nothing the scenario holds reaches it",
                                   fields: [("page", .id(name))]))
        }
        found += lostCompletions(in: state, reachable: buffers)
        return found
    }
}

extension Checker {
    /// The rules on the skb's own fields it breaks, added to `found`.
    static func addBrokenRules(of s: SkBuff, to found: inout [String]) {
        if s.headroom < 0 || s.headlen < 0 || s.tailroom < 0 {
            found.append("\(s.ref): head ≤ data ≤ tail ≤ end broken")
        }
        if s.len < s.dataLen { found.append("\(s.ref).len \(s.len) < data_len \(s.dataLen)") }
    }

    /// The rules on the own fields of the buffer at `b` it breaks, added to `found`; each field
    /// read where the buffer is.
    static func addBrokenRules(of b: UnsafePointer<DataBuffer>, in state: SkbState, to found: inout [String]) {
        if b.pointee.allRefs < b.pointee.payloadRefs { found.append("\(b.pointee.ref).dataref: lower half < upper half") }
        if b.pointee.nrFrags > Kernel.maxSkbFrags { found.append("\(b.pointee.ref).nr_frags > MAX_SKB_FRAGS") }
        if b.pointee.zc && b.pointee.ubuf.flatMap({ state.ubufs[$0] }) == nil {
            found.append("\(b.pointee.ref) has the zero-copy flag but no completion object")
        }
    }
}
