/// The zero-copy designs' objects in the kernel's words (model-later.md §2), shared by the
/// ASCII drawing, the viewer's objects pane and the pictures.
extension Describe {
    /// `zc  ubuf u1 (msg, refcnt 2)`: a buffer's zero-copy flag and the completion object its
    /// `destructor_arg` points at; nil for a buffer without the flag.
    public static func zerocopy(of b: DataBuffer, in state: SkbState) -> String? {
        guard b.zc else { return nil }
        let object = b.ubuf.flatMap { state.ubufs[$0] }.map(\.label) ?? b.ubuf.map { "u\($0)" } ?? "?"
        return "zc  ubuf \(object)"
    }

    /// `u1  msg sock_zerocopy_callback  refcnt 2  id 0  zerocopy 1  not completed  carried by d1, d2`
    public static func ubuf(_ u: UbufInfo, in state: SkbState) -> String {
        var parts = ["\(u.ref)  \(u.kind.rawValue) \(u.fn)"]
        switch u.kind {
        case .ubuf: parts.append("no refcount")
        case .msg: parts.append("refcnt \(u.refcnt ?? 0)")
        case .legacy: parts.append("refcnt \(u.refcnt ?? 0) (unused)")
        }
        if let lo = u.lo { parts.append("id \(lo)  zerocopy \(u.zerocopy == false ? 0 : 1)") }
        parts.append(u.completions == 0 ? "not completed" : u.completions == 1 ? "completed" : "completed \(u.completions) times")
        let carriers = state.sortedData.filter { $0.zc && $0.ubuf == u.id }.map(\.ref)
        parts.append(carriers.isEmpty ? "carried by no buffer" : "carried by " + carriers.joined(separator: ", "))
        return parts.joined(separator: "  ")
    }

    /// `sk_error_queue [0..1] [2..2] copied  (sk_zckey 3)`: the MSG_ZEROCOPY socket, nil while
    /// no send was made.
    public static func socket(_ s: ZerocopySocket) -> String? {
        guard s.zckey > 0 || !s.errqueue.isEmpty else { return nil }
        let queue = s.errqueue.isEmpty ? "(empty)" : s.errqueue.map(\.label).joined(separator: " ")
        return "sk_error_queue \(queue)  (sk_zckey \(s.zckey))"
    }

    /// `← copy of p1`: how a page `skb_copy_ubufs` allocated is told apart from a user page,
    /// with the user pages whose bytes it holds.
    public static func kernelPage(_ p: Page, in state: SkbState) -> String? {
        guard p.kernel != nil else { return nil }
        return p.copyOf.isEmpty ? "the kernel's copy" : "← copy of " + p.copyOf.map(state.pageRef).joined(separator: ", ")
    }
}
