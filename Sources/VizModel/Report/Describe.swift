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

    /// `b s2  users 1  cloned 1 (skb_cloned() 1, skb_header_cloned() 0)  nohdr 0  len 4150 = 54
    /// linear + 4096 in frags  skb->destructor NULL  held by scenario  -> d1`
    public static func skb(_ s: SkBuff, in state: SkbState) -> String {
        let parts = ["\(s.name ?? "-") \(s.ref)", "users \(s.users)", "cloned \(s.cloned ? 1 : 0)" + predicatesText(of: s, in: state),
                     "nohdr \(s.nohdr ? 1 : 0)"]
            + [fclone(of: s, in: state)].compactMap { $0 }
            + [length(of: s, in: state), "skb->destructor \(s.destructor ?? "NULL")", holders(of: s, in: state),
               head(of: s, in: state, arrow: "->")]
        return parts.joined(separator: "  ")
    }

    /// `(was users 1, -> d1)` after a freed skb; an fclone orig freed while its companion is in
    /// use adds `; pair kept, fclone_ref 1` (the pair's memory stays).
    public static func freedSkb(_ s: SkBuff, arrow: String = "->") -> String {
        let pair = s.fclone == .orig && s.companion != nil ? "; pair kept, fclone_ref 1" : ""
        return "(was users \(s.users), \(arrow) d\(s.data)\(pair))"
    }

    /// What the kernel's `skb_cloned(skb)` and `skb_header_cloned(skb)` answer: `cloned` and a
    /// `dataref` (lower half; lower minus upper for the header) other than 1. Nil while the
    /// skb points at no counted buffer.
    public static func predicates(of s: SkBuff, in state: SkbState) -> (cloned: Bool, headerCloned: Bool)? {
        state.data[s.data].flatMap { predicates(of: s, buffer: $0) }
    }

    /// The same, `b` being the buffer `s` points at.
    static func predicates(of s: SkBuff, buffer b: DataBuffer) -> (cloned: Bool, headerCloned: Bool)? {
        guard !s.released, b.shinfo == .live else { return nil }
        let all = Int(b.allRefs), payload = Int(b.payloadRefs)
        return (s.cloned && all != 1, s.cloned && all - payload != 1)
    }

    /// ` (skb_cloned() 1, skb_header_cloned() 0)` after `cloned 1`; nothing when `cloned` is 0
    /// (both are then 0) or the buffer's `dataref` is no count yet.
    public static func predicatesText(of s: SkBuff, in state: SkbState) -> String {
        guard s.cloned, let p = predicates(of: s, in: state) else { return "" }
        return " (skb_cloned() \(p.cloned ? 1 : 0), skb_header_cloned() \(p.headerCloned ? 1 : 0))"
    }

    /// `fclone orig (fclone_ref 2)`, `fclone clone`, or for a clone whose orig is gone
    /// `fclone clone (s1 released; pair kept, fclone_ref 1)`; nil for a plain struct.
    public static func fclone(of s: SkBuff, in state: SkbState) -> String? {
        switch s.fclone {
        case .none: nil
        case .orig: "fclone orig (fclone_ref \(s.fcloneRef))"
        case .clone:
            if let o = s.pairOrig, state.skbs[o] == nil { "fclone clone (s\(o) released; pair kept, fclone_ref 1)" } else { "fclone clone" }
        }
    }

    /// `len 4150 = 54 linear + 4096 in frags`, with `+ M in frag_list` for the bytes of the
    /// list's members; in the middle of a call, where the parts do not add up yet, only what
    /// is set: `len 4150, data_len 4096`.
    public static func length(of s: SkBuff, in state: SkbState, short: Bool = false) -> String {
        guard s.data != 0, s.headlen + s.dataLen == s.len else { return "len \(s.len), data_len \(s.dataLen)" }
        guard s.dataLen > 0 else { return "len \(s.len) = \(s.headlen) linear" }
        let frags = state.data[s.data].map { $0.fragBytes } ?? 0
        let listed = s.dataLen - frags
        let hasList = !(state.data[s.data]?.fragList.isEmpty ?? true)
        var parts = ["\(s.headlen)" + (short ? "" : " linear")]
        if listed == 0 {
            parts.append("\(frags)" + (short ? "" : " in frags"))
        } else if listed > 0 && hasList {
            if frags > 0 { parts.append("\(frags)" + (short ? "" : " in frags")) }
            parts.append("\(listed)" + (short ? "" : " in frag_list"))
        } else {
            parts.append("\(s.dataLen)" + (short ? "" : " data_len"))
        }
        return "len \(s.len) = " + parts.joined(separator: short ? "+" : " + ")
    }

    /// Where `skb->head` points: `-> d1`; `-> d1 (released)` once `skb_release_data` has let the
    /// buffer go for this skb; `-> d2 (freed)` when the buffer is gone; `head (not set)` for a
    /// struct whose head the call has not set yet.
    public static func head(of s: SkBuff, in state: SkbState, arrow: String) -> String {
        guard s.data != 0 else { return "head (not set)" }
        return "\(arrow) d\(s.data)" + headState(of: s, in: state)
    }

    /// ` (freed)`, ` (released)` or nothing: what `head(of:)` adds after the buffer's name.
    public static func headState(of s: SkBuff, in state: SkbState) -> String {
        state.data[s.data] == nil ? " (freed)" : s.released ? " (released)" : ""
    }

    /// The `dataref` line of a shinfo: decoded when it counts this buffer's references, else
    /// what it is (`(not initialised)`, `(copied, not a reference)`, `(released …)`).
    public static func datarefLine(of b: DataBuffer, arrow: String = "->") -> String {
        switch b.shinfo {
        case .live: "dataref " + dataref(b.dataref, arrow: arrow)
        case .notInitialised: "(not initialised: just kmalloc'd)"
        case .copied, .datarefCopied: "dataref \(hex(b.dataref)) (copied, not a reference)"
        case .released: "dataref \(hex(b.dataref)) (released: skb_release_data frees its pages, frag_list and head)"
        }
    }

    /// `orig -> d2 -> d1`, the chain followed to its end (a cycle said once), with
    /// `(copied, not a reference)` while it is a memcpy'd value.
    public static func origLine(of b: DataBuffer, in state: SkbState, arrow: String = "->") -> String? {
        guard b.orig != nil else { return nil }
        var chain: [String] = []
        var seen: Set<Int> = [b.id]
        var next = b.orig
        while let o = next {
            chain.append("d\(o)")
            guard seen.insert(o).inserted else { chain.append("(cycle)"); break }
            next = state.data[o]?.orig
        }
        return "orig \(arrow) " + chain.joined(separator: " \(arrow) ") + (b.shinfo == .copied ? " (copied, not a reference)" : "")
    }

    /// `tun_free waits for b, d2 (and through it for c)`: what a data destructor that has not
    /// fired waits for.
    public static func waits(_ b: DataBuffer, holders: DatarefHolders?) -> String? {
        guard let fn = b.destructor, let names = holders?.waitsFor else { return nil }
        return "\(fn) waits for \(names)"
    }

    /// Where a frag slot came from, newest hand-on first: `← d1.frags[0] (get_page,
    /// skb_segment)`, at most two links then how many more (`← … (2 more)`); nil for a slot
    /// filled in place. The defaults are ASCII, as the drawing of `skbviz run` is; the viewer
    /// passes its glyph set's.
    /// `memcpyOnly`: the newest hand-on is a descriptor memcpy'd with the shinfo that has not
    /// taken its reference yet (`lineage(of:in:)`).
    public static func lineage(of f: Frag, memcpyOnly: Bool = false, arrow: String = "<-", ellipsis: String = "...") -> String? {
        guard !f.lineage.isEmpty else { return nil }
        let shown = f.lineage.handoffs(limit: 2).enumerated().map { i, l in
            "\(arrow) d\(l.buffer)" + (l.how.map { h in
                ".frags[\(h.slot)] " + (i == 0 && memcpyOnly ? "(memcpy, \(h.call.rawValue))" : h.text)
            } ?? "")
        }
        let more = f.lineage.count - shown.count
        return shown.joined(separator: " ") + (more > 0 ? " \(arrow) \(ellipsis) (\(more) more)" : "")
    }

    /// Where slot `f` of buffer `b` came from, honest in the middle of `pskb_expand_head`:
    /// between its memcpy of the shinfo and its `get_page` (in a zero-copy design, the free of
    /// the old head, which hands the references on) the slot is a copied descriptor that owns
    /// no page reference yet, so its newest hand-on reads `(memcpy, pskb_expand_head)`, not
    /// the `get_page` the next step takes.
    public static func lineage(of f: Frag, in b: DataBuffer, arrow: String = "<-", ellipsis: String = "...") -> String? {
        lineage(of: f, memcpyOnly: !f.owned && (b.shinfo == .copied || b.shinfo == .datarefCopied), arrow: arrow, ellipsis: ellipsis)
    }

    /// A frag slot a `premature_destructor` or `premature_completion` names: it still holds a
    /// page whose data destructor fired (`source` the buffer, `d1`) or whose completion ran
    /// (`source` the completion object, `u1`).
    public struct PrematureSlot: Sendable {
        public let kind: ViolationKind
        public let source: String
        /// The buffer whose slot still holds the page, and the slot.
        public let holder: String
        public let frag: Int

        /// Whether this is slot `frag` of buffer `holder`.
        public func isSlot(_ frag: Int, of holder: String) -> Bool { self.frag == frag && self.holder == holder }
    }

    /// The frag slots a step's `premature_destructor` and `premature_completion` violations name.
    public static func prematureSlots(_ violations: [Violation]) -> [PrematureSlot] {
        violations.compactMap { v in
            let sourceField: String
            switch v.kind {
            case .prematureDestructor: sourceField = "data"
            case .prematureCompletion: sourceField = "ubuf"
            default: return nil
            }
            guard case .id(let source)? = v.fields.first(where: { $0.0 == sourceField })?.1,
                  case .id(let holder)? = v.fields.first(where: { $0.0 == "holder" })?.1,
                  case .number(let frag)? = v.fields.first(where: { $0.0 == "frag" })?.1 else { return nil }
            return PrematureSlot(kind: v.kind, source: source, holder: holder, frag: frag)
        }
    }

    /// The line under a slot `prematureSlots` names: `↑ premature_destructor: d1's data
    /// destructor fired; this slot still holds its page, moved out of it by skb_split`. The
    /// violation's message says "copied" (the reference traces fix it); the slot's lineage
    /// knows whether skb_split moved it instead. A slot of a buffer whose release already put
    /// its page (the checker names every still-allocated buffer, trace-format.md: the
    /// destructor fires in the `frag_list` drop of that release) only still names the page.
    /// For a completion object: `↑ premature_completion: u1's callback ran; this slot still
    /// holds its user page, copied out of d1 by skb_segment`: the newest hand-on out of a buffer
    /// that carries the object in `state`, the violation's step, where the buffer whose release
    /// or `skb_copy_ubufs` ran the callback still has its flag. Not the slot's first hand-on:
    /// that may be a `pskb_expand_head` that moved the frag before the object was attached,
    /// out of a buffer that never carried it. Without a hand-on out of a carrier it says no
    /// more than that the slot holds the page.
    public static func prematureNote(_ slot: PrematureSlot, frag f: Frag, in state: SkbState, mark: String) -> String {
        if slot.kind == .prematureCompletion {
            let out = f.lineage.handoffs(limit: f.lineage.count).first { l in
                state.data[l.buffer].map { b in b.zc && b.ubuf.map { "u\($0)" } == slot.source } ?? false
            }
            let verb = out.flatMap { l in l.how.map { "\($0.moved ? "moved" : "copied") out of d\(l.buffer) by \($0.call.rawValue)" } }
            return "\(mark) premature_completion: \(slot.source)'s callback ran; this slot still holds its user page"
                + (verb.map { ", \($0)" } ?? "")
        }
        let how = f.lineage.all.last { "d\($0.buffer)" == slot.source }?.how
        let verb = how.map { "\($0.moved ? "moved" : "copied") out of it by \($0.call.rawValue)" }
        let holds = f.owned ? "still holds its page" : "still names its page (\(slot.holder)'s release already put its reference)"
        return "\(mark) premature_destructor: \(slot.source)'s data destructor fired; this slot \(holds)"
            + (verb.map { ", \($0)" } ?? "")
    }

    /// Who holds an skb's `users` references: the scenario, the `frag_list`s that own a
    /// link to it, by buffer (`d3's frag_list`), and the running call. A reference held by a
    /// call that has returned (a result left unbound) is leaked; while the call runs
    /// (`callRunning`) it is the call's.
    public static func holders(of s: SkBuff, in state: SkbState, callRunning: Bool = false) -> String {
        var h: [String] = []
        if s.held > 0 { h.append(s.held == 1 ? "scenario" : "scenario x\(s.held)") }
        let links = s.users - s.held - s.inFlight
        if links > 0 { h.append(lists(holding: s, links: links, in: state)) }
        if s.inFlight > 0 { h.append(s.held == 0 && links == 0 && !callRunning ? "nobody (leaked)" : "the running call") }
        return "held by " + (h.isEmpty ? "nobody" : h.joined(separator: ", "))
    }

    /// `d3's frag_list`, `the frag_lists of d3 and d4`: the buffers whose `frag_list` owns the
    /// `links` references of `s` that are neither the scenario's nor the running call's. In
    /// the middle of a call, where the lists do not account for them yet (`pskb_expand_head`
    /// between its memcpy and `skb_clone_fraglist`), only how many: `a frag_list`, `2 frag_lists`.
    static func lists(holding s: SkBuff, links: Int, in state: SkbState) -> String {
        var buffers: [String] = [], owned = 0
        for (buffer, times) in state.fragListHolders(of: s.id) where state.data[buffer]?.fragListOwned == true {
            buffers.append("d\(buffer)")
            owned += times
        }
        guard owned == links, !buffers.isEmpty else { return links == 1 ? "a frag_list" : "\(links) frag_lists" }
        return fragLists(of: buffers)
    }

    /// `d1's frag_list`, `the frag_lists of d1 and d3`: the lists of these buffers (one or more),
    /// as the skb rows and the run's messages name where an skb is.
    static func fragLists(of buffers: [String]) -> String {
        buffers.count == 1 ? "\(buffers[0])'s frag_list" : "the frag_lists of \(buffers.listed)"
    }

    /// `p1  count 2  held by d1 frags[0], d2 frags[0], scenario`; a kernel page adds `<- copy of
    /// p1` after its count. ASCII, for the drawing of `skbviz run`.
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
