/// A zero-copy completion object (`struct ubuf_info`), `u1, u2, …` in the order of the
/// `set_data_destructor` calls that make them (model-later.md §2).
///
/// It stays in the state after its callback ran: the checker counts its completions, and a
/// buffer may still carry it. The trace lists it while it is not completed or still carried.
public struct UbufInfo: Hashable, Sendable {
    public var id: Int
    public var kind: Kind
    /// The callback's name (`vhost_zerocopy_callback`, `sock_zerocopy_callback`, …).
    public var fn: String
    /// `refcnt`: msg, the reference count; legacy, the kernel's inert field; kind ubuf (3.1): none.
    public var refcnt: Int?
    /// How many times the callback ran.
    public var completions = 0
    /// MSG_ZEROCOPY only: `ubuf_info.id`, the notification's first id.
    public var lo: Int?
    /// MSG_ZEROCOPY only: how many sends it covers (always 1 here).
    public var len: Int?
    /// MSG_ZEROCOPY only: false once a copy or a full pull made the send not zero-copy.
    public var zerocopy: Bool?
    /// The origins of the frags of the buffer it was attached to, at the attach: the user
    /// pages it stands for. Checker bookkeeping, not kernel state.
    public var userData: [Int] = []

    /// The three kinds of model-later.md §2.
    public enum Kind: String, Hashable, Sendable, FieldChoice {
        /// 3.1's `ubuf_info`: no refcount, a callback without a flag.
        case ubuf
        /// 4.14's MSG_ZEROCOPY object (`sock_zerocopy_callback`), refcounted.
        case msg
        /// 4.14's vhost / tun / tap object: any other callback, one per skb.
        case legacy

        var code: UInt {
            switch self {
            case .ubuf: 0
            case .msg: 1
            case .legacy: 2
            }
        }

        init(code: UInt) {
            self = code == 1 ? .msg : code == 2 ? .legacy : .ubuf
        }
    }

    public init(id: Int, kind: Kind, fn: String) {
        self.id = id
        self.kind = kind
        self.fn = fn
    }

    /// `uN`, as the trace names it.
    public var ref: String { "u\(id)" }

    /// Whether its completion has come: a msg object's count reached 0, any other's callback ran.
    public var isCompleted: Bool {
        kind == .msg ? (refcnt ?? 0) <= 0 : completions > 0
    }
}

extension UbufInfo: FieldListed {
    /// The fields of a completion object, in the trace's order.
    public enum Field: String, ObjectField {
        case id, kind, fn, refcnt, completions, lo, len, zerocopy
        case userData

        public var use: FieldUse {
            switch self {
            case .lo, .len, .zerocopy: .stateIfSet
            case .userData: .history
            default: .state
            }
        }
    }

    mutating func visitFields<V: FieldVisitor<Field>>(_ v: inout V) {
        v.ref(.id, "u", &id)
        v.choice(.kind, &kind)
        var name: String? = fn
        v.text(.fn, &name)
        fn = name ?? ""
        v.int(.refcnt, &refcnt)
        v.int(.completions, &completions)
        v.int(.lo, &lo)
        v.int(.len, &len)
        v.bool(.zerocopy, &zerocopy)
        var data = userData[...]
        v.refs(.userData, "o", &data)
        userData = Array(data)
    }
}
