/// Everything the project says about one call of the language, in one place (`CallName`'s
/// table): the parser's argument checks, the runner, the generator, `--help` and the README's
/// call table all read it. A class: the table hands out one shared, immutable entry per call
/// (every statement read and run asks for it; a struct of arrays and closures was copied).
public final class CallEntry: Sendable {
    /// The parameters, by the kernel's names.
    public let parameters: [Parameter]
    public let returns: ReturnKind
    /// One line on what the call does (Markdown code spans), for the README and `--help`.
    public let summary: String
    /// What the kernel writes for it when that is not a function of the call's name (Markdown),
    /// for the README.
    public let kernel: String?
    /// The reading error of a statement that does not bind the result, when it must.
    let unboundError: String?
    /// Runs the call on the machine; returns the skbs it made for the caller (held by the
    /// running call until they are bound).
    let run: @Sendable (inout Machine, Arguments) throws(KernelError) -> [Int]
    let hints: CallHints

    init(_ parameters: [Parameter], returns: ReturnKind = .nothing, summary: String, kernel: String? = nil,
         unboundError: String? = nil, hints: CallHints,
         run: @escaping @Sendable (inout Machine, Arguments) throws(KernelError) -> [Int]) {
        self.parameters = parameters
        self.returns = returns
        self.summary = summary
        self.kernel = kernel
        self.unboundError = unboundError
        self.hints = hints
        self.run = run
    }
}

/// How tools other than the runner use a call: the generator (and, next, `explore`).
struct CallHints: Sendable {
    /// The name the generator's results start with (`s` gives `s1 = alloc_skb(…)`).
    var result: String?
    /// Whether the call can tie objects into what no release frees (an `orig` cycle, an
    /// `orig` overwritten, a copy on its own `frag_list`): the generator then checks that
    /// everything can still be freed.
    var mayTrap = false
    /// Whether the generator uses the call only in a zero-copy design (elsewhere it changes
    /// nothing, and leaving it out keeps the older designs' scenarios as they were).
    var zerocopyOnly = false
    /// The arguments of a plausible call in the draw's state, as written, or nil when none fits.
    var arguments: @Sendable (inout GeneratorDraw) -> String?
}

/// A parameter of a call: its kernel name and what it takes. Errors of a call point at a
/// parameter by this value.
public struct Parameter: Hashable, Sendable {
    public let name: String
    public let kind: ArgumentKind

    init(_ name: String, _ kind: ArgumentKind) {
        self.name = name
        self.kind = kind
    }

    static let skb = Parameter("skb", .skb)
    static let skb1 = Parameter("skb1", .skb)
    /// `skb_frag_list_add`'s member to append.
    static let t = Parameter("t", .skb)
    static let page = Parameter("page", .page)
    static let size = Parameter("size", .count)
    static let len = Parameter("len", .count)
    static let i = Parameter("i", .count)
    static let off = Parameter("off", .count)
    static let delta = Parameter("delta", .count)
    static let mss = Parameter("mss", .count)
    static let doffset = Parameter("doffset", .count)
    static let nhead = Parameter("nhead", .signed)
    static let ntail = Parameter("ntail", .signed)
    static let fn = Parameter("fn", .function)
}

/// What an argument of a call must be.
public enum ArgumentKind: Sendable, Hashable {
    case skb
    case page
    /// A non-negative integer.
    case count
    /// An integer that may be negative (checked at run time).
    case signed
    /// A plain identifier naming a function.
    case function
}

/// What a call gives back to bind.
public enum ReturnKind: Sendable, Hashable {
    case nothing
    case skb
    case page
    /// `skb_segment`'s list of segments.
    case list

    /// The name a signature binds a result of this kind to (`n = skb_clone(skb)`).
    var exampleName: String? {
        switch self {
        case .nothing: nil
        case .skb: "n"
        case .page: "page"
        case .list: "segs"
        }
    }
}
