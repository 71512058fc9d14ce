extension Machine {
    /// `pskb_trim(s, len)`: cuts `s` to `len` bytes, dropping the frags and `frag_list`
    /// members past the cut (`__pskb_trim` → `___pskb_trim` for a nonlinear skb).
    ///
    /// The kernel recurses into the member holding the cut; here the trims waiting for their
    /// member's are a work list, so that any nesting depth fits.
    mutating func pskbTrim(_ id: Int, _ len: Int) throws(KernelError) {
        var rest: [TrimRest] = []
        var next: (id: Int, len: Int)? = (id, len)
        while true {
            if let trim = next {
                next = try trimStart(trim.id, trim.len, &rest)
            } else if let waiting = rest.popLast() {
                ascend()
                if waiting.index + 1 < buffer(waiting.data).fragList.count {
                    dropList(of: waiting.data, from: waiting.index + 1)
                }
                trimEnd(waiting.id, waiting.len)
            } else {
                return
            }
        }
    }

    /// A trim waiting for the nested trim of the member at `index` of buffer `data`'s
    /// `frag_list`: then the members after it are dropped and skb `id` is cut to `len`.
    private struct TrimRest {
        var id: Int
        var len: Int
        var data: Int
        var index: Int
    }

    /// Runs `pskb_trim(id, len)` up to the nested trim of the member holding the cut, which it
    /// returns (one level deeper); what it does after that goes on `rest`.
    private mutating func trimStart(_ id: Int, _ len: Int, _ rest: inout [TrimRest]) throws(KernelError) -> (id: Int, len: Int)? {
        let s = skb(id)
        if len >= s.len {
            begin(say("pskb_trim(\(s.ref), \(len)): \(len) ≥ skb->len \(s.len): nothing to trim"))
            return nil
        }
        if s.dataLen == 0 {
            begin(say("__skb_trim(\(s.ref), \(len)): linear: skb->len = \(len), tail = data + \(len)"))
            updateSkb(id) {
                $0.tailroom += $0.headlen - len
                $0.headlen = len
                $0.len = len
            }
            return nil
        }
        if isCloned(id) {
            begin(say("___pskb_trim(\(s.ref), \(len)): skb_cloned: pskb_expand_head(\(s.ref), 0, 0)"))
            try nested { (m: inout Machine) throws(KernelError) in
                try m.pskbExpandHead(id, nhead: 0, ntail: 0, caller: Caller(function: "___pskb_trim", argument: nil, limitArgument: nil))
            }
        }
        let d = skb(id).data
        let frags = buffer(d).frags
        var offset = skb(id).headlen
        var keep: Int?
        if offset >= len {
            keep = 0
        } else {
            for (i, f) in frags.enumerated() {
                let end = offset + f.size
                if end < len {
                    offset = end
                    continue
                }
                keep = i + 1
                break
            }
        }
        if let keep {
            dropPages(id, keep: keep, cutAt: len - offset)
        } else if let (index, member, memberOffset) = try trimFragList(id, len: len, offset: offset) {
            begin(say("frag_list: s\(member) holds the cut: pskb_trim(s\(member), \(len) - \(memberOffset) = \(len - memberOffset))"))
            descend()
            rest.append(TrimRest(id: id, len: len, data: d, index: index))
            return (member, len - memberOffset)
        }
        trimEnd(id, len)
        return nil
    }

    /// The last step of `___pskb_trim`: `len` and `data_len` (or the tail) after the cut.
    private mutating func trimEnd(_ id: Int, _ len: Int) {
        let t = skb(id)
        if len > t.headlen {
            begin(say("skb->data_len -= \(t.len) - \(len), skb->len = \(len): data_len \(t.dataLen - (t.len - len))"))
            updateSkb(id) {
                $0.dataLen -= $0.len - len
                $0.len = len
            }
        } else {
            begin(say("skb->len = \(len), skb->data_len = 0, tail = data + \(len)"))
            updateSkb(id) {
                $0.tailroom += $0.headlen - len
                $0.headlen = len
                $0.len = len
                $0.dataLen = 0
            }
        }
    }

    /// The cut falls in the linear part or in a frag: keep `keep` frags (the last one ending at
    /// the cut), `put_page` the later ones, drop the whole `frag_list`.
    private mutating func dropPages(_ id: Int, keep: Int, cutAt size: Int) {
        let d = skb(id).data
        let frags = buffer(d).frags
        if keep > 0 {
            let last = frags[keep - 1]
            if last.size != size {
                begin(say("frags[\(keep - 1)].size = \(size) (\(pageRef(last.page)) cut at the trim point); nr_frags = \(keep)"))
            } else {
                begin(say("frags[\(keep - 1)] ends at the trim point: nr_frags = \(keep)"))
            }
            updateBuffer(d) { $0.frags[keep - 1].size = size }
        } else {
            begin(say("the cut falls in the linear part: drop_pages: nr_frags = 0"))
        }
        if keep < frags.count {
            let later = frags[keep...]
            begin(say("drop_pages: put_page each later frag: \(puts(later))"))
            updateBuffer(d) { $0.frags.removeSubrange(keep...) }
            for f in later { putPage(f.page) }
        }
        if !buffer(d).fragList.isEmpty {
            dropList(of: d, from: 0)
        }
    }

    /// The cut falls in the `frag_list`: walk it, replacing shared members by clones, and drop
    /// the members after the one ending at the cut. A member the cut falls inside is returned
    /// (its index, its id and the offset it starts at) for the caller to trim and then drop the
    /// members after it.
    private mutating func trimFragList(_ id: Int, len: Int, offset start: Int) throws(KernelError) -> (index: Int, member: Int, offset: Int)? {
        let d = skb(id).data
        var offset = start
        var index = 0
        while index < buffer(d).fragList.count {
            let list = buffer(d).fragList
            var member = list[list.startIndex + index]
            let end = offset + skb(member).len
            if skb(member).isShared {
                let m = skb(member)
                begin(say("frag_list: \(m.label) is shared (users \(m.users)): nfrag = skb_clone(\(m.ref))"))
                let c = try nested { (mm: inout Machine) throws(KernelError) in try mm.skbClone(member, for: "___pskb_trim") }
                begin(say("replace \(m.ref) by s\(c) in the list; kfree_skb(\(m.ref))"))
                updateBuffer(d) { $0.fragList[$0.fragList.startIndex + index] = c }
                updateSkb(c) { $0.inFlight -= 1 }
                updateSkb(member) { $0.inFlight += 1 }
                let old = member
                nested { (mm: inout Machine) in mm.kfreeSkb(old) }
                member = c
            }
            if end < len {
                begin(say("frag_list: s\(member) ends at \(end) < \(len): keep it"))
                offset = end
                index += 1
                continue
            }
            if end > len {
                return (index, member, offset)
            }
            if index + 1 < buffer(d).fragList.count {
                dropList(of: d, from: index + 1)
            }
            return nil
        }
        return nil
    }
}
