/// The buffers a frag reference was copied or moved out of, oldest first: the checker's
/// evidence for a premature data destructor.
///
/// A shared list, newest link first: handing a frag on adds one link in front of the lineage
/// it came with instead of copying it, so each `pskb_expand_head` of an `orig` chain costs one
/// link, not the chain's length.
public struct Lineage: Hashable, Sendable {
    private var newest: Link?

    public init() {}

    /// The lineage of `buffers`, oldest first.
    public init(_ buffers: [Int]) {
        for b in buffers { append(b) }
    }

    public var isEmpty: Bool { newest == nil }
    public var count: Int { newest?.count ?? 0 }

    /// The buffers, oldest first.
    public var buffers: [Int] {
        var all: [Int] = []
        all.reserveCapacity(count)
        var link = newest
        while let l = link {
            all.append(l.buffer)
            link = l.parent
        }
        return all.reversed()
    }

    /// One more buffer the frag was handed on from; `how`, when known, says from which slot of
    /// it and by which call.
    public mutating func append(_ buffer: Int, _ how: Handoff? = nil) {
        newest = Link(buffer: buffer, how: how, parent: newest)
    }

    /// The hand-ons, newest first (at most `limit`): what the screen says of a frag slot.
    public func handoffs(limit: Int) -> [(buffer: Int, how: Handoff?)] {
        var out: [(buffer: Int, how: Handoff?)] = []
        var link = newest
        while let l = link, out.count < limit {
            out.append((l.buffer, l.how))
            link = l.parent
        }
        return out
    }

    /// The hand-ons, oldest first, as the history stores them.
    public var all: [(buffer: Int, how: Handoff?)] { handoffs(limit: count).reversed() }

    /// How a frag descriptor was handed on: out of which slot of the buffer, whether the slot
    /// moved (the source lost it, `skb_split`) or was copied with its own page reference
    /// (`get_page`), and by which kernel call. Display only: lineages compare by buffers.
    public struct Handoff: Hashable, Sendable {
        public var slot: Int
        public var moved: Bool
        public var call: Call

        public init(slot: Int, moved: Bool, call: Call) {
            self.slot = slot
            self.moved = moved
            self.call = call
        }

        /// The calls that hand frag descriptors on from one buffer to another.
        public enum Call: String, CaseIterable, Sendable {
            case pskbCopy = "pskb_copy"
            case pskbExpandHead = "pskb_expand_head"
            case skbSegment = "skb_segment"
            case skbSplit = "skb_split"
        }

        /// `(get_page, skb_segment)` or `(moved, skb_split)`.
        public var text: String { "(\(moved ? "moved" : "get_page"), \(call.rawValue))" }
    }

    public func contains(_ buffer: Int) -> Bool {
        var link = newest
        while let l = link {
            if l.buffer == buffer { return true }
            link = l.parent
        }
        return false
    }

    /// Calls `body` with each buffer, newest first, building no array: `StateCode` reads the
    /// lineage of every frag of every state `explore` reaches.
    func forEachNewestFirst(_ body: (Int) -> Void) {
        var link = newest
        while let l = link {
            body(l.buffer)
            link = l.parent
        }
    }

    public static func == (a: Lineage, b: Lineage) -> Bool {
        guard a.count == b.count else { return false }
        var x = a.newest, y = b.newest
        while let l = x, let m = y, l !== m {
            if l.buffer != m.buffer { return false }
            x = l.parent
            y = m.parent
        }
        return true
    }

    public func hash(into h: inout Hasher) {
        h.combine(count)
        h.combine(newest?.buffer)
    }

    /// One buffer of a lineage and the lineage before it.
    ///
    /// `@unchecked Sendable`: `parent` is set once, at init; only `deinit` clears it, when no
    /// one else can see the link.
    private final class Link: @unchecked Sendable {
        let buffer: Int
        let how: Handoff?
        /// How many buffers the lineage has up to this link.
        let count: Int
        var parent: Link?

        init(buffer: Int, how: Handoff?, parent: Link?) {
            self.buffer = buffer
            self.how = how
            self.count = (parent?.count ?? 0) + 1
            self.parent = parent
        }

        /// Frees the links only this one held one at a time: releasing a long chain
        /// link by link would recurse as deep as it is long.
        deinit {
            var next = parent
            parent = nil
            while isKnownUniquelyReferenced(&next), let link = next {
                next = link.parent
                link.parent = nil
            }
        }
    }
}
