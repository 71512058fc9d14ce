/// The objects of a state in plain ASCII, at most `width` columns: each skb, each buffer drawn
/// to scale as `[headroom|data|tailroom]` with its `skb_shared_info`, and each page with its
/// holders. Used by `skbviz run` and by the transcript a developer pastes into a mail.
public struct AsciiDrawing {
    public var width: Int

    public init(width: Int = 72) {
        self.width = width
    }

    public func lines(_ state: SkbState) -> [String] {
        var out: [String] = []
        let skbs = state.sortedSkbs
        if skbs.isEmpty && state.data.isEmpty && state.pages.isEmpty && state.listedUbufs.isEmpty {
            return ["(nothing allocated)"] + (Describe.socket(state.socket).map { [$0] } ?? [])
        }
        for s in skbs { out += wrap(Describe.skb(s, in: state)) }
        let pointers = DatarefHolders.Pointers(state)
        for b in state.sortedData {
            out.append("")
            out += buffer(b, pointers: pointers, in: state)
        }
        if !state.pages.isEmpty { out.append("") }
        for p in state.sortedPages { out += wrap(Describe.page(p, in: state)) }
        let ubufs = state.listedUbufs
        if !ubufs.isEmpty || Describe.socket(state.socket) != nil { out.append("") }
        for u in ubufs { out += wrap(Describe.ubuf(u, in: state)) }
        if let socket = Describe.socket(state.socket) { out += wrap(socket) }
        return out
    }

    private func buffer(_ b: DataBuffer, pointers: DatarefHolders.Pointers, in state: SkbState) -> [String] {
        let users = pointers.skbs(on: b.id)
        var out = ["\(b.ref)  \(b.size) B  (end - head)"]
        let barWidth = max(12, width - 12)
        for s in users {
            out.append("  " + bar(s, width: barWidth) + " \(s.ref)")
            // The bar's three lengths by the kernel's own accessors: a row of pointer names with
            // numbers between them read as offsets.
            out.append("   skb_headroom \(s.headroom)  skb_headlen \(s.headlen)  skb_tailroom \(s.tailroom)")
        }
        if users.isEmpty { out.append("  (no skb points at it: held through orig or a frag_list)") }
        if b.shinfo == .notInitialised {
            out += wrap("  shinfo: " + Describe.datarefLine(of: b))
            return out
        }
        out += wrap("  shinfo: " + Describe.datarefLine(of: b))
        let holders = DatarefHolders(of: b, in: pointers, callRunning: false)
        if let holders { out += wrap("    " + holders.text) }
        out += wrap("  nr_frags \(b.nrFrags)" + b.frags.enumerated().map { i, f in
            "  frags[\(i)] \(state.pageRef(f.page)) +\(f.off) \(f.size)" + (Describe.lineage(of: f, in: b).map { " " + $0 } ?? "")
        }.joined())
        var extra: [String] = []
        if !b.fragList.isEmpty { extra.append("frag_list " + b.fragList.map { "s\($0)" }.joined(separator: " -> ")) }
        if let o = Describe.origLine(of: b, in: state) { extra.append(o) }
        if let d = b.destructor { extra.append("shinfo->destructor \(d)") }
        if let zc = Describe.zerocopy(of: b, in: state) { extra.append(zc) }
        if !extra.isEmpty { out += wrap("  " + extra.joined(separator: "  ")) }
        if let waits = Describe.waits(b, holders: holders) { out += wrap("  " + waits) }
        return out
    }

    /// `[---|#####|.....]`: headroom, linear data and tailroom, to scale.
    private func bar(_ s: SkBuff, width: Int) -> String {
        let (h, d, t) = BufferBar(s).cells(inner: width - 4)
        return "[" + String(repeating: "-", count: h) + "|" + String(repeating: "#", count: d) + "|"
            + String(repeating: ".", count: t) + "]"
    }

    /// Breaks a long line at spaces, continuation lines indented by four.
    func wrap(_ line: String) -> [String] {
        line.wrapped(width: width, indent: 4, keepingGroups: true)
    }
}
