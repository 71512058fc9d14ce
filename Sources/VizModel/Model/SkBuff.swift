/// Which slab a `struct sk_buff` came from, as `skb->fclone` says.
public enum FcloneKind: String, Sendable, Hashable {
    /// `SKB_FCLONE_UNAVAILABLE` on a plain `skbuff_head_cache` struct.
    case none
    /// `SKB_FCLONE_ORIG`: the first struct of a fast-clone pair.
    case orig
    /// `SKB_FCLONE_CLONE`: the companion struct, in use by a clone.
    case clone
}

/// One `struct sk_buff`, with its geometry as offsets into its data buffer.
///
/// `head ≤ data ≤ tail ≤ end` is kept as three non-negative distances, which is what the
/// viewer draws and the trace reports. The scenario-side bookkeeping (`held`, `inFlight`) is
/// kept on the struct so that every change to an skb is one value change.
public struct SkBuff: Hashable, Sendable {
    public var id: Int
    /// The scenario's name for it (`a`, `segs[0]`), set when the binding call completes.
    public var name: String?
    public var users: Int
    public var cloned: Bool
    public var nohdr: Bool
    public var fclone: FcloneKind
    /// On an `orig`: the id of the skb using the companion struct, if any.
    public var companion: Int?
    /// On a `clone`: the id of the `orig` of its pair (which may be freed already).
    public var pairOrig: Int?
    public var headroom: Int
    public var headlen: Int
    public var tailroom: Int
    public var len: Int
    public var dataLen: Int
    /// Shown, not compared: the buffer and the paged bytes (the struct itself is left out).
    public var truesize: Int
    /// `skb->destructor` (`sock_wfree`) or nil.
    public var destructor: String?
    /// The id of the data buffer `skb->head` points at.
    public var data: Int
    /// References the scenario holds (from `alloc_*`, clones, copies, segments, `skb_get`).
    public var held: Int
    /// References held by the running call (an skb made but not yet returned or linked).
    public var inFlight: Int

    public init(id: Int, data: Int, size: Int, fclone: FcloneKind = .none) {
        self.id = id
        self.name = nil
        self.users = 1
        self.cloned = false
        self.nohdr = false
        self.fclone = fclone
        self.companion = nil
        self.pairOrig = nil
        self.headroom = 0
        self.headlen = 0
        self.tailroom = size
        self.len = 0
        self.dataLen = 0
        self.truesize = size
        self.destructor = nil
        self.data = data
        self.held = 0
        self.inFlight = 0
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
