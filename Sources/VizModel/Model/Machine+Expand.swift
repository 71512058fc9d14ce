extension Machine {
    /// Who runs `pskb_expand_head`, for its error messages and their location.
    struct Caller {
        /// The kernel function that called it, or nil when the scenario did.
        var function: String?
        /// The argument the call's errors point at (nil: the call's name).
        var argument: Parameter?
        /// Where the model's size limit points.
        var limitArgument: Parameter?

        static let scenario = Caller(function: nil, argument: nil, limitArgument: nil)
    }

    /// `pskb_expand_head(s, nhead, ntail)`: a new, larger private head; the old data is released.
    mutating func pskbExpandHead(_ id: Int, nhead: Int, ntail: Int, caller: Caller = .scenario) throws(KernelError) {
        let s = skb(id)
        let within = caller.function.map { " (called by \($0))" } ?? ""
        guard nhead >= 0 else {
            throw KernelError("BUG: BUG_ON(nhead < 0) in pskb_expand_head: nhead \(nhead)", argument: caller.function == nil ? .nhead : caller.argument)
        }
        guard ntail >= 0 else {
            throw KernelError("pskb_expand_head: ntail \(ntail) may not be negative", argument: caller.function == nil ? .ntail : caller.argument)
        }
        guard s.users == 1 else {
            throw KernelError("BUG: skb_shared(\(s.label)) in pskb_expand_head\(within): users \(s.users)", argument: caller.argument)
        }
        let old = buffer(s.data)
        let cloned = isCloned(id)
        if cloned, old.zc, !old.frags.isEmpty, let u = old.ubuf {
            switch design.zerocopy {
            case .copyOnShare?:
                throw KernelError("pskb_expand_head(\(s.label)) on a cloned buffer with SKBTX_DEV_ZEROCOPY and frags (hazard H-expand): 3.1 copies the shinfo into the new head before skb_copy_ubufs drops the user pages, so the new head would keep frags whose page references are gone (use after free); the model cannot represent that")
            case .refcounted? where state.ubufs[u]?.kind != .msg:
                throw recursion(caller: "pskb_expand_head", id, u)
            default:
                break
            }
        }
        let raw = nhead + old.size + ntail
        let size = try alignedSize(raw, in: "pskb_expand_head\(within)", argument: caller.limitArgument)
        begin(say("size = SKB_DATA_ALIGN(\(nhead) + \(old.size) + \(ntail)) = \(size); data = kmalloc(size + sizeof(struct skb_shared_info)): d\(state.counters.lastData + 1)"))
        let nd = newBuffer(size: size)
        updateBuffer(nd) {
            $0.dataref = 0
            $0.shinfo = .notInitialised
        }
        begin(say("memcpy(data + \(nhead), head, tail - head): the \(s.headroom) bytes of headroom and \(s.headlen) linear bytes"))
        let carried = design.hasDataDestructor ? ", orig, destructor" : old.zc ? ", tx_flags, destructor_arg u\(old.ubuf ?? 0)" : ""
        begin(say("memcpy d\(nd)'s skb_shared_info from d\(old.id): dataref \(hex(old.dataref)), nr_frags \(old.nrFrags), frag_list\(carried)"))
        // A zero-copy design's skb that is not cloned moves its frags with the shinfo.
        let moved = design.zerocopy != nil && !cloned
        updateBuffer(nd) {
            $0.dataref = old.dataref
            $0.frags = old.frags.enumerated().map { $1.copied(from: old.id, slot: $0, moved: moved, by: .pskbExpandHead, owned: false) }
            $0.fragList = old.fragList
            $0.fragListOwned = old.fragList.isEmpty
            $0.orig = old.orig
            $0.destructor = old.destructor
            $0.zc = old.zc
            $0.ubuf = old.ubuf
            $0.shinfo = .copied
        }
        if design.zerocopy != nil {
            try zerocopyExpand(id, old: old, new: nd, cloned: cloned)
        } else {
            referenceOldShinfo(old, new: nd)
            try refDataParent(id, child: nd)
            let now = skb(id)
            shinfoPut(old.id, nohdr: now.nohdr, clone: now.cloned, for: id)
        }
        let headroom = s.headroom + nhead
        let tailroom = s.tailroom + (size - old.size - nhead)
        begin(say("\(s.ref)->head = d\(nd): data, tail += \(nhead); end = head + \(size): headroom \(headroom), tailroom \(tailroom)"))
        updateSkb(id) {
            $0.data = nd
            $0.headroom = headroom
            $0.tailroom = tailroom
            $0.released = false
        }
        begin(say(design.hasDataDestructor
              ? "cloned = 0, nohdr = 0, d\(nd).dataref = 1; d\(nd).len = \(size), d\(nd).destructor = NULL"
              : "cloned = 0, nohdr = 0, d\(nd).dataref = 1"))
        updateSkb(id) {
            $0.cloned = false
            $0.nohdr = false
        }
        let patched = design.hasDataDestructor
        updateBuffer(nd) {
            $0.dataref = 1
            $0.shinfo = .live
            if patched { $0.destructor = nil }
        }
    }

    /// Steps 4 and 5 of `pskb_expand_head`: the new shinfo's copies of the frags and the
    /// `frag_list` links take their own references.
    private mutating func referenceOldShinfo(_ old: DataBuffer, new nd: Int) {
        if !old.frags.isEmpty {
            begin(say("get_page each frag: \(old.frags.map { f in "\(pageRef(f.page)) → \(state.pages[f.page]!.count + 1)" }.joined(separator: ", "))"))
            updateBuffer(nd) { b in
                for i in b.frags.indices { b.frags[i].owned = true }
            }
            for f in old.frags { getPage(f.page) }
        }
        if !old.fragList.isEmpty {
            begin(say("skb_clone_fraglist: skb_get each of \(old.fragList.map { "s\($0)" }.joined(separator: ", "))"))
            updateBuffer(nd) { $0.fragListOwned = true }
            for m in old.fragList { updateSkb(m) { $0.users += 1 } }
        }
    }

    /// Steps 4–7 of `pskb_expand_head` in a zero-copy design (model-later.md §5): an skb that
    /// is not cloned only frees its old head (the references move with the shinfo and no hook
    /// runs); a cloned one runs the design's hook, then takes references and releases the old
    /// buffer as model.md does.
    private mutating func zerocopyExpand(_ id: Int, old: DataBuffer, new nd: Int, cloned: Bool) throws(KernelError) {
        let s = skb(id)
        guard cloned else {
            let moved = old.fragList.isEmpty ? "the frags" : "the frags and the frag_list"
            let free = design.zerocopy == .copyOnShare ? "fastpath (no other reference on d\(old.id)): kfree(skb->head)"
                                                       : "not skb_cloned: skb_free_head(skb)"
            begin(say("\(free), the head of d\(old.id): \(moved)\(old.zc ? " and u\(old.ubuf ?? 0)" : "") move to d\(nd) as they are, no zero-copy hook"))
            updateBuffer(nd) { b in
                for i in b.frags.indices { b.frags[i].owned = true }
                b.fragListOwned = true
            }
            removeBuffer(old.id)
            emit(.freeHead(data: old.id))
            return
        }
        switch design.zerocopy {
        case .copyOnShare?:
            if old.zc {
                begin(say("not fastpath, SKBTX_DEV_ZEROCOPY: skb_copy_ubufs(d\(old.id)) (the new head keeps its copy of the flag)"))
                copyUbufs31(old.id)
            }
        case .refcounted?:
            try orphanFrags(id, for: "pskb_expand_head")
            if old.zc, let u = old.ubuf {
                let refcnt = state.ubufs[u]!.refcnt ?? 0
                begin(say("skb_zcopy(\(s.ref)): refcount_inc(&u\(u)->refcnt): \(refcnt) → \(refcnt + 1): d\(nd) carries u\(u) too"))
                updateUbuf(u) { $0.refcnt = refcnt + 1 }
            }
        case nil:
            break
        }
        referenceOldShinfo(old, new: nd)
        shinfoPut(old.id, nohdr: s.nohdr, clone: s.cloned, for: id)
    }
}
