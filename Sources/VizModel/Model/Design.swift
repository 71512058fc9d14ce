/// Which kernel the model runs: before the seed patch, the patch without its `orig` chain, or the patch.
///
/// The model asks a design what it has (`hasDataDestructor`, `keepsOrigChain`), never which
/// one it is; every list of designs (the command line, the viewer's cycle, `compare`, the
/// parser's messages) is `allCases`. A new design is a new case and its capabilities here.
public enum Design: String, CaseIterable, Sendable, Codable {
    case vanilla
    case naive
    case origChain = "orig-chain"

    /// The design of a run whose file names none: the patch as posted.
    public static let standard = Design.origChain

    /// What a design's `skb_shared_info` has and does.
    public struct Capabilities: Hashable, Sendable {
        /// `skb_shared_info` has the patch's `destructor`, `orig` and `len` fields, and the
        /// last payload reference calls the destructor.
        public var dataDestructor: Bool
        /// `skb_ref_data_parent`: a buffer that shares a parent's data (with a destructor or
        /// an `orig`) takes a payload reference on it as its `orig`, and gives it back when
        /// released.
        public var origChain: Bool
    }

    public var capabilities: Capabilities {
        switch self {
        case .vanilla: Capabilities(dataDestructor: false, origChain: false)
        case .naive: Capabilities(dataDestructor: true, origChain: false)
        case .origChain: Capabilities(dataDestructor: true, origChain: true)
        }
    }

    /// Whether `skb_shared_info` has the patch's `destructor`, `orig` and `len` fields.
    public var hasDataDestructor: Bool { capabilities.dataDestructor }

    /// Whether a child buffer takes, and on release follows, an `orig` reference to its parent.
    public var keepsOrigChain: Bool { capabilities.origChain }

    /// The next design in the viewer's cycle: `allCases` in order, the last back to the first.
    public var next: Design {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Every design's name, the last two joined by `conjunction`: "vanilla, naive or orig-chain".
    public static func names(_ conjunction: String) -> String {
        let names = allCases.map(\.rawValue)
        guard let last = names.last, names.count > 1 else { return names.joined() }
        return names.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
