extension Machine {
    /// `skb_segment(s, mss, doffset)` with scatter-gather: the `doffset` bytes before `data`
    /// are the headers; each segment gets a copy of them and at most `mss` bytes of payload,
    /// cut from the linear part and the frags (2.6.28 never looks at the `frag_list`).
    mutating func skbSegment(_ id: Int, mss: Int, doffset: Int) throws(KernelError) -> [Int] {
        let s = skb(id)
        guard mss > 0 else {
            throw KernelError("skb_segment(\(s.label)): mss must be above 0", argument: .mss)
        }
        guard doffset <= s.headroom else {
            throw KernelError("skb_segment(\(s.label)): doffset \(doffset) is more than the headroom \(s.headroom): the headers must lie before data", argument: .doffset)
        }
        let b = buffer(s.data)
        guard s.len <= s.headlen + b.fragBytes else {
            throw KernelError("BUG: BUG_ON(i >= nfrags) in skb_segment: \(s.len - s.headlen - b.fragBytes) bytes of \(s.label) lie beyond its page frags (frag_list)")
        }
        let count = s.len == 0 ? 1 : (s.len + mss - 1) / mss
        guard count <= Kernel.maxSegments else {
            throw KernelError("skb_segment(\(s.label)): \(count) segments is above the model's limit of \(Kernel.maxSegments)")
        }
        begin(say("__skb_push(\(s.ref), \(doffset)): the headers back in front: headroom \(s.headroom - doffset), len \(s.len + doffset)"))
        updateSkb(id) {
            $0.headroom -= doffset
            $0.headlen += doffset
            $0.len += doffset
        }
        let p = skb(id)
        let headroom = p.headroom
        var segments: [Int] = []
        var offset = doffset
        var i = 0, pos = p.headlen
        repeat {
            let seglen = min(mss, p.len - offset)
            let hsize = min(max(p.headlen - offset, 0), seglen)
            let size = hsize + doffset + headroom
            begin(say("segment \(segments.count): offset \(offset), len \(seglen), hsize \(hsize): nskb = alloc_skb(\(hsize) + \(doffset) + \(headroom) = \(size)): s\(state.counters.lastSkb + 1), d\(state.counters.lastData + 1); skb_reserve(nskb, \(headroom))"))
            let n = allocInline(size: size)
            let nd = skb(n).data
            let aligned = buffer(nd).size
            updateSkb(n) {
                $0.headroom = headroom
                $0.tailroom = aligned - headroom
                $0.truesize = aligned
            }
            let refcounted = design.zerocopy == .refcounted
            if refcounted && seglen > 0 { zerocopyClone(n, from: id) }
            var frags: [Frag] = []
            while pos < offset + seglen {
                if refcounted { try orphanFrags(id, for: "skb_segment") }
                var f = buffer(b.id).frags[i].copied(from: b.id, slot: i, by: .skbSegment)
                let fsize = f.size
                if pos < offset {
                    f.off += offset - pos
                    f.size -= offset - pos
                }
                if pos + fsize <= offset + seglen {
                    i += 1
                    pos += fsize
                    frags.append(f)
                } else {
                    f.size -= pos + fsize - (offset + seglen)
                    frags.append(f)
                    break
                }
            }
            begin(say("copy \(doffset) header bytes and \(hsize) payload bytes\(frags.isEmpty ? "" : "; frags \(frags.map { "\(pageRef($0.page)) +\($0.off) \($0.size)" }.joined(separator: ", ")) with get_page each"); data_len = \(seglen - hsize)"))
            updateSkb(n) {
                $0.headlen = doffset + hsize
                $0.tailroom -= doffset + hsize
                $0.dataLen = seglen - hsize
                $0.len = doffset + seglen
                $0.truesize += seglen - hsize
            }
            updateBuffer(nd) { $0.frags = frags }
            for f in frags { getPage(f.page) }
            try refDataParent(id, child: nd)
            segments.append(n)
            offset += seglen
        } while offset < p.len
        begin(say("return segs: \(segments.map { "s\($0)" }.joined(separator: ", ")) (\(s.ref) keeps its headers pushed)"))
        return segments
    }
}
