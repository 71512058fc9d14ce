extension Machine {
    /// `skb_add_rx_frag(s, i, p, off, size)`: the scenario's reference to `p` moves to the slot.
    mutating func skbAddRxFrag(_ id: Int, i: Int, page: Int, off: Int, size: Int) throws(KernelError) {
        let s = skb(id)
        let b = buffer(s.data)
        guard b.nrFrags < Kernel.maxSkbFrags else {
            throw KernelError("skb_add_rx_frag(\(s.label)): nr_frags is already MAX_SKB_FRAGS (\(Kernel.maxSkbFrags))", argument: .i)
        }
        guard i == b.nrFrags else {
            throw KernelError("skb_add_rx_frag(\(s.label)): i must be nr_frags (\(b.nrFrags)), not \(i)", argument: .i)
        }
        guard off + size <= Kernel.pageSize else {
            throw KernelError("skb_add_rx_frag(\(s.label)): off + size = \(off + size) is past PAGE_SIZE (\(Kernel.pageSize))", argument: .size)
        }
        guard size > 0 else {
            throw KernelError("skb_add_rx_frag(\(s.label)): size must be above 0", argument: .size)
        }
        guard state.pages[page]!.held > 0 else {
            // Each skb_add_rx_frag hands one reference over: a page in two frags needs a get_page.
            throw KernelError("skb_add_rx_frag(\(s.label)): the scenario holds no reference to page \(pageRef(page)) to hand over\(lastPageReference(page)): get_page(\(pageRef(page))) first gives it one", argument: .page)
        }
        begin(say("skb_fill_page_desc: frags[\(i)] = {\(pageRef(page)), \(off), \(size)}, nr_frags = \(i + 1); len, data_len, truesize += \(size)"))
        updatePage(page) { $0.held -= 1 }
        if call != nil, state.pages[page]!.held == 0 { remember(pageRef(page)) }
        let origin = newOrigin()
        updateBuffer(b.id) { $0.frags.append(Frag(page: page, off: off, size: size, origin: origin)) }
        updateSkb(id) {
            $0.len += size
            $0.dataLen += size
            $0.truesize += size
        }
    }

    /// `skb_frag_list_add(s, t)`: append `t` to `s`'s `frag_list`; the scenario's reference moves to the link.
    mutating func skbFragListAdd(_ id: Int, _ member: Int) throws(KernelError) {
        let s = skb(id), t = skb(member)
        guard id != member else {
            throw KernelError("skb_frag_list_add: \(t.label) cannot be put on its own frag_list", argument: .t)
        }
        guard !state.isOnFragList(member) else {
            throw KernelError("skb_frag_list_add: \(t.label) is already on a frag_list", argument: .t)
        }
        guard !reaches(member, buffer: s.data) else {
            throw KernelError("skb_frag_list_add: \(s.label)'s buffer d\(s.data) can be reached from \(t.label): the frag_list would contain itself", argument: .t)
        }
        let list = buffer(s.data).fragList
        if let last = list.last, state.fragListHolders(of: last).contains(where: { $0.buffer != s.data }) {
            throw KernelError("skb_frag_list_add: the last member s\(last) of \(s.label)'s frag_list is also on another buffer's list: appending would change both", argument: .skb)
        }
        guard s.len + t.len <= Kernel.maxLength, s.truesize + t.truesize <= Kernel.maxLength else {
            let (field, a, b) = s.len + t.len > Kernel.maxLength ? ("len", s.len, t.len) : ("truesize", s.truesize, t.truesize)
            throw KernelError("skb_frag_list_add: \(field) of \(s.label) would be \(a) + \(b) = \(a + b), above the model's limit of \(Kernel.maxLength) (an unsigned int in the kernel)", argument: .t)
        }
        begin(say("frag_list of d\(s.data): append \(t.ref) (\(t.ref)->next = NULL); len, data_len += \(t.len); truesize += \(t.truesize)"))
        updateSkb(member) { $0.held -= 1 }
        if call != nil, t.held == 1 { remember(t.ref) }
        updateBuffer(s.data) { $0.fragList.append(member) }
        updateSkb(id) {
            $0.len += t.len
            $0.dataLen += t.len
            $0.truesize += t.truesize
        }
    }

    /// Whether buffer `target` can be reached from skb `member` through its buffer and that
    /// buffer's `frag_list`, recursively. Walks down from `member` and up from `target` by
    /// turns and stops when either walk ends, so a deep list costs its depth only when both
    /// ends are deep in it.
    private func reaches(_ member: Int, buffer target: Int) -> Bool {
        var down = [member], downSkbs = SeenIds(), downBuffers = SeenIds()
        var up = [target], upBuffers = SeenIds()
        while true {
            guard let s = down.popLast() else { return false }
            if downSkbs.insert(s), let data = state.skbs.read(s, { $0.data }) {
                if data == target { return true }
                if downBuffers.insert(data), let list = state.data.read(data, { $0.fragList }) {
                    down.append(contentsOf: list)
                }
            }
            guard let d = up.popLast() else { return false }
            if upBuffers.insert(d) {
                var found = false
                state.forEachHead(of: d) { s in
                    if s == member { found = true }
                    if !found { state.forEachFragListHolder(of: s) { buffer, _ in up.append(buffer) } }
                }
                if found { return true }
            }
        }
    }

    /// `skb_cloned(skb)`: `cloned` and the lower half of `dataref` is not 1.
    func isCloned(_ id: Int) -> Bool {
        let s = skb(id)
        return s.cloned && bufferOf(id).allRefs != 1
    }

    /// Whether `skb_copy_bits(skb, offset, to, len)` would succeed, walking frags and the
    /// `frag_list` with each member's own current `len`, as the kernel does.
    func copyBitsSucceeds(_ id: Int, offset: Int, len: Int) -> Bool {
        var known = CopiedRanges()
        return copyBitsSucceeds(id, offset: offset, len: len, known: &known)
    }

    /// The byte ranges of skbs that `skb_copy_bits` was found to reach, by skb id. A pull
    /// nested in a `frag_list` member checks a part of what the pull around it checked, on
    /// members that have not changed since, so it does not walk them again.
    typealias CopiedRanges = [Int: Range<Int>]

    /// `copyBitsSucceeds`, taking as reached the ranges in `known` and adding those it finds.
    ///
    /// The kernel recurses into each member it copies from; the checks have no effect and all
    /// must pass, so they go on a work list instead, which any nesting depth fits.
    func copyBitsSucceeds(_ id: Int, offset: Int, len: Int, known: inout CopiedRanges) -> Bool {
        var work = [(id, offset, len)], checked: [(Int, Int, Int)] = []
        while let (id, offset, len) = work.popLast() {
            if len > 0, let r = known[id], r.lowerBound <= offset, offset + len <= r.upperBound { continue }
            guard copyBitsSucceeds(id, offset: offset, len: len, members: &work) else { return false }
            checked.append((id, offset, len))
        }
        for (id, offset, len) in checked where len > 0 && (known[id]?.count ?? 0) < len {
            known[id] = offset..<(offset + len)
        }
        return true
    }

    /// One skb's part of `copyBitsSucceeds`: the linear part and the frags are checked here,
    /// the check of each `frag_list` member copied from goes on `members`.
    private func copyBitsSucceeds(_ id: Int, offset: Int, len: Int, members: inout [(Int, Int, Int)]) -> Bool {
        let s = skb(id)
        var offset = offset, len = len
        if offset > s.len - len { return false }
        var start = s.headlen
        var copy = start - offset
        if copy > 0 {
            copy = min(copy, len)
            len -= copy
            if len == 0 { return true }
            offset += copy
        }
        let b = buffer(s.data)
        for f in b.frags {
            let end = start + f.size
            copy = end - offset
            if copy > 0 {
                copy = min(copy, len)
                len -= copy
                if len == 0 { return true }
                offset += copy
            }
            start = end
        }
        for m in b.fragList {
            let end = start + skb(m).len
            copy = end - offset
            if copy > 0 {
                copy = min(copy, len)
                members.append((m, offset - start, copy))
                len -= copy
                if len == 0 { return true }
                offset += copy
            }
            start = end
        }
        return len == 0
    }
}
