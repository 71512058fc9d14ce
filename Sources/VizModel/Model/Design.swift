/// Which kernel the model runs: before the seed patch, the patch without its `orig` chain, or the patch.
public enum Design: String, CaseIterable, Sendable, Codable {
    case vanilla
    case naive
    case origChain = "orig-chain"

    /// Whether `skb_shared_info` has the patch's `destructor`, `orig` and `len` fields.
    public var isPatched: Bool { self != .vanilla }

    /// The next design in the viewer's cycle: vanilla → naive → orig-chain → vanilla.
    public var next: Design {
        switch self {
        case .vanilla: .naive
        case .naive: .origChain
        case .origChain: .vanilla
        }
    }
}
