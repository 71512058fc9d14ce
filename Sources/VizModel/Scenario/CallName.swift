/// Every call of the scenario language, by its kernel name.
public enum CallName: String, CaseIterable, Sendable {
    case allocSkb = "alloc_skb"
    case allocSkbFclone = "alloc_skb_fclone"
    case skbReserve = "skb_reserve"
    case skbPut = "skb_put"
    case skbPush = "skb_push"
    case skbPull = "skb_pull"
    case allocPage = "alloc_page"
    case getPage = "get_page"
    case putPage = "put_page"
    case skbAddRxFrag = "skb_add_rx_frag"
    case skbFragListAdd = "skb_frag_list_add"
    case skbSetOwnerW = "skb_set_owner_w"
    case skbOrphan = "skb_orphan"
    case setDataDestructor = "set_data_destructor"
    case skbClone = "skb_clone"
    case skbCopy = "skb_copy"
    case pskbCopy = "pskb_copy"
    case skbGet = "skb_get"
    case kfreeSkb = "kfree_skb"
    case skbHeaderRelease = "skb_header_release"
    case pskbExpandHead = "pskb_expand_head"
    case pskbPullTail = "__pskb_pull_tail"
    case pskbMayPull = "pskb_may_pull"
    case pskbPull = "pskb_pull"
    case skbLinearize = "skb_linearize"
    case pskbTrim = "pskb_trim"
    case skbSplit = "skb_split"
    case skbSegment = "skb_segment"
}

/// What an argument of a call must be.
public enum ArgumentKind: Sendable, Hashable {
    case skb
    case page
    /// A non-negative integer.
    case count
    /// An integer that may be negative (checked at run time).
    case signed
    /// A plain identifier naming a function.
    case function
}

/// What a call gives back to bind.
public enum ReturnKind: Sendable, Hashable {
    case nothing
    case skb
    case page
    /// `skb_segment`'s list of segments.
    case list
}

extension CallName {
    /// The parameter names, as the kernel writes them.
    public var parameters: [(name: String, kind: ArgumentKind)] {
        Self.parameterTable[self]!
    }

    private static let parameterTable: [CallName: [(name: String, kind: ArgumentKind)]] =
        Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.declaredParameters) })

    private var declaredParameters: [(name: String, kind: ArgumentKind)] {
        switch self {
        case .allocSkb, .allocSkbFclone: [("size", .count)]
        case .skbReserve, .skbPut, .skbPush, .skbPull: [("skb", .skb), ("len", .count)]
        case .allocPage: []
        case .getPage, .putPage: [("page", .page)]
        case .skbAddRxFrag: [("skb", .skb), ("i", .count), ("page", .page), ("off", .count), ("size", .count)]
        case .skbFragListAdd: [("skb", .skb), ("t", .skb)]
        case .skbSetOwnerW, .skbOrphan, .skbClone, .skbCopy, .pskbCopy, .skbGet, .kfreeSkb,
             .skbHeaderRelease, .skbLinearize: [("skb", .skb)]
        case .setDataDestructor: [("skb", .skb), ("fn", .function)]
        case .pskbExpandHead: [("skb", .skb), ("nhead", .signed), ("ntail", .signed)]
        case .pskbPullTail: [("skb", .skb), ("delta", .count)]
        case .pskbMayPull, .pskbPull, .pskbTrim: [("skb", .skb), ("len", .count)]
        case .skbSplit: [("skb", .skb), ("skb1", .skb), ("len", .count)]
        case .skbSegment: [("skb", .skb), ("mss", .count), ("doffset", .count)]
        }
    }

    public var returns: ReturnKind {
        switch self {
        case .allocSkb, .allocSkbFclone, .skbClone, .skbCopy, .pskbCopy: .skb
        case .allocPage: .page
        case .skbSegment: .list
        default: .nothing
        }
    }

    /// One line on what the call does, for the README, `--help` and the viewer's completion.
    public var summary: String {
        switch self {
        case .allocSkb: "new skb with a new data buffer of SKB_DATA_ALIGN(size) bytes"
        case .allocSkbFclone: "the same from the fast-clone cache: a companion struct for one skb_clone"
        case .skbReserve: "data and tail move forward on an empty skb (headroom)"
        case .skbPut: "tail and len grow; skb_over_panic past end; linear skbs only"
        case .skbPush: "data moves back, len grows; skb_under_panic before head"
        case .skbPull: "data moves forward, len shrinks; never into the frags"
        case .allocPage: "a page with count 1, held by the scenario"
        case .getPage: "one more page reference for the scenario"
        case .putPage: "give back one of the scenario's page references"
        case .skbAddRxFrag: "frags[i] = {page, off, size}; the skb takes a scenario page reference"
        case .skbFragListAdd: "append t to skb's frag_list; the scenario's reference moves to the list"
        case .skbSetOwnerW: "skb->destructor = sock_wfree"
        case .skbOrphan: "call and clear skb->destructor"
        case .setDataDestructor: "skb_shinfo(skb)->destructor = fn (the seed patch; not in vanilla)"
        case .skbClone: "new skb sharing the data (the fclone companion when free)"
        case .skbCopy: "new skb with a private, fully linear copy of all the data"
        case .pskbCopy: "new skb with a private linear part, sharing the frag pages and frag_list"
        case .skbGet: "users + 1 (the scenario holds one more reference)"
        case .kfreeSkb: "give back one reference; the last one releases the skb"
        case .skbHeaderRelease: "nohdr = 1: payload-only, upper half of dataref + 1"
        case .pskbExpandHead: "new, larger private head; the old data is released"
        case .pskbPullTail: "move delta bytes from the frags / frag_list into the linear part"
        case .pskbMayPull: "make the first len bytes linear (__pskb_pull_tail when needed)"
        case .pskbPull: "pull len bytes off the front, linearising first where needed"
        case .skbLinearize: "__pskb_pull_tail(skb, data_len)"
        case .pskbTrim: "cut to len bytes, dropping frags and frag_list members past it"
        case .skbSplit: "move everything past len into the empty skb1"
        case .skbSegment: "GSO: segments with a copy of the doffset header bytes and mss payload bytes each"
        }
    }
}
