/// The five things that happen to objects, as the trace records them.
public enum Event: Hashable, Sendable {
    /// `skb->destructor` (e.g. `sock_wfree`) was called.
    case skbDestructor(skb: Int, fn: String)
    /// `skb_shinfo()->destructor` was called for a buffer (it frees the head).
    case dataDestructor(data: Int, fn: String)
    /// The head and its `skb_shared_info` were freed.
    case freeHead(data: Int)
    /// A page's count reached zero; the page as the trace calls it (its scenario name).
    case freePage(page: String)
    /// An skb's last `users` reference dropped and `__kfree_skb` ran.
    case freeSkb(skb: Int)

    /// The trace's name of the event.
    public var name: String {
        switch self {
        case .skbDestructor: "skb_destructor"
        case .dataDestructor: "data_destructor"
        case .freeHead: "free_head"
        case .freePage: "free_page"
        case .freeSkb: "free_skb"
        }
    }

    /// One line: `data_destructor d1 tun_free`.
    public var summary: String {
        switch self {
        case .skbDestructor(let s, let fn): "skb_destructor s\(s) \(fn)"
        case .dataDestructor(let d, let fn): "data_destructor d\(d) \(fn)"
        case .freeHead(let d): "free_head d\(d)"
        case .freePage(let p): "free_page \(p)"
        case .freeSkb(let s): "free_skb s\(s)"
        }
    }
}
