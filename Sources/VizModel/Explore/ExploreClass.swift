/// A kind of failure `explore` judges at every transition (spec explore.md §6).
public enum ExploreKind: String, CaseIterable, Sendable {
    case prematureDestructor = "premature_destructor"
    case leakCycle = "leak-cycle"
    case leakLost = "leak-lost"
    case invariant
    /// The zero-copy designs' kinds (spec explore.md §12), named as their violation records.
    case prematureCompletion = "premature_completion"
    case doubleCompletion = "double_completion"
    case orphanIncomplete = "orphan_incomplete"
    case kernelWarn = "kernel_warn"

    /// The first line's `kind=` (`leak` for both shapes).
    public var headerKind: String {
        switch self {
        case .leakCycle, .leakLost: "leak"
        default: rawValue
        }
    }

    /// The kind of a violation record that makes a transition belong to this kind's classes.
    static func of(_ violation: ViolationKind) -> ExploreKind? {
        switch violation {
        case .prematureDestructor: .prematureDestructor
        case .invariant: .invariant
        case .prematureCompletion: .prematureCompletion
        case .doubleCompletion: .doubleCompletion
        case .orphanIncomplete: .orphanIncomplete
        case .kernelWarn: .kernelWarn
        case .leak: nil
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
