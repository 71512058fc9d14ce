/// One-line descriptions in the kernel's words, shared by the walk, the drawings and the viewer.
public enum Describe {
    /// `0x00010002 = 2 refs, 1 payload-only -> 1 header ref`: never a bare number.
    public static func dataref(_ v: UInt32, arrow: String = "->") -> String {
        let all = Int(v & Kernel.datarefMask), payload = Int(v >> Kernel.datarefShift)
        var s = "\(hex(v)) = \(all) ref\(all == 1 ? "" : "s")"
        if payload > 0 {
            let header = all - payload
            s += ", \(payload) payload-only \(arrow) \(header) header ref\(header == 1 ? "" : "s")"
        }
        return s
    }

    /// `a s1  users 1  cloned 0  nohdr 0  fclone orig (fclone_ref 2)  len 4150 = 54 + 4096 paged  -> d2`
    public static func skb(_ s: SkBuff) -> String {
        var parts = ["\(s.name ?? "-") \(s.ref)", "users \(s.users)", "cloned \(s.cloned ? 1 : 0)", "nohdr \(s.nohdr ? 1 : 0)"]
        switch s.fclone {
        case .none: break
        case .orig: parts.append("fclone orig (fclone_ref \(s.fcloneRef))")
        case .clone: parts.append("fclone clone")
        }
        parts.append("len \(s.len) = \(s.headlen) linear + \(s.dataLen) paged")
        if let d = s.destructor { parts.append("destructor \(d)") }
        parts.append(holders(of: s))
        parts.append(s.data == 0 ? "head (not set)" : "-> d\(s.data)")
        return parts.joined(separator: "  ")
    }

    /// Who holds an skb's `users` references. A reference held by a call that has returned
    /// (a result left unbound) is leaked; while the call runs (`callRunning`) it is the call's.
    public static func holders(of s: SkBuff, callRunning: Bool = false) -> String {
        var h: [String] = []
        if s.held > 0 { h.append(s.held == 1 ? "scenario" : "scenario x\(s.held)") }
        let links = s.users - s.held - s.inFlight
        if links > 0 { h.append(links == 1 ? "a frag_list" : "\(links) frag_lists") }
        if s.inFlight > 0 { h.append(s.held == 0 && links == 0 && !callRunning ? "nobody (leaked)" : "the running call") }
        return "held by " + (h.isEmpty ? "nobody" : h.joined(separator: ", "))
    }

    /// `p1  count 2  held by d1 frags[0], d2 frags[0], scenario`
    public static func page(_ p: Page, in state: SkbState) -> String {
        "\(state.pageRef(p.id))  count \(p.count)  " + (kernelPage(p, in: state).map { $0 + "  " } ?? "")
            + holders(of: p, slots: pageSlots(in: state)[p.id] ?? [])
    }

    /// The frag slots that own a reference on each page id (`d1 frags[0]`), buffers in id order.
    /// A slot between `pskb_expand_head`'s memcpy and its `get_page`, or after its buffer's
    /// release put the page, owns none.
    public static func pageSlots(in state: SkbState) -> [Int: [String]] {
        var slots: [Int: [String]] = [:]
        for b in state.sortedData {
            for (i, f) in b.frags.enumerated() where f.owned { slots[f.page, default: []].append("\(b.ref) frags[\(i)]") }
        }
        return slots
    }

    /// Who holds a page's references: its frag `slots`, then the scenario.
    public static func holders(of p: Page, slots: [String]) -> String {
        var h = slots
        if p.held > 0 { h.append(p.held == 1 ? "scenario" : "scenario x\(p.held)") }
        if p.inFlight > 0 { h.append("the running call") }
        return "held by " + (h.isEmpty ? "nobody" : h.joined(separator: ", "))
    }
}
