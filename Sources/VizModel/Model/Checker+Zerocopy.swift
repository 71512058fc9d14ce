/// The checks of model-later.md §7 for the zero-copy designs' completion objects.
extension Checker {
    /// The frag slots of live buffers that still own a page with `u`'s user data, right after
    /// its callback ran: buffers in id order, slots in order. A slot counts when it came from
    /// the same `skb_add_rx_frag` as one of `u`'s frags, however it got there; the buffer being
    /// released or copied put its references first, so its slots own nothing and do not count.
    static func prematureCompletion(of u: UbufInfo, in state: SkbState) -> [Violation] {
        let origins = Set(u.userData.filter { $0 != 0 })
        guard !origins.isEmpty else { return [] }
        var found: [Violation] = []
        for b in state.sortedData {
            for (i, f) in b.frags.enumerated() where f.owned && origins.contains(f.origin) {
                let page = state.pageRef(f.page)
                found.append(Violation(
                    kind: .prematureCompletion,
                    message: "zerocopy completion \(u.ref) (\(u.fn)) ran while \(b.ref) still holds page \(page) (frag \(i)) with its user data",
                    fields: [("ubuf", .id(u.ref)), ("page", .id(page)), ("holder", .id(b.ref)), ("frag", .number(i))]))
            }
        }
        return found
    }

    /// The completion objects whose completion will never come: not completed, and no buffer
    /// in `reachable` (the live buffers the scenario still reaches) carries them.
    static func lostCompletions(in state: SkbState, reachable: Set<Int>) -> [Violation] {
        guard !state.ubufs.isEmpty else { return [] }
        var carried: Set<Int> = []
        for d in reachable {
            if let b = state.data[d], b.zc, let u = b.ubuf { carried.insert(u) }
        }
        return state.sortedUbufs.filter { !$0.isCompleted && !carried.contains($0.id) }.map { u in
            Violation(kind: .leak,
                      message: "zerocopy completion \(u.ref) (\(u.fn)) has not run and nothing the scenario holds reaches a buffer carrying it: it never will",
                      fields: [("ubuf", .id(u.ref))])
        }
    }

    /// At the end of a call: each MSG_ZEROCOPY object's `refcnt` is the number of live buffers
    /// carrying it (within a call a send or a put holds one for a moment).
    static func refcountViolations(in state: SkbState) -> [Violation] {
        var carriers: [Int: Int] = [:]
        for b in state.data.values where b.zc {
            guard let u = b.ubuf, state.ubufs[u] != nil else { continue }
            carriers[u, default: 0] += 1
        }
        return state.sortedUbufs.filter { $0.kind == .msg && ($0.refcnt ?? 0) != carriers[$0.id, default: 0] }.map { u in
            Violation(kind: .invariant, message: "\(u.ref).refcnt is \(u.refcnt ?? 0) but \(carriers[u.id, default: 0]) live buffers carry it")
        }
    }
}
