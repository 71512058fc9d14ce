/// A resolved argument of a kernel call: names have become ids. `Arguments` reads them by parameter.
public enum ArgumentValue: Hashable, Sendable {
    case skb(Int)
    case page(Int)
    case integer(Int)
    case function(String)
}
