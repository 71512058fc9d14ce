extension Machine {
    /// `skb_reserve(s, n)`: an empty skb's `data` and `tail` move forward.
    mutating func skbReserve(_ id: Int, _ n: Int) throws(KernelError) {
        let s = skb(id)
        guard s.len == 0 else {
            throw KernelError("skb_reserve(\(s.label), \(n)): the skb is not empty (len \(s.len)); skb_reserve is for an empty skb")
        }
        guard n <= s.tailroom else {
            throw KernelError("skb_reserve(\(s.label), \(n)): only \(s.tailroom) bytes of tailroom", argument: .len)
        }
        begin(say("skb->data += \(n), skb->tail += \(n): headroom \(s.headroom + n), tailroom \(s.tailroom - n)"))
        updateSkb(id) {
            $0.headroom += n
            $0.tailroom -= n
        }
    }

    /// `skb_put(s, n)`: `tail` and `len` grow; linear skbs only.
    mutating func skbPut(_ id: Int, _ n: Int, in caller: String = "skb_put", argument: Parameter = .len) throws(KernelError) {
        let s = skb(id)
        guard s.dataLen == 0 else {
            throw KernelError("BUG: SKB_LINEAR_ASSERT in skb_put: \(s.label) is nonlinear (data_len \(s.dataLen))")
        }
        guard n <= s.tailroom else {
            let inCaller = caller == "skb_put" ? "" : " in \(caller)"
            throw KernelError("skb_over_panic: skb_put(\(s.label), \(n)) with tailroom \(s.tailroom) (len \(s.len))\(inCaller)", argument: argument)
        }
        begin(say("skb->tail += \(n), skb->len += \(n): headlen \(s.headlen + n), len \(s.len + n)"))
        updateSkb(id) {
            $0.headlen += n
            $0.tailroom -= n
            $0.len += n
        }
    }

    /// `skb_push(s, n)`: `data` moves back, `len` grows.
    mutating func skbPush(_ id: Int, _ n: Int) throws(KernelError) {
        let s = skb(id)
        guard n <= s.headroom else {
            throw KernelError("skb_under_panic: skb_push(\(s.label), \(n)) with headroom \(s.headroom)", argument: .len)
        }
        begin(say("skb->data -= \(n), skb->len += \(n): headroom \(s.headroom - n), len \(s.len + n)"))
        updateSkb(id) {
            $0.headroom -= n
            $0.headlen += n
            $0.len += n
        }
    }

    /// `skb_pull(s, n)`: `data` moves forward, `len` shrinks; never into the frags.
    mutating func skbPull(_ id: Int, _ n: Int) throws(KernelError) {
        let s = skb(id)
        if n > s.len {
            begin(say("skb_pull: \(n) > skb->len \(s.len): returns NULL, nothing changes"))
            return
        }
        guard n <= s.headlen else {
            throw KernelError("BUG: skb->len < skb->data_len in __skb_pull(\(s.label), \(n)): headlen \(s.headlen), data_len \(s.dataLen)", argument: .len)
        }
        begin(say("__skb_pull: skb->len -= \(n), skb->data += \(n): headroom \(s.headroom + n), len \(s.len - n)"))
        updateSkb(id) {
            $0.headroom += n
            $0.headlen -= n
            $0.len -= n
        }
    }

    /// `skb_get(s)`: one more `users` reference, held by the scenario.
    mutating func skbGet(_ id: Int) {
        let s = skb(id)
        begin(say("atomic_inc(&skb->users): \(s.users) → \(s.users + 1)"))
        updateSkb(id) {
            $0.users += 1
            $0.held += 1
        }
    }

    /// `skb_set_owner_w(s)`: the socket-side destructor.
    mutating func skbSetOwnerW(_ id: Int) {
        begin(say("skb->destructor = sock_wfree"))
        updateSkb(id) { $0.destructor = "sock_wfree" }
    }

    /// `skb_orphan(s)`: call and clear `skb->destructor`.
    mutating func skbOrphan(_ id: Int) {
        let s = skb(id)
        guard let fn = s.destructor else {
            begin(say("skb->destructor is NULL: nothing to call"))
            return
        }
        begin(say("skb->destructor(skb): \(fn)(\(s.ref)); skb->destructor = NULL"))
        emit(.skbDestructor(skb: id, fn: fn))
        updateSkb(id) { $0.destructor = nil }
    }

    /// `set_data_destructor(s, fn)`: the seed patch's `skb_shinfo(s)->destructor = fn`.
    /// In a zero-copy design it attaches a completion object instead (`attachUbuf`).
    mutating func setDataDestructor(_ id: Int, _ fn: String) throws(KernelError) {
        let d = skb(id).data
        if let zerocopy = design.zerocopy {
            return try attachUbuf(id, fn, zerocopy)
        }
        guard design.hasDataDestructor else {
            begin(say("\(design.rawValue) 2.6.28: skb_shared_info has no destructor field: nothing happens"))
            return
        }
        begin(say("skb_shinfo(\(skb(id).label))->destructor = \(fn): d\(d)"))
        updateBuffer(d) { $0.destructor = fn }
    }

    /// `skb_header_release(s)`: the skb becomes payload-only.
    mutating func skbHeaderRelease(_ id: Int) throws(KernelError) {
        let s = skb(id)
        guard !s.nohdr else {
            throw KernelError("BUG: BUG_ON(skb->nohdr) in skb_header_release(\(s.label))")
        }
        let b = buffer(s.data)
        try datarefRoom(b, lower: 0, upper: 1, in: "skb_header_release(\(s.label))")
        let to = b.dataref &+ (1 << Kernel.datarefShift)
        begin(say("skb->nohdr = 1; atomic_add(1 << SKB_DATAREF_SHIFT, &d\(b.id).dataref): \(hex(b.dataref)) → \(hex(to))"))
        updateSkb(id) { $0.nohdr = true }
        updateBuffer(b.id) { $0.dataref = to }
    }
}

/// `0x00010002`: how the steps write a `dataref`.
func hex(_ v: UInt32) -> String {
    let digits = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
