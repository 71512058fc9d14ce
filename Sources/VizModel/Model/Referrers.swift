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
func changedParts(_ a: ArraySlice<Int>, _ b: ArraySlice<Int>) -> (removed: ArraySlice<Int>, added: ArraySlice<Int>) {
    if a == b { return ([], []) }
    let x = a.startIndex, y = b.startIndex
    let common = min(a.count, b.count)
    var prefix = 0
    while prefix < common && a[x + prefix] == b[y + prefix] { prefix += 1 }
    var suffix = 0
    while suffix < common - prefix && a[a.endIndex - 1 - suffix] == b[b.endIndex - 1 - suffix] { suffix += 1 }
    return (a[(x + prefix)..<(a.endIndex - suffix)], b[(y + prefix)..<(b.endIndex - suffix)])
}
