/// Which kernel the model runs: before the seed patch, the patch without its `orig` chain, the
/// patch, or one of the two zero-copy designs Linux shipped (3.1's `ubuf_info`, 4.14's
/// MSG_ZEROCOPY; model-later.md).
///
/// The model asks a design what it has (`hasDataDestructor`, `keepsOrigChain`), never which
/// one it is; every list of designs (the command line, the viewer's cycle, `compare`, the
/// parser's messages) is `allCases`. A new design is a new case and its capabilities here.
public enum Design: String, CaseIterable, Sendable, Codable {
    case vanilla
    case naive
    case origChain = "orig-chain"
    case ubuf2011 = "ubuf-2011"
    case msgZerocopy2017 = "msg-zerocopy-2017"

    /// The design of a run whose file names none: the patch as posted.
    public static let standard = Design.origChain

    /// What a design's `skb_shared_info` has and does.
    public struct Capabilities: Hashable, Sendable {
        /// `skb_shared_info` has the patch's `destructor`, `orig` and `len` fields, and the
        /// buffer's last release calls the destructor, which frees the head.
        public var dataDestructor: Bool
        /// `skb_ref_data_parent`: a buffer that shares a parent's data (with a destructor or
        /// an `orig`) takes a payload reference on it as its `orig`, and gives it back when
        /// released.
        public var origChain: Bool
        /// The zero-copy completion a `set_data_destructor` attaches (`ubuf_info` on the
        /// shinfo), or nil in a design without one.
        public var zerocopy: Zerocopy?
    }

    /// How a shipped kernel completes zero-copy user pages (model-later.md §1).
    public enum Zerocopy: Hashable, Sendable {
        /// Linux 3.1: one `ubuf_info` per skb, no refcount; sharing the data copies the user
        /// pages away (`skb_copy_ubufs`) and calls back at once; the callback takes no flag.
        case copyOnShare
        /// Linux 4.14.0: a refcounted MSG_ZEROCOPY `ubuf_info` every derived buffer holds,
        /// notifications on the socket's error queue; other callbacks are "legacy" ones
        /// copied like 3.1's, with a `success` flag.
        case refcounted
    }

    public var capabilities: Capabilities {
        switch self {
        case .vanilla: Capabilities(dataDestructor: false, origChain: false, zerocopy: nil)
        case .naive: Capabilities(dataDestructor: true, origChain: false, zerocopy: nil)
        case .origChain: Capabilities(dataDestructor: true, origChain: true, zerocopy: nil)
        case .ubuf2011: Capabilities(dataDestructor: false, origChain: false, zerocopy: .copyOnShare)
        case .msgZerocopy2017: Capabilities(dataDestructor: false, origChain: false, zerocopy: .refcounted)
        }
    }

    /// Whether `skb_shared_info` has the patch's `destructor`, `orig` and `len` fields.
    public var hasDataDestructor: Bool { capabilities.dataDestructor }

    /// Whether a child buffer takes, and on release follows, an `orig` reference to its parent.
    public var keepsOrigChain: Bool { capabilities.origChain }

    /// The kernel release the design is: `2.6.28` (the seed patch was against it), `3.1`, `4.14`.
    public var kernel: String {
        switch zerocopy {
        case nil: "2.6.28"
        case .copyOnShare?: "3.1"
        case .refcounted?: "4.14"
        }
    }

    /// The design in words, for a reader who has not met its name (a transcript pasted into a
    /// mail): the kernel, and what it does when the data is shared.
    public var summary: String {
        switch self {
        case .vanilla: "Linux 2.6.28 as released: no data destructor"
        case .naive: "Linux 2.6.28 with the Dec 2008 data destructor patch, without its orig chain"
        case .origChain: "Linux 2.6.28 with the Dec 2008 patch \"net: add destructor for skb data\""
        case .ubuf2011: "Linux 3.1 vhost-net zero-copy: one ubuf_info completion per skb"
        case .msgZerocopy2017: "Linux 4.14 MSG_ZEROCOPY: one refcounted ubuf_info per send"
        }
    }

    /// The zero-copy completion of this design, if it has one.
    public var zerocopy: Zerocopy? { capabilities.zerocopy }

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
