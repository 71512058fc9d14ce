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

    /// `head`, `data`, `tail` and `end` with their byte offsets in the buffer.
    var marks: [(name: String, offset: Int)] {
        [("head", 0), ("data", headroom), ("tail", headroom + headlen), ("end", headroom + headlen + tailroom)]
    }

    /// The names of a bar's marks placed along its edge, for the objects pane (cells) and the
    /// pictures (pixels). Names at one byte offset join (`head/data`: no headroom); a name
    /// that would run into the one before it goes `gap` past that one (`tail end` over a
    /// tailroom one cell wide), so that `/` always means the same byte.
    static func markNames<X: Comparable & AdditiveArithmetic>(_ marks: [(name: String, offset: Int, at: X)],
                                                              width: (String) -> X, gap: X) -> [(name: String, at: X)] {
        var pieces: [(name: String, offset: Int, at: X)] = []
        for mark in marks {
            if let last = pieces.last, mark.offset == last.offset {
                pieces[pieces.count - 1].name += "/" + mark.name
            } else {
                let free = pieces.last.map { $0.at + width($0.name) + gap } ?? mark.at
                pieces.append((mark.name, mark.offset, max(mark.at, free)))
            }
        }
        return pieces.map { ($0.name, $0.at) }
    }
}
