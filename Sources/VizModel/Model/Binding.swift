/// What a scenario name stands for.
public enum Binding: Hashable, Sendable {
    case skb(Int)
    case page(Int)
    /// The segments of `segs = skb_segment(...)`, in order.
    case list([Int])
}
