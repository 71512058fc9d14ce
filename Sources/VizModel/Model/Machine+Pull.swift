extension Machine {
    /// `__pskb_pull_tail(s, delta)`: moves `delta` bytes from the frags and the `frag_list`
    /// to the tail of the linear part, reallocating the head first when it lacks room or is cloned.
    ///
    /// As in the kernel, `pskb_expand_head` runs before `skb_copy_bits` finds too few bytes, so
    /// its `skb_shared` check is the one reported when both would fail.
    ///
    /// - Parameter argument: the argument every error points at (the delta as written), or nil.
    mutating func pskbPullTail(_ id: Int, delta: Int, argument: Parameter?) throws(KernelError) {
        try pull(.pullTail(id, delta: delta), argument: argument)
    }

    /// `pskb_pull(s, n)`: pulls `n` bytes off the front, linearising them first where needed.
    mutating func pskbPull(_ id: Int, _ n: Int, argument: Parameter?) throws(KernelError) {
        try pull(.pull(id, n), argument: argument)
    }

    /// A pull to start: `pskb_pull` or `__pskb_pull_tail`.
    private enum Pull {
        case pull(Int, Int)
        case pullTail(Int, delta: Int)
    }

    /// What a pull still has to do once the nested pull it started is done: the kernel's
    /// recursion through a `frag_list` member eaten partly, kept as data so that any nesting
    /// depth fits.
    private enum PullRest {
        /// The last step of `pskb_pull(id, n)`, after its `__pskb_pull_tail`.
        case pullEnd(Int, n: Int)
        /// The end of step 3 of `__pskb_pull_tail(id, delta)` on buffer `data` (the members
        /// eaten whole are freed, the clone goes in), then steps 4 and 5.
        case fragListEnd(Int, delta: Int, data: Int, eaten: ArraySlice<Int>, clone: Int?)
    }

    /// Runs a pull and every pull nested in it, in the kernel's order.
    private mutating func pull(_ first: Pull, argument: Parameter?) throws(KernelError) {
        var rest: [PullRest] = []
        var next: Pull? = first
        var known = CopiedRanges()
        while true {
            if let start = next {
                next = try self.start(start, argument: argument, known: &known, &rest)
            } else if let waiting = rest.popLast() {
                ascend()
                switch waiting {
                case .pullEnd(let id, let n):
                    pullEnd(id, n)
                case .fragListEnd(let id, let delta, let d, let eaten, let clone):
                    fragListEnd(d, eaten: eaten, clone: clone)
                    pullTailEnd(id, delta: delta)
                }
            } else {
                return
            }
        }
    }

    /// Runs `pull` up to the nested pull it starts, which it returns (one level deeper); what
    /// it does after that goes on `rest`. `known`: the ranges the pulls around it found.
    private mutating func start(_ pull: Pull, argument: Parameter?, known: inout CopiedRanges,
                                _ rest: inout [PullRest]) throws(KernelError) -> Pull? {
        switch pull {
        case .pull(let id, let n):
            let s = skb(id)
            if n > s.len {
                begin(say("pskb_pull(\(s.ref), \(n)): \(n) > skb->len \(s.len): returns NULL, nothing changes"))
                return nil
            }
            guard n > s.headlen else {
                pullEnd(id, n)
                return nil
            }
            begin(say("pskb_pull(\(s.ref), \(n)): \(n) > headlen \(s.headlen): __pskb_pull_tail(\(s.ref), \(n - s.headlen))"))
            descend()
            rest.append(.pullEnd(id, n: n))
            return .pullTail(id, delta: n - s.headlen)
        case .pullTail(let id, let delta):
            try pullTailStart(id, delta: delta, argument: argument, known: &known)
            let b = bufferOf(id)
            if !b.fragList.isEmpty && b.fragBytes < delta {
                let (eaten, clone, partly) = try pullFragList(id, rest: delta - b.fragBytes)
                if let (target, bytes) = partly {
                    begin(say("frag_list: pskb_pull(s\(target), \(bytes))"))
                    descend()
                    rest.append(.fragListEnd(id, delta: delta, data: b.id, eaten: eaten, clone: clone))
                    return .pull(target, bytes)
                }
                fragListEnd(b.id, eaten: eaten, clone: clone)
            }
            pullTailEnd(id, delta: delta)
            return nil
        }
    }

    /// The last step of `pskb_pull(id, n)`: `data` moves forward.
    private mutating func pullEnd(_ id: Int, _ n: Int) {
        let t = skb(id)
        begin(say("pskb_pull(\(t.ref), \(n)): skb->len -= \(n), skb->data += \(n): headroom \(t.headroom + n), len \(t.len - n)"))
        updateSkb(id) {
            $0.headroom += n
            $0.headlen -= n
            $0.len -= n
        }
    }

    /// Steps 1 and 2 of `__pskb_pull_tail`: room in a private head, and the checks that the
    /// bytes are there; up to `skb_copy_bits`.
    private mutating func pullTailStart(_ id: Int, delta: Int, argument: Parameter?, known: inout CopiedRanges) throws(KernelError) {
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
        guard copyBitsSucceeds(id, offset: skb(id).headlen, len: delta, known: &known) else {
            throw KernelError("BUG: skb_copy_bits failed in __pskb_pull_tail: the frags and frag_list of \(s.label) hold fewer than delta \(delta) bytes", argument: argument)
        }
        begin(say("skb_copy_bits(\(s.ref), \(skb(id).headlen), tail, \(delta)): copy \(delta) bytes from the frags\(bufferOf(id).fragList.isEmpty ? "" : " and frag_list") to the tail"))
    }

    /// Steps 4 and 5 of `__pskb_pull_tail`: the frags give up their bytes, the tail moves.
    private mutating func pullTailEnd(_ id: Int, delta: Int) {
        pullPages(id, delta: delta)
        let t = skb(id)
        begin(say("skb->tail += \(delta), skb->data_len -= \(delta): headlen \(t.headlen + delta), tailroom \(t.tailroom - delta), data_len \(t.dataLen - delta)"))
        updateSkb(id) {
            $0.headlen += delta
            $0.tailroom -= delta
            $0.dataLen -= delta
        }
        if design.zerocopy == .refcounted && skb(id).dataLen == 0 {
            zcopyClear(skb(id).data, ok: false, via: .pull)
        }
    }

    /// Step 3 of `__pskb_pull_tail`, up to its `pskb_pull` of a member eaten partly: eats
    /// `rest` bytes from the head of the `frag_list`, forking a shared member that is eaten
    /// partly. Returns the members to free, the clone, and the member and bytes to pull.
    private mutating func pullFragList(_ id: Int, rest: Int) throws(KernelError) -> (eaten: ArraySlice<Int>, clone: Int?, partly: (Int, Int)?) {
        let d = skb(id).data
        let list = Array(buffer(d).fragList)
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
                let c = try nested { (mm: inout Machine) throws(KernelError) in try mm.skbClone(m.id, for: "__pskb_pull_tail") }
                clone = c
                target = c
                freeUpTo = index + 1
            } else {
                freeUpTo = index
            }
            return (list[0..<freeUpTo], clone, (target, rest))
        }
        return (list[0..<freeUpTo], clone, nil)
    }

    /// The end of step 3 of `__pskb_pull_tail` on buffer `d`: the members eaten whole are
    /// freed, and the clone of a shared member eaten partly takes its place.
    private mutating func fragListEnd(_ d: Int, eaten: ArraySlice<Int>, clone: Int?) {
        for member in eaten {
            begin(say("free the pulled-out member: frag_list = its next; kfree_skb(s\(member))"))
            updateBuffer(d) { $0.fragList = $0.fragList.dropFirst() }
            updateSkb(member) { $0.inFlight += 1 }
            nested { (mm: inout Machine) in mm.kfreeSkb(member) }
        }
        if let c = clone {
            begin(say("insert the clone at the head: s\(c)->next = frag_list; frag_list = s\(c)"))
            updateBuffer(d) { $0.fragList.insert(c, at: $0.fragList.startIndex) }
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
                    notes.append("\(pageRef(f.page)) page_offset += \(eat), size → \(f.size)")
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
