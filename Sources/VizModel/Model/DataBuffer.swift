/// One `skb_frag_t`: a page, an offset into it, and a size.
public struct Frag: Hashable, Sendable {
    /// The id of the page.
    public var page: Int
    public var off: Int
    public var size: Int
    /// The buffers this frag reference was copied or moved out of: the checker's evidence for a
    /// premature data destructor. Not part of the kernel's struct.
    public var lineage: Lineage
    /// False while the slot exists but owns no page reference: between `pskb_expand_head`'s
    /// memcpy of the shinfo and its `get_page`, and after `skb_release_data`'s `put_page` (the
    /// kernel leaves the slots in place until the head is freed).
    public var owned: Bool
    /// Which `skb_add_rx_frag` (or `skb_copy_ubufs` page) this descriptor comes from, however
    /// it was copied or moved since: the zero-copy checker's evidence that a completion ran
    /// while its user data is still held (model-later.md §2). 0: none. Not kernel state.
    public var origin: Int

    public init(page: Int, off: Int, size: Int, lineage: Lineage = Lineage(), owned: Bool = true, origin: Int = 0) {
        self.page = page
        self.off = off
        self.size = size
        self.lineage = lineage
        self.owned = owned
        self.origin = origin
    }

    /// The same frag descriptor, handed on from slot `slot` of buffer `source` by `call`.
    func copied(from source: Int, slot: Int, moved: Bool = false, by call: Lineage.Handoff.Call, owned: Bool = true) -> Frag {
        var f = self
        f.lineage.append(source, Lineage.Handoff(slot: slot, moved: moved, call: call))
        f.owned = owned
        return f
    }
}

/// One data allocation: the linear head and the `skb_shared_info` at its end.
///
/// The patch's shinfo `len` (the offset back to the head) always equals `size`, so it is not a
/// field of its own; the steps that set it name it.
public struct DataBuffer: Hashable, Sendable {
    public var id: Int
    /// `end - head`, after `SKB_DATA_ALIGN`.
    public var size: Int
    /// The raw 32-bit `dataref`: lower 16 bits count every reference, upper 16 the payload-only ones.
    public var dataref: UInt32 = 1
    public var frags: [Frag] = []
    /// Member skb ids, from the head of the list; each link owns one `users` reference. A
    /// slice, so that freeing the list member by member (`__pskb_pull_tail`) shares one
    /// storage instead of copying the rest of the list into every step.
    public var fragList: ArraySlice<Int> = []
    /// False between `pskb_expand_head`'s memcpy of the shinfo and `skb_clone_fraglist`: the
    /// links exist but own no `users` reference yet.
    public var fragListOwned = true
    /// The patch's `orig`: the parent buffer this one holds a payload reference on.
    public var orig: Int?
    /// The patch's data destructor (a function name).
    public var destructor: String?
    /// The zero-copy flag of the later designs (`SKBTX_DEV_ZEROCOPY`, with 4.14's
    /// `SKBTX_SHARED_FRAG`): `destructor_arg` points at a completion object.
    public var zc = false
    /// The completion object (`ubuf_info`) `destructor_arg` points at while `zc` is set.
    public var ubuf: Int?
    /// How far its `skb_shared_info` is this buffer's own, in the middle of a call. Not
    /// kernel state: what the screen may decode of the values.
    public var shinfo = ShinfoPhase.live

    public init(id: Int, size: Int) {
        self.id = id
        self.size = size
    }

    /// `dN`, as the trace names it.
    public var ref: String { "d\(id)" }
    public var nrFrags: Int { frags.count }
    /// The lower half of `dataref`: every reference.
    public var allRefs: UInt32 { dataref & Kernel.datarefMask }
    /// The upper half of `dataref`: the payload-only references.
    public var payloadRefs: UInt32 { dataref >> Kernel.datarefShift }
    /// The sum of the frag sizes.
    public var fragBytes: Int { frags.reduce(0) { $0 + $1.size } }
}

extension DataBuffer: FieldListed {
    /// The fields of a data buffer and its `skb_shared_info`, in the trace's order; the trace's
    /// name is the raw value.
    public enum Field: String, ObjectField {
        case id, size, dataref
        case nrFrags = "nr_frags"
        case frags
        case fragList = "frag_list"
        case orig, destructor
        case zc, ubuf
        case fragListOwned, shinfo

        public var use: FieldUse {
            switch self {
            case .fragListOwned, .shinfo: .history
            case .zc, .ubuf: .zerocopy
            default: .state
            }
        }
    }

    mutating func visitFields<V: FieldVisitor<Field>>(_ v: inout V) {
        v.ref(.id, "d", &id)
        v.int(.size, &size)
        v.word(.dataref, &dataref)
        v.derived(.nrFrags, int: nrFrags)
        v.frags(.frags, &frags)
        v.refs(.fragList, "s", &fragList)
        v.ref(.orig, "d", &orig)
        v.text(.destructor, &destructor)
        v.bool(.zc, &zc)
        v.ref(.ubuf, "u", &ubuf)
        v.bool(.fragListOwned, &fragListOwned)
        v.choice(.shinfo, &shinfo)
    }
}

/// Where a buffer's `skb_shared_info` stands while a call runs: `kmalloc` leaves it
/// unwritten, `pskb_expand_head`'s memcpy fills it with the old buffer's values (its `dataref`
/// and `orig` are copies, not references, until the steps that set them), and
/// `skb_release_data` lets it go before the head is freed.
public enum ShinfoPhase: String, Sendable, Hashable, FieldChoice {
    /// Initialised: every value is this buffer's own.
    case live
    /// Just `kmalloc`'d: nothing in it is a value yet.
    case notInitialised = "not_initialised"
    /// Just memcpy'd: `dataref` and `orig` are the old buffer's.
    case copied
    /// `orig` set by `skb_ref_data_parent`; `dataref` is still the old buffer's.
    case datarefCopied = "dataref_copied"
    /// Its last reference is gone: `skb_release_data` is freeing its pages, list and head.
    case released

    var code: UInt {
        switch self {
        case .live: 0
        case .notInitialised: 1
        case .copied: 2
        case .datarefCopied: 3
        case .released: 4
        }
    }

    init(code: UInt) {
        self = [.live, .notInitialised, .copied, .datarefCopied, .released][Int(min(code, 4))]
    }
}
