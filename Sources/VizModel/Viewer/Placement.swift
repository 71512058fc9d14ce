/// Where each object is drawn: a slot per kind (skbs, data buffers, pages) that it keeps for
/// its whole life, so objects stay in place from step to step.
///
/// A new object takes the lowest free slot of its kind. An object freed by a step keeps its
/// slot through that step (it is drawn there, marked freed) and gives it up after it. The
/// slots depend only on the run, not on the cursor, so any step shows the same placement
/// whichever way it was reached. Skbs and buffers are keyed by id, pages by allocation serial
/// (ids and serials are never reused).
public struct Placement: Hashable, Sendable {
    /// What kind of object a slot holds.
    public enum Kind: Int, Hashable, Sendable, CaseIterable {
        case skb, data, page
    }

    struct Key: Hashable, Sendable {
        var kind: Kind
        var id: Int
    }

    private var slots: [Key: Int] = [:]
    private var free: [[Int]] = [[], [], []]
    private var next: [Int] = [0, 0, 0]

    public init() {}

    /// The slot of skb `id`, data buffer `id`, or the page of serial `id`.
    public func slot(_ kind: Kind, _ id: Int) -> Int? {
        slots[Key(kind: kind, id: id)]
    }

    /// Records the objects a step creates and frees.
    mutating func place(_ step: Step) {
        var first: [ObjectKey: Bool] = [:]
        var last: [ObjectKey: (Key, Bool)] = [:]
        for d in step.deltas {
            guard let key = Self.key(d) else { continue }
            if first[d.key] == nil { first[d.key] = d.before != nil }
            last[d.key] = (key, d.after != nil)
        }
        var released: [Key] = []
        for d in step.deltas {
            guard let existed = first[d.key], let (key, exists) = last[d.key] else { continue }
            if !existed && exists && slots[key] == nil { slots[key] = take(key.kind) }
            if existed && !exists { released.append(key) }
            first[d.key] = nil
        }
        for key in released {
            guard let s = slots[key] else { continue }
            let i = firstIndex(in: free[key.kind.rawValue], atLeast: s)
            free[key.kind.rawValue].insert(s, at: i)
        }
    }

    private mutating func take(_ kind: Kind) -> Int {
        if !free[kind.rawValue].isEmpty { return free[kind.rawValue].removeFirst() }
        defer { next[kind.rawValue] += 1 }
        return next[kind.rawValue]
    }

    private static func key(_ d: Delta) -> Key? {
        switch d.after ?? d.before {
        case .skb(let s)?: Key(kind: .skb, id: s.id)
        case .data(let b)?: Key(kind: .data, id: b.id)
        case .page(let p)?: Key(kind: .page, id: p.serial)
        default: nil
        }
    }
}
