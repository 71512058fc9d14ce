/// The zero-copy designs' objects in the kernel's words (model-later.md §2), shared by the
/// ASCII drawing, the viewer's objects pane and the pictures.
extension Describe {
    /// `zc  ubuf u1 (msg, refcnt 2)`: a buffer's zero-copy flag and the completion object its
    /// `destructor_arg` points at; nil for a buffer without the flag.
    public static func zerocopy(of b: DataBuffer, in state: SkbState) -> String? {
        guard b.zc else { return nil }
        let object = b.ubuf.flatMap { state.ubufs[$0] }.map { u in
            let l = ubufLabel(u)
            return l.head + (l.refcnt ?? "") + l.tail
        } ?? b.ubuf.map { "u\($0)" } ?? "?"
        return "zc  ubuf \(object)"
    }

    /// `u1 (msg, refcnt 2)`, `u1 (legacy, refcnt 2, unused)` or `u1 (ubuf)`: how a buffer's line
    /// names its completion object, cut around the count so that the viewer can mark it. A
    /// legacy object's count says so, as its own line does: 4.14 increments it in
    /// `skb_zcopy_set` and `pskb_expand_head` but `skb_zcopy_clear` never puts it, so each
    /// carrier's release calls back whatever it is.
    public static func ubufLabel(_ u: UbufInfo) -> (head: String, refcnt: String?, tail: String) {
        switch u.kind {
        case .ubuf: ("\(u.ref) (ubuf)", nil, "")
        case .msg: ("\(u.ref) (msg, refcnt ", "\(u.refcnt ?? 0)", ")")
        case .legacy: ("\(u.ref) (legacy, refcnt ", "\(u.refcnt ?? 0)", ", unused)")
        }
    }

    /// One part of a completion object's line: the words before its value, the value, the
    /// words after it, and what a step changes to change it (the screens mark it then).
    public struct UbufPart: Sendable {
        public enum Source: Sendable {
            case fixed
            case field(UbufInfo.Field)
            /// The buffers that carry the object.
            case carriers
        }

        public var label = ""
        public var value: String
        public var suffix = ""
        public var source: Source = .fixed

        public var text: String { label + value + suffix }
    }

    /// The parts of a completion object's line after its name, in order; the one wording the
    /// drawings and the viewer's objects pane share.
    public static func ubufParts(_ u: UbufInfo, in state: SkbState) -> [UbufPart] {
        var parts = [UbufPart(value: "\(u.kind.rawValue) \(u.fn)")]
        switch u.kind {
        case .ubuf: parts.append(UbufPart(value: "no refcount"))
        case .msg: parts.append(UbufPart(label: "refcnt ", value: "\(u.refcnt ?? 0)", source: .field(.refcnt)))
        case .legacy: parts.append(UbufPart(label: "refcnt ", value: "\(u.refcnt ?? 0)", suffix: " (unused)", source: .field(.refcnt)))
        }
        if let lo = u.lo {
            parts.append(UbufPart(label: "id ", value: "\(lo)", source: .field(.lo)))
            parts.append(UbufPart(label: "zerocopy ", value: u.zerocopy == false ? "0" : "1", source: .field(.zerocopy)))
        }
        let n = u.completions
        parts.append(UbufPart(value: n == 0 ? "not completed" : n == 1 ? "completed" : "completed \(n) times", source: .field(.completions)))
        let carrying = state.sortedData.filter { $0.zc && $0.ubuf == u.id }
        let account = refcntAccount(of: u, carrying: carrying)
        let carriers = carrying.map { b in
            let skbs = state.sortedSkbs.filter { $0.data == b.id && !$0.released }.map { $0.name ?? $0.ref }
            return b.ref + (skbs.isEmpty ? "" : " (" + skbs.joined(separator: ", ") + ")")
                + (account.memcpyd.contains(b.id) ? " (memcpy'd, no reference yet)" : "")
        }
        parts.append(UbufPart(value: (carriers.isEmpty ? "carried by no buffer" : "carried by " + carriers.joined(separator: ", "))
                                  + account.note,
                              source: .carriers))
        return parts
    }

    /// How a MSG_ZEROCOPY object's count stands against the buffers that carry its flag in the
    /// middle of a call (at its end they are equal: the checker's invariant), so that its
    /// holders add up as those of `dataref` do:
    /// - a head `pskb_expand_head` has just memcpy'd carries the flag before it holds a
    ///   reference (the cloned path's `refcount_inc` comes later; otherwise the old head's free
    ///   hands the reference on): `d2 (memcpy'd, no reference yet)`;
    /// - the send's own reference, from `sock_zerocopy_alloc` to the `sock_zerocopy_put` at its
    ///   end (model-later.md §3): `; 1 more held by the running call`;
    /// - a carrier's reference that `skb_zcopy_clear` has put, one step before it clears the
    ///   flag: `; 1 reference already put (skb_zcopy_clear clears the flag next)`.
    /// A legacy or 3.1 object has no count that a holder takes: nothing is said.
    static func refcntAccount(of u: UbufInfo, carrying: [DataBuffer]) -> (memcpyd: Set<Int>, note: String) {
        guard u.kind == .msg, let refcnt = u.refcnt else { return ([], "") }
        let copied = carrying.filter { $0.shinfo == .copied || $0.shinfo == .datarefCopied }
        let memcpyd = Set(copied.prefix(max(0, carrying.count - refcnt)).map(\.id))
        let counted = carrying.count - memcpyd.count
        if refcnt > counted { return (memcpyd, "; \(refcnt - counted) more held by the running call") }
        if refcnt < counted {
            let n = counted - refcnt
            return (memcpyd, "; \(n) reference\(n == 1 ? "" : "s") already put (skb_zcopy_clear clears the flag\(n == 1 ? "" : "s") next)")
        }
        return (memcpyd, "")
    }

    /// `u1  msg sock_zerocopy_callback  refcnt 2  id 0  zerocopy 1  not completed  carried by
    /// d1 (b), d2 (a)`: each carrier with the skbs on it, whose release lets it go.
    public static func ubuf(_ u: UbufInfo, in state: SkbState) -> String {
        ([u.ref] + ubufParts(u, in: state).map(\.text)).joined(separator: "  ")
    }

    /// `sk_error_queue [0..1] [2..2] copied  (sk_zckey 3)`: the MSG_ZEROCOPY socket, nil while
    /// no send was made.
    public static func socket(_ s: ZerocopySocket) -> String? {
        guard s.zckey > 0 || !s.errqueue.isEmpty else { return nil }
        let queue = s.errqueue.isEmpty ? "(empty)" : s.errqueue.map(\.label).joined(separator: " ")
        return "sk_error_queue \(queue)  (sk_zckey \(s.zckey))"
    }

    /// `<- copy of p1`: how a page `skb_copy_ubufs` allocated is told apart from a user page,
    /// with the user pages whose bytes it holds. `arrow` as `lineage(of:)` takes it (the
    /// viewer and the pictures pass `←`), so that one drawing does not mix the two.
    public static func kernelPage(_ p: Page, in state: SkbState, arrow: String = "<-") -> String? {
        guard p.kernel != nil, !p.copyOf.isEmpty else { return nil }
        return "\(arrow) copy of " + p.copyOf.map(state.pageRef).joined(separator: ", ")
    }
}
