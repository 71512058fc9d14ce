/// Where each object is drawn: a slot per kind (skbs, data buffers, pages) that it keeps for
/// its whole life, so objects stay in place from step to step.
///
/// A new object takes the lowest free slot of its kind. An object freed by a step keeps its
/// slot through that step (it is drawn there, marked freed) and gives it up after it. The
/// slots depend only on the run, not on the cursor, so any step shows the same placement
/// whichever way it was reached. Objects are keyed by id (ids are never reused, and grow by
/// one, so a slot is an array element).
public struct Placement: Hashable, Sendable {
    /// What kind of object a slot holds.
    public enum Kind: Int, Hashable, Sendable, CaseIterable {
        case skb, data, page
    }

    /// Per kind, the slot of each id (`-1`: none yet).
    private var slots: [[Int32]] = [[], [], []]
    private var free: [[Int]] = [[], [], []]
    private var next: [Int] = [0, 0, 0]

    public init() {}

    /// The slot of skb, data buffer or page `id`.
    public func slot(_ kind: Kind, _ id: Int) -> Int? {
        let list = slots[kind.rawValue]
        guard id >= 0, id < list.count, list[id] >= 0 else { return nil }
        return Int(list[id])
    }

    /// Records the objects a step created and freed (each as it was when it came or went).
    mutating func place(created: [ObjectValue], freed: [ObjectValue]) {
        for value in created {
            guard let (kind, id) = Self.key(value), slot(kind, id) == nil else { continue }
            let k = kind.rawValue
            if slots[k].count <= id { slots[k].append(contentsOf: repeatElement(-1, count: id + 1 - slots[k].count)) }
            slots[k][id] = Int32(take(k))
        }
        for value in freed {
            guard let (kind, id) = Self.key(value), let s = slot(kind, id) else { continue }
            let i = firstIndex(in: free[kind.rawValue], atLeast: s)
            free[kind.rawValue].insert(s, at: i)
        }
    }

    private mutating func take(_ k: Int) -> Int {
        if !free[k].isEmpty { return free[k].removeFirst() }
        defer { next[k] += 1 }
        return next[k]
    }

    private static func key(_ value: ObjectValue) -> (Kind, Int)? {
        switch value {
        case .skb(let s): (.skb, s.id)
        case .data(let b): (.data, b.id)
        case .page(let p): (.page, p.id)
        default: nil
        }
    }
}
