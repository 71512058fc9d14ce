/// Who refers to each object of a state: what the checker and the `frag_list` rules ask after
/// every step, answered without walking every buffer.
///
/// It follows the state's changes object by object (`change(_:from:to:)`), so keeping it costs
/// what a step changed, not what is allocated.
struct Referrers: Sendable {
    /// For each skb on some `frag_list`: the buffers whose list holds it, and how many times.
    private(set) var lists: IdTable<IdTable<Int>> = [:]
    /// For each buffer: the skbs whose `head` it is.
    private(set) var heads: IdTable<[Int]> = [:]
    /// For each page: how many frag slots of live buffers own a reference to it.
    private(set) var slots: IdTable<Int> = [:]
    /// The buffers holding a frag copied or moved out of another buffer, in id order: where a
    /// data destructor can be premature.
    private(set) var copies: [Int] = []

    /// Follows one object from `before` to `after` (nil: it did not exist).
    mutating func change(_ key: ObjectKey, from before: ObjectValue?, to after: ObjectValue?) {
        switch key {
        case .skb(let id): changeSkb(id, from: before?.skb?.data, to: after?.skb?.data)
        case .data(let id): changeBuffer(id, from: before?.data, to: after?.data)
        case .page, .ubuf, .socket, .binding, .freed, .counters: return
        }
    }

    /// Follows skb `id` from buffer `old` to buffer `new` (nil: the skb did not exist).
    mutating func changeSkb(_ id: Int, from old: Int?, to new: Int?) {
        guard old != new else { return }
        if let old { heads[old]?.removeAll { $0 == id } }
        if let old, heads[old]?.isEmpty == true { heads[old] = nil }
        if let new { heads[new, default: []].append(id) }
    }

    /// Follows buffer `id` from `old` to `new` (nil: it did not exist).
    mutating func changeBuffer(_ id: Int, from old: DataBuffer?, to new: DataBuffer?) {
        let (removed, added) = changedParts(old?.fragList ?? [], new?.fragList ?? [])
        for m in removed { link(m, in: id, by: -1) }
        for m in added { link(m, in: id, by: 1) }
        if old?.frags != new?.frags {
            for f in old?.frags ?? [] where f.owned { slot(f.page, by: -1) }
            for f in new?.frags ?? [] where f.owned { slot(f.page, by: 1) }
            let copied = new?.frags.contains(where: { !$0.lineage.isEmpty }) == true
            // Searched from the end: the buffer a call changes is most often its newest.
            let at = copies.lastIndex { $0 < id }.map { $0 + 1 } ?? 0
            let listed = at < copies.count && copies[at] == id
            if copied && !listed {
                copies.insert(id, at: at)
            } else if !copied && listed {
                copies.remove(at: at)
            }
        }
    }

    /// Whether skb `id` is on some live buffer's `frag_list`.
    func isListed(_ id: Int) -> Bool { lists[id] != nil }

    /// What `body` reads of the buffers whose `frag_list` holds skb `id`, with how many times,
    /// borrowed where they are kept.
    func withHolders<R>(of id: Int, _ body: (IdTable<Int>) -> R) -> R {
        lists.withValue(id) { body($0 ?? [:]) }
    }

    /// How many live skbs have buffer `id` as their `head`.
    func headCount(_ id: Int) -> Int { heads.read(id) { $0.count } ?? 0 }

    /// How many frag slots own a reference to page `id`.
    func ownedSlots(_ id: Int) -> Int { slots[id] ?? 0 }

    private mutating func link(_ skb: Int, in buffer: Int, by n: Int) {
        lists[skb, default: [:]][buffer, default: 0] += n
        if lists[skb]?[buffer] == 0 { lists[skb]?[buffer] = nil }
        if lists[skb]?.isEmpty == true { lists[skb] = nil }
    }

    private mutating func slot(_ page: Int, by n: Int) {
        let count = slots[page, default: 0] + n
        slots[page] = count == 0 ? nil : count
    }
}

/// The parts of `a` and `b` between their common prefix and their common suffix: what a list
/// change removed and added (an append, a removal at either end, one replaced member).
///
/// A list that lost members at one end is usually a slice of the same storage (the model
/// drops them without copying), and then the answer needs no comparison: `skb_linearize` of a
/// list of n members compared the n in each of its n steps. Memory shared by two live slices
/// cannot change, so the answer is the one the comparisons would give, indices included.
func changedParts(_ a: ArraySlice<Int>, _ b: ArraySlice<Int>) -> (removed: ArraySlice<Int>, added: ArraySlice<Int>) {
    if b.count < a.count, let pa = a.withUnsafeBufferPointer(\.baseAddress), let pb = b.withUnsafeBufferPointer(\.baseAddress) {
        let k = a.count - b.count
        // b is a's tail in a's storage: the first k went (no common prefix, as b starts elsewhere).
        if pb == pa + k && a.first != b.first { return (a.prefix(k), b[b.startIndex..<b.startIndex]) }
        // b is a's head in a's storage: the last k went.
        if pb == pa { return (a.suffix(k), b[b.endIndex..<b.endIndex]) }
    }
    // The scans read the members in place (an append to a long list compares it all).
    let (prefix, suffix) = a.withUnsafeBufferPointer { p in
        b.withUnsafeBufferPointer { q in
            let common = min(p.count, q.count)
            var prefix = 0
            while prefix < common && p[prefix] == q[prefix] { prefix += 1 }
            var suffix = 0
            while suffix < common - prefix && p[p.count - 1 - suffix] == q[q.count - 1 - suffix] { suffix += 1 }
            return (prefix, suffix)
        }
    }
    if prefix == a.count && a.count == b.count { return ([], []) }
    return (a[(a.startIndex + prefix)..<(a.endIndex - suffix)], b[(b.startIndex + prefix)..<(b.endIndex - suffix)])
}
