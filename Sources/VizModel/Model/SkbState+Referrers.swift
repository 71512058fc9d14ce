/// Who refers to an object, asked of the state: the kept `referrers`, or a walk over its
/// objects when the state keeps none.
extension SkbState {
    /// Whether the skb is on some live buffer's `frag_list`.
    public func isOnFragList(_ skb: Int) -> Bool {
        guard !keepsReferrers else { return referrers.isListed(skb) }
        return data.containsValue { $0.fragList.contains(skb) }
    }

    /// The buffers whose `frag_list` holds skb `id`, each with how many times, in id order.
    func fragListHolders(of id: Int) -> [(buffer: Int, times: Int)] {
        var out: [(buffer: Int, times: Int)] = []
        forEachFragListHolder(of: id) { out.append((buffer: $0, times: $1)) }
        return out
    }

    /// Calls `body` with each buffer whose `frag_list` holds skb `id` and how many times, in
    /// id order; the kept referrers are read where they are.
    func forEachFragListHolder(of id: Int, _ body: (_ buffer: Int, _ times: Int) -> Void) {
        guard !keepsReferrers else {
            return referrers.withHolders(of: id) { holders in
                for (buffer, times) in holders { body(buffer, times) }
            }
        }
        data.forEachValue { b in
            let times = b.fragList.reduce(0) { $1 == id ? $0 + 1 : $0 }
            if times > 0 { body(b.id, times) }
        }
    }

    /// Calls `body` with each live skb whose `head` is buffer `id`.
    func forEachHead(of id: Int, _ body: (Int) -> Void) {
        guard !keepsReferrers else {
            for s in referrers.heads[id] ?? [] { body(s) }
            return
        }
        skbs.forEachValue { s in
            if s.data == id { body(s.id) }
        }
    }

    /// How many live skbs have buffer `id` as their `head`.
    func headCount(_ id: Int) -> Int {
        guard !keepsReferrers else { return referrers.headCount(id) }
        var n = 0
        skbs.forEachValue { s in
            if s.data == id { n += 1 }
        }
        return n
    }

    /// How many frag slots of live buffers own a reference to page `id`.
    func ownedSlots(_ id: Int) -> Int {
        guard !keepsReferrers else { return referrers.ownedSlots(id) }
        var n = 0
        data.forEachValue { b in
            for f in b.frags where f.owned && f.page == id { n += 1 }
        }
        return n
    }

    /// Calls `body` with each buffer that may hold a frag copied or moved out of another
    /// buffer, in id order: with kept referrers those that do, else every buffer.
    func forEachCopyHolder(_ body: (DataBuffer) -> Void) {
        guard !keepsReferrers else {
            for id in referrers.copies {
                if let b = data[id] { body(b) }
            }
            return
        }
        data.forEachValue { body($0) }
    }
}
