/// Which slab a `struct sk_buff` came from, as `skb->fclone` says.
public enum FcloneKind: String, Sendable, Hashable, FieldChoice {
    /// `SKB_FCLONE_UNAVAILABLE` on a plain `skbuff_head_cache` struct.
    case none
    /// `SKB_FCLONE_ORIG`: the first struct of a fast-clone pair.
    case orig
    /// `SKB_FCLONE_CLONE`: the companion struct, in use by a clone.
    case clone

    var code: UInt {
        switch self {
        case .none: 0
        case .orig: 1
        case .clone: 2
        }
    }

    init(code: UInt) {
        self = code == 0 ? .none : code == 1 ? .orig : .clone
    }
}

/// One `struct sk_buff`, with its geometry as offsets into its data buffer.
///
/// `head ≤ data ≤ tail ≤ end` is kept as three non-negative distances, which is what the
/// viewer draws and the trace reports. The scenario-side bookkeeping (`held`, `inFlight`) is
/// kept on the struct so that every change to an skb is one value change.
public struct SkBuff: Hashable, Sendable {
    public var id: Int
    /// The scenario's name for it (`a`, `segs[0]`), set when the binding call completes.
    public var name: String? {
        get { nameText.string }
        set { nameText = InlineText(newValue) }
    }
    /// `name` and `destructor` as plain data: an skb copies without retaining anything.
    private var nameText = InlineText(nil)
    private var destructorText = InlineText(nil)
    public var users = 1
    public var cloned = false
    public var nohdr = false
    public var fclone: FcloneKind
    /// On an `orig`: the id of the skb using the companion struct, if any.
    public var companion: Int?
    /// On a `clone`: the id of the `orig` of its pair (which may be freed already).
    public var pairOrig: Int?
    public var headroom = 0
    public var headlen = 0
    public var tailroom: Int
    public var len = 0
    public var dataLen = 0
    /// Shown, not compared: the buffer and the paged bytes (the struct itself is left out).
    public var truesize: Int
    /// `skb->destructor` (`sock_wfree`) or nil.
    public var destructor: String? {
        get { destructorText.string }
        set { destructorText = InlineText(newValue) }
    }
    /// The id of the data buffer `skb->head` points at.
    public var data: Int
    /// References the scenario holds (from `alloc_*`, clones, copies, segments, `skb_get`).
    public var held = 0
    /// References held by the running call (an skb made but not yet returned or linked).
    public var inFlight = 0
    /// True once `skb_release_data` has run for it: `head` still points at `data`, but this
    /// skb's reference on it is gone (until the struct is freed or `pskb_expand_head` points
    /// it at its new head). Not kernel state: what the screen says of the pointer.
    public var released = false

    public init(id: Int, data: Int, size: Int, fclone: FcloneKind = .none) {
        self.id = id
        self.fclone = fclone
        self.tailroom = size
        self.truesize = size
        self.data = data
    }

    /// `fclone_ref` of the pair, as the `orig` struct shows it: 2 while its companion is in
    /// use, else 1 (0 on other structs).
    public var fcloneRef: Int {
        fclone == .orig ? (companion == nil ? 1 : 2) : 0
    }

    /// `sN`, as the trace names it.
    public var ref: String { "s\(id)" }
    /// `end - head`.
    public var size: Int { headroom + headlen + tailroom }
    /// `skb_shared(skb)`: `users != 1`.
    public var isShared: Bool { users != 1 }
    /// `a (s1)` in messages, or just `s1` for an skb no statement bound.
    public var label: String { name.map { "\($0) (\(ref))" } ?? ref }
}

extension SkBuff: FieldListed {
    /// The fields of an skb, in the trace's order; the trace's name is the raw value.
    public enum Field: String, ObjectField {
        case id, name, users, cloned, nohdr, fclone
        case fcloneRef = "fclone_ref"
        case len
        case dataLen = "data_len"
        case headroom, headlen, tailroom, data, destructor, truesize
        case held
        case inFlight = "in_flight"
        case companion, pairOrig, released

        public var use: FieldUse {
            switch self {
            case .held, .inFlight: .changes
            case .companion, .pairOrig, .released: .history
            default: .state
            }
        }
    }

    mutating func visitFields<V: FieldVisitor<Field>>(_ v: inout V) {
        v.ref(.id, "s", &id)
        v.text(.name, &name)
        v.int(.users, &users)
        v.bool(.cloned, &cloned)
        v.bool(.nohdr, &nohdr)
        v.choice(.fclone, &fclone)
        v.derived(.fcloneRef, int: fclone == .orig ? fcloneRef : nil)
        v.int(.len, &len)
        v.int(.dataLen, &dataLen)
        v.int(.headroom, &headroom)
        v.int(.headlen, &headlen)
        v.int(.tailroom, &tailroom)
        v.ref(.data, "d", &data)
        v.text(.destructor, &destructor)
        v.int(.truesize, &truesize)
        v.int(.held, &held)
        v.int(.inFlight, &inFlight)
        v.ref(.companion, "s", &companion)
        v.ref(.pairOrig, "s", &pairOrig)
        v.bool(.released, &released)
    }
}
