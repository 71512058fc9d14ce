/// A kind of failure `explore` judges at every transition (spec explore.md §6).
public enum ExploreKind: String, CaseIterable, Sendable {
    case prematureDestructor = "premature_destructor"
    case leakCycle = "leak-cycle"
    case leakLost = "leak-lost"
    case invariant

    /// The first line's `kind=` (`leak` for both shapes).
    public var headerKind: String {
        switch self {
        case .prematureDestructor: "premature_destructor"
        case .leakCycle, .leakLost: "leak"
        case .invariant: "invariant"
        }
    }

    /// The first line's `shape=`, for leaks only.
    public var shape: String? {
        switch self {
        case .leakCycle: "cycle"
        case .leakLost: "lost"
        default: nil
        }
    }
}

/// A class of counterexamples: a kind of failure at a call.
public struct ExploreClass: Hashable, Sendable {
    public var kind: ExploreKind
    public var call: CallName

    /// The counterexample's file name: `leak-cycle-skb_frag_list_add.skb`.
    public var fileName: String { "\(kind.rawValue)-\(call.rawValue).skb" }
}
