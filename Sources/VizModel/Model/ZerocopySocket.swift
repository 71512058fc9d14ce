/// The one MSG_ZEROCOPY socket of `msg-zerocopy-2017` (opted in with `SO_ZEROCOPY`): the next
/// notification id and the error queue the notifications wait on (model-later.md §2).
public struct ZerocopySocket: Hashable, Sendable {
    /// `sk_zckey`: the id the next MSG_ZEROCOPY send takes.
    public var zckey = 0
    /// The queued notifications, oldest first; the scenario never reads the queue.
    public var errqueue: [Notification] = []

    public init() {}

    /// Whether the socket is as `init()` makes it: no send yet, nothing queued.
    var isNew: Bool { zckey == 0 && errqueue.isEmpty }

    /// The socket's fields, as step changes name them (`sk.errqueue`).
    public enum Field: String, Hashable, Sendable {
        case zckey, errqueue
    }

    /// One `sock_extended_err` of `SO_EE_ORIGIN_ZEROCOPY`: the send ids `lo…hi` completed, and
    /// whether the kernel copied (`SO_EE_CODE_ZEROCOPY_COPIED`).
    public struct Notification: Hashable, Sendable {
        public var lo: Int
        public var hi: Int
        public var copied: Bool

        /// `[0..2] copied`, as the screens show it (the trace and the events pane say `0-2`).
        public var label: String { "[\(lo)..\(hi)]\(copied ? " copied" : "")" }
    }
}
