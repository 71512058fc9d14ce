/// One `struct page`, identified by its allocation: the scenario's name for it, if any, is a
/// binding (`SkbState.pageNames`), not part of the page.
public struct Page: Hashable, Sendable {
    /// The allocation's number (`Counters.lastPage`): ids grow with allocation and are never reused.
    public var id: Int
    /// `page_count()`.
    public var count = 1
    /// References the scenario holds (the rest are owned by frag slots).
    public var held = 1
    /// References the running call holds: a kernel page `skb_copy_ubufs` allocated and has not
    /// yet put in a frag slot.
    public var inFlight = 0
    /// The kernel's own page `kN` (zero-copy designs: `skb_copy_ubufs`), which the scenario
    /// did not name: N.
    public var kernel: Int?
    /// The user pages whose bytes `skb_copy_ubufs` copied into this kernel page, by id: how the
    /// screens say `k1 ← copy of p1`.
    public var copyOf: [Int] = []

    public init(id: Int) {
        self.id = id
    }
}

extension Page: FieldListed {
    /// The fields of a page, in the trace's order; the trace's name is the raw value.
    public enum Field: String, ObjectField {
        case id, count, held
        case inFlight = "in_flight"
        case kernel
        case copyOf

        public var use: FieldUse {
            switch self {
            case .held: .changes
            case .inFlight, .kernel, .copyOf: .history
            default: .state
            }
        }
    }

    mutating func visitFields<V: FieldVisitor<Field>>(_ v: inout V) {
        v.page(.id, &id)
        v.int(.count, &count)
        v.int(.held, &held)
        v.int(.inFlight, &inFlight)
        v.int(.kernel, &kernel)
        var copies = copyOf[...]
        v.refs(.copyOf, "p", &copies)
        copyOf = Array(copies)
    }
}
