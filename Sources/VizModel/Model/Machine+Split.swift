extension Machine {
    /// `skb_split(s, t, len)`: everything past `len` moves from `s` into the empty skb `t`.
    mutating func skbSplit(_ id: Int, _ other: Int, len: Int) throws(KernelError) {
        let s = skb(id), t = skb(other)
        let tb = buffer(t.data)
        guard id != other else {
            throw KernelError("skb_split: skb1 must be another skb than skb (both are \(s.label)): give an empty skb of its own", argument: .skb1)
        }
        guard t.len == 0, tb.frags.isEmpty, tb.fragList.isEmpty else {
            throw KernelError("skb_split: \(t.label) must be empty (len \(t.len), nr_frags \(tb.nrFrags), \(tb.fragList.isEmpty ? "no" : "a") frag_list)", argument: .skb1)
        }
        guard t.data != s.data else {
            throw KernelError("skb_split: \(t.label) shares \(s.label)'s buffer d\(s.data)", argument: .skb1)
        }
        guard len > 0, len < s.len else {
            throw KernelError("skb_split(\(s.label), \(t.label), \(len)): len must be above 0 and below skb->len \(s.len)", argument: .len)
        }
        guard bufferOf(id).fragList.isEmpty else {
            throw KernelError("skb_split: \(s.label) has a frag_list, which skb_split does not handle")
        }
        if design.zerocopy == .refcounted {
            zerocopyClone(other, from: id, gfpZero: true)
        }
        let pos = s.headlen
        if len < pos {
            try splitInsideHeader(id, other, len: len, pos: pos)
        } else {
            splitNoHeader(id, other, len: len, pos: pos)
        }
        try refDataParent(id, child: t.data)
    }

    /// `skb_split_inside_header`: the bytes `[len, pos)` are copied into `t`, every frag moves.
    private mutating func splitInsideHeader(_ id: Int, _ other: Int, len: Int, pos: Int) throws(KernelError) {
        let s = skb(id), t = skb(other)
        begin(say("pos = headlen = \(pos); \(len) < pos: skb_split_inside_header"))
        try skbPut(other, pos - len, in: "skb_split", argument: .skb1)
        replaceText(say("skb_put(\(t.ref), \(pos - len)): copy bytes [\(len), \(pos)) of \(s.ref) into it"))
        let b = buffer(s.data)
        begin(say("move every frag descriptor to \(t.ref): nr_frags \(b.nrFrags) → 0 / 0 → \(b.nrFrags)"))
        updateBuffer(t.data) { $0.frags = b.frags.enumerated().map { $1.copied(from: b.id, slot: $0, moved: true, by: .skbSplit) } }
        updateBuffer(b.id) { $0.frags = [] }
        begin(say("\(t.ref)->data_len = \(s.dataLen), \(t.ref)->len += \(s.dataLen); \(s.ref)->data_len = 0, \(s.ref)->len = \(len), tail = data + \(len)"))
        updateSkb(other) {
            $0.dataLen = s.dataLen
            $0.len += s.dataLen
        }
        updateSkb(id) {
            $0.dataLen = 0
            $0.len = len
            $0.tailroom += $0.headlen - len
            $0.headlen = len
        }
    }

    /// `skb_split_no_header`: frags wholly after `len` move, the one straddling it is shared.
    private mutating func splitNoHeader(_ id: Int, _ other: Int, len: Int, pos: Int) {
        let s = skb(id), t = skb(other)
        begin(say("pos = headlen = \(pos) ≤ \(len): skb_split_no_header"))
        begin(say("\(t.ref)->len = \(t.ref)->data_len = \(s.len - len); \(s.ref)->len = \(len), \(s.ref)->data_len = \(len - pos)"))
        updateSkb(other) {
            $0.len = s.len - len
            $0.dataLen = s.len - len
        }
        updateSkb(id) {
            $0.len = len
            $0.dataLen = len - pos
        }
        let b = buffer(s.data)
        var kept: [Frag] = [], moved: [Frag] = []
        // What the step says of each frag, when it keeps its text.
        var notes: [String] = []
        var at = pos
        var straddler: Int?
        for (i, f) in b.frags.enumerated() {
            if at + f.size > len {
                // The frag straddling the cut is shared (get_page); the others move.
                var m = f.copied(from: b.id, slot: i, moved: at >= len, by: .skbSplit)
                if at < len {
                    m.off += len - at
                    m.size -= len - at
                    var k = f
                    k.size = len - at
                    kept.append(k)
                    straddler = f.page
                    if texts { notes.append("\(pageRef(f.page)) straddles the cut: get_page(\(pageRef(f.page))), \(s.ref) keeps \(k.size), \(t.ref) gets +\(m.off) \(m.size)") }
                } else {
                    if texts { notes.append("\(pageRef(f.page)) moves") }
                }
                moved.append(m)
            } else {
                kept.append(f)
                if texts { notes.append("\(pageRef(f.page)) stays") }
            }
            at += f.size
        }
        begin(say("frags: \(notes.joined(separator: "; "))"))
        updateBuffer(b.id) { $0.frags = kept }
        updateBuffer(t.data) { $0.frags = moved }
        if let p = straddler { getPage(p) }
    }
}
