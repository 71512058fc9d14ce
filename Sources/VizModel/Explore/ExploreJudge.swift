/// How `explore` judges a state and a transition (spec explore.md §4, §6), with the model's
/// own calls only.
enum ExploreJudge {
    /// The bounds of §4 on the state after a call (the depth is the search's).
    static func withinBounds(_ s: SkbState) -> Bool {
        guard s.skbs.count <= 4, s.data.count <= 4, s.pages.count <= 2 else { return false }
        guard !s.data.containsValue(where: { $0.frags.count > 2 }), !s.skbs.containsValue(where: { $0.held > 2 }) else { return false }
        var held = 0
        s.pages.forEachValue { held += $0.held }
        return held <= 1
    }

    /// Whether a call, should it succeed, leaves more objects than the bounds allow whatever
    /// else it does: every call below allocates at least one skb (and all but `skb_clone` a
    /// buffer), `alloc_page` a page, and none of them frees one. Such a letter is no
    /// transition (§4), so the search need not run it.
    static func mustExceedBounds(_ call: CallName, in s: SkbState) -> Bool {
        switch call {
        case .allocSkb, .skbCopy, .pskbCopy, .skbSegment: s.skbs.count >= 4 || s.data.count >= 4
        case .skbClone: s.skbs.count >= 4
        case .allocPage: s.pages.count >= 2
        default: false
        }
    }

    /// The closing sequence of §6: `kfree_skb` once per reference held to each skb handle,
    /// then `put_page` once per reference held to each page, in creation order.
    static func closing(of s: SkbState) -> [(call: CallName, id: Int)] {
        var calls: [(call: CallName, id: Int)] = []
        calls.reserveCapacity(s.skbs.count * 2 + s.pages.count)
        // Tables go in id order: creation order.
        s.skbs.forEachValue { skb in
            for _ in 0..<skb.held { calls.append((.kfreeSkb, skb.id)) }
        }
        s.pages.forEachValue { page in
            for _ in 0..<page.held { calls.append((.putPage, page.id)) }
        }
        return calls
    }

    /// The state after the closing sequence (its violations are not judged), for what is left
    /// in it: its referrers are not kept. None of its calls fails (each gives back a reference
    /// the scenario holds), so none is rolled back. The calls are the ones `kfree_skb` and
    /// `put_page` statements run, called directly: their arguments need no reading.
    static func closed(_ s: SkbState, design: Design) -> SkbState {
        var left = s
        close(&left, design: design)
        return left
    }

    /// Runs the closing sequence on `s` in place: what `explore` does with a state it no longer
    /// needs, which spares copying its objects.
    static func close(_ s: inout SkbState, design: Design) {
        var machine = closingMachine(design: design)
        close(&s, machine: &machine)
    }

    /// A machine for `close(_:machine:)`: it remembers nothing of what it changes.
    static func closingMachine(design: Design) -> Machine {
        Machine(state: SkbState(), design: design, call: nil, texts: false, keepsSteps: false, rollsBack: false)
    }

    /// `close` with `machine` (from `closingMachine(design:)`), reused from state to state:
    /// the search closes most states it reaches. The sequence is `closing(of:)`'s, read into
    /// stack space (an array a closing cost an allocation and its growth).
    static func close(_ s: inout SkbState, machine: inout Machine) {
        let (ns, np) = (s.skbs.count, s.pages.count)
        withUnsafeTemporaryAllocation(of: (id: Int, held: Int).self, capacity: ns + np) { held in
            var k = 0
            s.skbs.forEachAddress { skb in
                held.initializeElement(at: k, to: (skb.pointee.id, skb.pointee.held))
                k += 1
            }
            s.pages.forEachAddress { page in
                held.initializeElement(at: k, to: (page.pointee.id, page.pointee.held))
                k += 1
            }
            machine.run(on: &s) { m in
                for (i, (id, count)) in held.enumerated() {
                    for _ in 0..<count {
                        if i < ns {
                            m.scenarioKfreeSkb(id)
                        } else {
                            try? m.scenarioPutPage(id)
                        }
                    }
                }
            }
        }
    }

    /// Whether anything is left allocated after the closing, or (zero-copy designs) a
    /// completion object that is not completed.
    static func leaks(_ s: SkbState, design: Design) -> Bool {
        isLeft(closed(s, design: design))
    }

    /// Whether anything is left in a state after its closing.
    static func isLeft(_ left: SkbState) -> Bool {
        !(left.skbs.isEmpty && left.data.isEmpty && left.pages.isEmpty && left.listedUbufs.isEmpty)
    }

    /// Whether the references among the objects left (skb → buffer, buffer → each
    /// `frag_list` member, buffer → `orig`) contain a cycle.
    static func leftHasCycle(_ left: SkbState) -> Bool {
        enum Node: Hashable { case skb(Int), data(Int) }
        func edges(_ n: Node) -> [Node] {
            switch n {
            case .skb(let id): left.skbs[id].map { [.data($0.data)] } ?? []
            case .data(let id):
                left.data[id].map { b in b.fragList.map(Node.skb) + (b.orig.map { [Node.data($0)] } ?? []) } ?? []
            }
        }
        var state: [Node: Int] = [:]  // 1 on the stack, 2 done
        func visit(_ n: Node) -> Bool {
            if let v = state[n] { return v == 1 }
            state[n] = 1
            for m in edges(n) where visit(m) { return true }
            state[n] = 2
            return false
        }
        let nodes = left.skbs.keys.map(Node.skb) + left.data.keys.map(Node.data)
        return nodes.contains { visit($0) }
    }

    /// The kinds a transition from a state (leaking or not) with these violations to a state
    /// that leaks or not belongs to; `left`, what that state's closing leaves, is asked only
    /// for a leak's shape.
    static func kinds(violations: [Violation], sourceLeaks: Bool, afterLeaks: Bool, left: @autoclosure () -> SkbState) -> [ExploreKind] {
        if violations.isEmpty && !(afterLeaks && !sourceLeaks) { return [] }
        var found: Set<ExploreKind> = []
        for v in violations {
            if let k = ExploreKind.of(v.kind) { found.insert(k) }
        }
        var kinds: [ExploreKind] = []
        if found.contains(.prematureDestructor) { kinds.append(.prematureDestructor) }
        if afterLeaks && !sourceLeaks {
            kinds.append(leftHasCycle(left()) ? .leakCycle : .leakLost)
        }
        for k in [ExploreKind.invariant, .prematureCompletion, .doubleCompletion, .orphanIncomplete, .kernelWarn] where found.contains(k) {
            kinds.append(k)
        }
        return kinds
    }
}
