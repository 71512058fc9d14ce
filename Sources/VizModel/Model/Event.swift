/// The things that happen to objects, as the trace records them.
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
    /// A zero-copy completion object's callback ran (msg: `sock_zerocopy_callback` at
    /// `refcnt` 0); `success` is nil in 3.1, whose callback takes no flag.
    case zerocopyCallback(ubuf: Int, fn: String, success: Bool?, via: CompletionVia)
    /// `sock_zerocopy_callback` queued a notification, or merged it into the queue's tail.
    case zerocopyNotify(ubuf: Int, lo: Int, hi: Int, copied: Bool, merged: Bool)

    /// The trace's name of the event.
    public var name: String {
        switch self {
        case .skbDestructor: "skb_destructor"
        case .dataDestructor: "data_destructor"
        case .freeHead: "free_head"
        case .freePage: "free_page"
        case .freeSkb: "free_skb"
        case .zerocopyCallback: "zerocopy_callback"
        case .zerocopyNotify: "zerocopy_notify"
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
        case .zerocopyCallback(let u, let fn, let success, let via):
            "zerocopy_callback u\(u) \(fn) success=\(success.map(String.init) ?? "null") via=\(via.rawValue)"
        case .zerocopyNotify(let u, let lo, let hi, let copied, let merged):
            "zerocopy_notify u\(u) \(lo)-\(hi) copied=\(copied) merged=\(merged)"
        }
    }
}

/// The kernel function that ran a zero-copy callback.
public enum CompletionVia: String, Hashable, Sendable {
    /// `skb_release_data`: the last holder of the buffer let it go.
    case release
    /// `skb_copy_ubufs`: the user pages were copied into kernel pages.
    case copy
    /// `__pskb_pull_tail`: the paged data is now all in the head (4.14).
    case pull

    /// The kernel function's name, as the notes and the other designs' line give it.
    public var function: String {
        switch self {
        case .release: "skb_release_data"
        case .copy: "skb_copy_ubufs"
        case .pull: "__pskb_pull_tail"
        }
    }
}
