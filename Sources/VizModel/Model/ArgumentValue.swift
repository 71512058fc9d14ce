/// A resolved argument of a kernel call: names have become ids.
public enum ArgumentValue: Hashable, Sendable {
    case skb(Int)
    case page(String)
    case integer(Int)
    case function(String)

    var skb: Int { if case .skb(let v) = self { v } else { 0 } }
    var page: String { if case .page(let v) = self { v } else { "" } }
    var integer: Int { if case .integer(let v) = self { v } else { 0 } }
    var function: String { if case .function(let v) = self { v } else { "" } }
}
