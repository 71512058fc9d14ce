extension Machine {
    /// `__pskb_pull_tail(s, delta)`: moves `delta` bytes from the frags and the `frag_list`
    /// to the tail of the linear part, reallocating the head first when it lacks room or is cloned.
    ///
    /// As in the kernel, `pskb_expand_head` runs before `skb_copy_bits` finds too few bytes, so
    /// its `skb_shared` check is the one reported when both would fail.
    ///
    /// - Parameter argument: the argument every error points at (the delta as written), or nil.
    mutating func pskbPullTail(_ id: Int, delta: Int, argument: Parameter?) throws(KernelError) {
        let s = skb(id)
        guard delta >= 0 else {
            throw KernelError("BUG: skb_copy_bits failed in __pskb_pull_tail: delta \(delta) is negative", argument: argument)
        }
        let eat = delta - s.tailroom
        if eat > 0 || isCloned(id) {
            let ntail = eat > 0 ? eat + 128 : 0
            let why = eat > 0 ? "eat = \(delta) - \(s.tailroom) = \(eat) > 0" : "skb_cloned(\(s.ref))"
            begin(say("\(why): pskb_expand_head(\(s.ref), 0, \(ntail))"))
            try nested { (m: inout Machine) throws(KernelError) in
                try m.pskbExpandHead(id, nhead: 0, ntail: ntail,
                                     caller: Caller(function: "__pskb_pull_tail", argument: argument, limitArgument: argument))
            }
        } else {
            begin(say("eat = \(delta) - \(s.tailroom) = \(eat) ≤ 0 and not cloned: the tail has room"))
        }
        guard delta <= skb(id).dataLen else {
            throw KernelError("BUG: skb_copy_bits failed in __pskb_pull_tail: delta \(delta) but \(s.label) has data_len \(skb(id).dataLen)", argument: argument)
        }
        guard copyBitsSucceeds(id, offset: skb(id).headlen, len: delta) else {
            throw KernelError("BUG: skb_copy_bits failed in __pskb_pull_tail: the frags and frag_list of \(s.label) hold fewer than delta \(delta) bytes", argument: argument)
        }
        begin(say("skb_copy_bits(\(s.ref), \(skb(id).headlen), tail, \(delta)): copy \(delta) bytes from the frags\(bufferOf(id).fragList.isEmpty ? "" : " and frag_list") to the tail"))
        let b = bufferOf(id)
        if !b.fragList.isEmpty && b.fragBytes < delta {
            try pullFragList(id, rest: delta - b.fragBytes, argument: argument)
        }
        pullPages(id, delta: delta)
        let t = skb(id)
        begin(say("skb->tail += \(delta), skb->data_len -= \(delta): headlen \(t.headlen + delta), tailroom \(t.tailroom - delta), data_len \(t.dataLen - delta)"))
        updateSkb(id) {
            $0.headlen += delta
            $0.tailroom -= delta
            $0.dataLen -= delta
        }
    }

    /// Step 3 of `__pskb_pull_tail`: eats `rest` bytes from the head of the `frag_list`,
    /// forking a shared member that is eaten partly.
    private mutating func pullFragList(_ id: Int, rest: Int, argument: Parameter?) throws(KernelError) {
        let d = skb(id).data
        let list = buffer(d).fragList
        var rest = rest
        var index = 0
        var clone: Int?
        var freeUpTo = 0
        while rest > 0 && index < list.count {
            let m = skb(list[index])
            if m.len <= rest {
                begin(say("frag_list: \(m.label) (len \(m.len) ≤ \(rest)) is eaten whole"))
                rest -= m.len
                index += 1
                freeUpTo = index
                continue
            }
            var target = m.id
            if m.isShared {
                begin(say("frag_list: \(m.label) (len \(m.len) > \(rest)) is eaten partly, and is shared (users \(m.users)): clone = skb_clone(\(m.ref))"))
                let c = nested { (mm: inout Machine) in mm.skbClone(m.id) }
                clone = c
                target = c
                freeUpTo = index + 1
            } else {
                freeUpTo = index
            }
            begin(say("frag_list: pskb_pull(s\(target), \(rest))"))
            try nested { (mm: inout Machine) throws(KernelError) in
                try mm.pskbPull(target, rest, argument: argument)
            }
            rest = 0
        }
        for member in list[0..<freeUpTo] {
            begin(say("free the pulled-out member: frag_list = its next; kfree_skb(s\(member))"))
            updateBuffer(d) { $0.fragList.removeFirst() }
            updateSkb(member) { $0.inFlight += 1 }
            nested { (mm: inout Machine) in mm.kfreeSkb(member) }
        }
        if let c = clone {
            begin(say("insert the clone at the head: s\(c)->next = frag_list; frag_list = s\(c)"))
            updateBuffer(d) { $0.fragList.insert(c, at: 0) }
            updateSkb(c) { $0.inFlight -= 1 }
        }
    }

    /// Step 4 of `__pskb_pull_tail`: frags eaten whole are put and removed; the first one eaten
    /// partly moves its offset.
    private mutating func pullPages(_ id: Int, delta: Int) {
        let d = skb(id).data
        let frags = buffer(d).frags
        var eat = delta
        var kept: [Frag] = []
        var put: [Int] = []
        var notes: [String] = []
        for var f in frags {
            if f.size <= eat {
                put.append(f.page)
                eat -= f.size
                notes.append("put_page(\(pageRef(f.page)))")
            } else {
                if eat > 0 {
                    f.off += eat
                    f.size -= eat
                    notes.append("\(pageRef(f.page)) off += \(eat), size → \(f.size)")
                    eat = 0
                }
                kept.append(f)
            }
        }
        guard !notes.isEmpty else {
            begin(say("pull_pages: no frag is eaten"))
            return
        }
        begin(say("pull_pages: \(notes.joined(separator: "; ")); nr_frags = \(kept.count)"))
        updateBuffer(d) { $0.frags = kept }
        for p in put { putPage(p) }
    }

    /// `pskb_may_pull(s, n)`: makes sure the first `n` bytes are linear.
    mutating func pskbMayPull(_ id: Int, _ n: Int) throws(KernelError) {
        let s = skb(id)
        if n <= s.headlen {
            begin(say("pskb_may_pull: \(n) ≤ headlen \(s.headlen): already linear, returns 1"))
            return
        }
        if n > s.len {
            begin(say("pskb_may_pull: \(n) > skb->len \(s.len): returns 0, nothing changes"))
            return
        }
        begin(say("pskb_may_pull: __pskb_pull_tail(\(s.ref), \(n) - \(s.headlen) = \(n - s.headlen))"))
        try nested { (m: inout Machine) throws(KernelError) in
            try m.pskbPullTail(id, delta: n - s.headlen, argument: .len)
        }
    }

    /// `pskb_pull(s, n)`: pulls `n` bytes off the front, linearising them first where needed.
    mutating func pskbPull(_ id: Int, _ n: Int, argument: Parameter?) throws(KernelError) {
        let s = skb(id)
        if n > s.len {
            begin(say("pskb_pull(\(s.ref), \(n)): \(n) > skb->len \(s.len): returns NULL, nothing changes"))
            return
        }
        if n > s.headlen {
            begin(say("pskb_pull(\(s.ref), \(n)): \(n) > headlen \(s.headlen): __pskb_pull_tail(\(s.ref), \(n - s.headlen))"))
            try nested { (m: inout Machine) throws(KernelError) in
                try m.pskbPullTail(id, delta: n - s.headlen, argument: argument)
            }
        }
        let t = skb(id)
        begin(say("pskb_pull(\(s.ref), \(n)): skb->len -= \(n), skb->data += \(n): headroom \(t.headroom + n), len \(t.len - n)"))
        updateSkb(id) {
            $0.headroom += n
            $0.headlen -= n
            $0.len -= n
        }
    }

    /// `skb_linearize(s)`: `__pskb_pull_tail(s, data_len)` when the skb is nonlinear.
    mutating func skbLinearize(_ id: Int) throws(KernelError) {
        let s = skb(id)
        guard s.dataLen > 0 else {
            begin(say("skb_linearize: data_len 0: already linear"))
            return
        }
        begin(say("skb_linearize: __pskb_pull_tail(\(s.ref), data_len \(s.dataLen))"))
        try nested { (m: inout Machine) throws(KernelError) in
            try m.pskbPullTail(id, delta: s.dataLen, argument: nil)
        }
    }
}
