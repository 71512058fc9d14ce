/// The three regions of a buffer bar, `[headroom|data|tailroom]`, to scale: shared by the
/// viewer's objects pane and the plain-ASCII drawing.
public struct BufferBar: Hashable, Sendable {
    public var headroom: Int
    public var headlen: Int
    public var tailroom: Int

    public init(headroom: Int, headlen: Int, tailroom: Int) {
        self.headroom = headroom
        self.headlen = headlen
        self.tailroom = tailroom
    }

    public init(_ skb: SkBuff) {
        self.init(headroom: skb.headroom, headlen: skb.headlen, tailroom: skb.tailroom)
    }

    /// Cells for headroom, data and tailroom out of `inner`, each non-empty region at least one;
    /// all three 0 for a buffer of 0 bytes (`skb_segment` with no header and no headroom),
    /// whose bar is empty (`[]` on screen, `[||]` in ASCII) rather than drawn as tailroom.
    public func cells(inner: Int) -> (headroom: Int, data: Int, tailroom: Int) {
        guard headroom + headlen + tailroom > 0 else { return (0, 0, 0) }
        let total = headroom + headlen + tailroom
        func n(_ v: Int) -> Int { v == 0 ? 0 : max(1, v * inner / total) }
        var h = n(headroom), d = n(headlen), t = n(tailroom)
        while h + d + t > inner {
            if t >= d && t >= h && t > 1 { t -= 1 } else if d >= h && d > 1 { d -= 1 } else if h > 1 { h -= 1 } else { break }
        }
        let rest = inner - (h + d + t)
        if tailroom > 0 { t += rest } else if headlen > 0 { d += rest } else { h += rest }
        return (h, d, t)
    }
}
