extension Machine {
    /// `skb_clone(s)`: a new struct (the fast-clone companion when it is free) sharing the data.
    /// - Parameter caller: the kernel function that clones, for the errors of a zero-copy copy.
    mutating func skbClone(_ id: Int, for caller: String = "skb_clone") throws(KernelError) -> Int {
        try datarefRoom(bufferOf(id), lower: 1, upper: 0, in: "skb_clone(\(skb(id).label))")
        switch design.zerocopy {
        case .copyOnShare?:
            if bufferOf(id).zc {
                begin(say("skb_clone(\(skb(id).ref)): SKBTX_DEV_ZEROCOPY: skb_copy_ubufs(\(skb(id).ref)) first"))
                copyUbufs31(skb(id).data)
            }
        case .refcounted?:
            try orphanFrags(id, for: caller)
        case nil:
            break
        }
        let s = skb(id)
        let n: Int
        if s.fclone == .orig && s.companion == nil {
            begin(say("skb_clone(\(s.label)): n = skb + 1, the companion is free (SKB_FCLONE_UNAVAILABLE): n->fclone = SKB_FCLONE_CLONE, fclone_ref 1 → 2: s\(state.counters.lastSkb + 1)"))
            n = newSkb(data: 0, size: 0, fclone: .clone)
            updateSkb(n) { $0.pairOrig = id }
            updateSkb(id) { $0.companion = n }
        } else {
            begin(say("skb_clone(\(s.label)): n = kmem_cache_alloc(skbuff_head_cache): s\(state.counters.lastSkb + 1)"))
            n = newSkb(data: 0, size: 0)
        }
        begin(say("__skb_clone: n->len = \(s.len), n->data_len = \(s.dataLen); n->cloned = 1, n->nohdr = 0, n->destructor = NULL; truesize; n->users = 1"))
        updateSkb(n) {
            $0.len = s.len
            $0.dataLen = s.dataLen
            $0.truesize = s.truesize
            $0.cloned = true
        }
        let b = buffer(s.data)
        begin(say("n->head, data, tail, end = skb's: both on d\(b.id); atomic_inc(&d\(b.id).dataref): \(hex(b.dataref)) → \(hex(b.dataref &+ 1)); skb->cloned = 1"))
        updateSkb(n) {
            $0.data = s.data
            $0.headroom = s.headroom
            $0.headlen = s.headlen
            $0.tailroom = s.tailroom
        }
        updateBuffer(b.id) { $0.dataref &+= 1 }
        updateSkb(id) { $0.cloned = true }
        return n
    }

    /// `skb_copy(s)`: a private, fully linear copy of all of `s`'s bytes.
    mutating func skbCopy(_ id: Int) throws(KernelError) -> Int {
        let s = skb(id)
        let size = s.size + s.dataLen
        let aligned = try alignedSize(size, in: "skb_copy", argument: nil)
        guard copyBitsSucceeds(id, offset: 0, len: s.len) else {
            throw KernelError("BUG: skb_copy_bits failed in skb_copy: the linear part, frags and frag_list of \(s.label) hold fewer than its len \(s.len) bytes")
        }
        begin(say("n = alloc_skb(end - head + data_len = \(size)): SKB_DATA_ALIGN → \(aligned): s\(state.counters.lastSkb + 1), d\(state.counters.lastData + 1)"))
        let n = allocInline(size: size)
        begin(say("skb_reserve(n, \(s.headroom)); skb_put(n, \(s.len)); skb_copy_bits(skb, -\(s.headroom), n->head, \(s.headroom) + \(s.len)): the headroom and all \(s.len) bytes (linear, frags, frag_list) into n's head"))
        updateSkb(n) {
            $0.headroom = s.headroom
            $0.headlen = s.len
            $0.len = s.len
            $0.tailroom = aligned - s.headroom - s.len
            $0.truesize = aligned
        }
        return n
    }

    /// `pskb_copy(s)`: a private copy of the linear part, sharing the pages and the `frag_list`.
    mutating func pskbCopy(_ id: Int) throws(KernelError) -> Int {
        let s = skb(id)
        let b = buffer(s.data)
        begin(say("n = alloc_skb(end - head = \(s.size)): s\(state.counters.lastSkb + 1), d\(state.counters.lastData + 1); skb_reserve(n, \(s.headroom)); skb_put(n, \(s.headlen)); skb_copy_from_linear_data: the \(s.headlen) linear bytes"))
        let n = allocInline(size: s.size)
        let nd = skb(n).data
        let size = buffer(nd).size
        updateSkb(n) {
            $0.headroom = s.headroom
            $0.headlen = s.headlen
            $0.len = s.headlen
            $0.tailroom = size - s.headroom - s.headlen
            $0.truesize = size
        }
        begin(say("n->truesize += \(s.dataLen); n->data_len = \(s.dataLen), n->len = \(s.len)"))
        updateSkb(n) {
            $0.len = s.len
            $0.dataLen = s.dataLen
            $0.truesize += s.dataLen
        }
        if !b.frags.isEmpty {
            switch design.zerocopy {
            case .copyOnShare?:
                if b.zc {
                    begin(say("pskb_copy: SKBTX_DEV_ZEROCOPY: skb_copy_ubufs(\(s.ref)) first"))
                    copyUbufs31(b.id)
                }
            case .refcounted?:
                try orphanFrags(id, for: "pskb_copy")
                zerocopyClone(n, from: id)
            case nil:
                break
            }
            let b = buffer(s.data)
            begin(say("copy \(b.nrFrags) frag descriptor\(b.nrFrags == 1 ? "" : "s"), \(b.frags.map { f in "get_page(\(pageRef(f.page)))" }.joined(separator: ", ")); nr_frags = \(b.nrFrags)"))
            updateBuffer(nd) { $0.frags = b.frags.enumerated().map { $1.copied(from: b.id, slot: $0, by: .pskbCopy) } }
            for f in b.frags { getPage(f.page) }
            try refDataParent(id, child: nd)
        }
        if !b.fragList.isEmpty {
            begin(say("frag_list = \(s.ref)'s frag_list; skb_clone_fraglist: skb_get each of \(b.fragList.map { "s\($0)" }.joined(separator: ", "))"))
            updateBuffer(nd) { $0.fragList = b.fragList }
            for m in b.fragList { updateSkb(m) { $0.users += 1 } }
        }
        return n
    }

    /// The seed patch's `skb_ref_data_parent(parent, child)`: when the parent's buffer has a
    /// destructor or an `orig`, the child takes a payload-only reference on it. A design with
    /// the destructor but no `orig` chain says that it takes none; one without says nothing.
    mutating func refDataParent(_ parent: Int, child: Int) throws(KernelError) {
        guard design.hasDataDestructor else { return }
        guard design.keepsOrigChain else {
            begin(say("(\(design.rawValue): no skb_ref_data_parent, d\(child) takes no reference on d\(skb(parent).data))"))
            return
        }
        let p = skb(parent)
        let pb = buffer(p.data)
        guard pb.destructor != nil || pb.orig != nil else {
            begin(say("skb_ref_data_parent(\(p.label), d\(child)): d\(pb.id) has no destructor and no orig: nothing"))
            return
        }
        try datarefRoom(pb, lower: 1, upper: 1, in: "skb_ref_data_parent(\(p.label), d\(child))")
        let to = pb.dataref &+ Kernel.payloadRef
        begin(say("skb_ref_data_parent(\(p.label), d\(child)): d\(child).orig = d\(pb.id); d\(pb.id).dataref += 0x10001: \(hex(pb.dataref)) → \(hex(to)); \(p.ref)->cloned = 1"))
        updateBuffer(child) {
            $0.orig = pb.id
            if $0.shinfo == .copied { $0.shinfo = .datarefCopied }
        }
        updateBuffer(pb.id) { $0.dataref = to }
        updateSkb(parent) { $0.cloned = true }
    }

    /// Refuses a reference that the kernel's 16-bit halves of `dataref` cannot count: past
    /// 65535 the lower half would carry into the upper one (and the upper one out of the word).
    func datarefRoom(_ b: DataBuffer, lower: UInt32, upper: UInt32, in call: @autoclosure () -> String) throws(KernelError) {
        if b.allRefs + lower > Kernel.datarefMask {
            throw KernelError("\(call()): \(b.ref).dataref lower half would exceed 65535 (it counts every reference in 16 bits; \(hex(b.dataref)) now)")
        }
        if b.payloadRefs + upper > Kernel.datarefMask {
            throw KernelError("\(call()): \(b.ref).dataref upper half would exceed 65535 (it counts the payload-only references in 16 bits; \(hex(b.dataref)) now)")
        }
    }
}
