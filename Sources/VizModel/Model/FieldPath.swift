/// One field of one object, typed: what a step change names and the viewer highlights. A
/// field renamed in its object's field list is renamed here and in every use.
public enum FieldPath: Hashable, Sendable {
    case skb(Int, SkBuff.Field)
    case data(Int, DataBuffer.Field)
    case page(Int, Page.Field)
    case ubuf(Int, UbufInfo.Field)
    case socket(ZerocopySocket.Field)
    /// The whole object: the step created or freed it.
    case object(ObjectKey)

    /// The field's name in the trace (`dataref`), nil for a whole object.
    public var fieldName: String? {
        switch self {
        case .skb(_, let f): f.rawValue
        case .data(_, let f): f.rawValue
        case .page(_, let f): f.rawValue
        case .ubuf(_, let f): f.rawValue
        case .socket(let f): f.rawValue
        case .object: nil
        }
    }
}
