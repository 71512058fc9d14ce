extension CallName {
    /// The call an unknown name was most likely meant to be (`skb_reserv`, `alloc_sbk`): the
    /// nearest at most `limit` edits away, the first in table order on a tie; nil when none is.
    /// A kernel function that does what a call does, written by a developer used to it
    /// (`dev_kfree_skb`, `consume_skb`), names that call.
    public static func nearest(to typed: String, limit: Int = 2) -> CallName? {
        if let call = kernelSynonyms[typed] { return call }
        let word = Array(typed.lowercased().utf8)
        var best: (call: CallName, distance: Int)?
        for call in allCases {
            let d = editDistance(word, Array(call.rawValue.utf8))
            if d <= limit, d < best?.distance ?? Int.max { best = (call, d) }
        }
        return best?.call
    }

    /// Kernel functions with `kfree_skb`'s argument and bookkeeping, for other contexts (a
    /// driver's, an skb consumed rather than dropped), too far from it to be a typo.
    static let kernelSynonyms: [String: CallName] = [
        "dev_kfree_skb": .kfreeSkb, "dev_kfree_skb_any": .kfreeSkb, "dev_kfree_skb_irq": .kfreeSkb, "consume_skb": .kfreeSkb,
    ]

    /// Edits from `a` to `b`: a byte left out, added or changed, or two neighbours swapped
    /// (the optimal string alignment distance).
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        // Three rows of the table: two back (for a swap), the last, and the one being filled.
        var before = [Int](repeating: 0, count: b.count + 1)
        var last = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let change = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(last[j] + 1, row[j - 1] + 1, last[j - 1] + change)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], before[j - 2] + 1)
                }
            }
            (before, last, row) = (last, row, before)
        }
        return last[b.count]
    }
}
