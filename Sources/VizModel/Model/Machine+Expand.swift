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
        let raw = nhead + old.size + ntail
        let size = try alignedSize(raw, in: "pskb_expand_head\(within)", argument: caller.limitArgument)
        begin(say("size = SKB_DATA_ALIGN(\(nhead) + \(old.size) + \(ntail)) = \(size); data = kmalloc(size + sizeof(struct skb_shared_info)): d\(state.counters.lastData + 1)"))
        let nd = newBuffer(size: size)
        updateBuffer(nd) { $0.dataref = 0 }
        begin(say("memcpy(data + \(nhead), head, tail - head): the \(s.headroom) bytes of headroom and \(s.headlen) linear bytes"))
        begin(say("memcpy d\(nd)'s skb_shared_info from d\(old.id): dataref \(hex(old.dataref)), nr_frags \(old.nrFrags), frag_list\(design.hasDataDestructor ? ", orig, destructor" : "")"))
        updateBuffer(nd) {
            $0.dataref = old.dataref
            $0.frags = old.frags.map { $0.copied(from: old.id, owned: false) }
            $0.fragList = old.fragList
            $0.fragListOwned = old.fragList.isEmpty
            $0.orig = old.orig
            $0.destructor = old.destructor
        }
        if !old.frags.isEmpty {
            let pages = old.frags.map { f in "\(pageRef(f.page)) → \(state.pages[f.page]!.count + 1)" }
            begin(say("get_page each frag: \(pages.joined(separator: ", "))"))
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
        try refDataParent(id, child: nd)
        let now = skb(id)
        shinfoPut(old.id, nohdr: now.nohdr, clone: now.cloned, for: s.label)
        let headroom = s.headroom + nhead
        let tailroom = s.tailroom + (size - old.size - nhead)
        begin(say("\(s.ref)->head = d\(nd): data, tail += \(nhead); end = head + \(size): headroom \(headroom), tailroom \(tailroom)"))
        updateSkb(id) {
            $0.data = nd
            $0.headroom = headroom
            $0.tailroom = tailroom
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
            if patched { $0.destructor = nil }
        }
    }
}
