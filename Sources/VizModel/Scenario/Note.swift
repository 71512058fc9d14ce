/// A `note` line: narration, and the designs it is true under.
///
/// `note "…"` holds under every design; `note orig-chain "…"` or `note [naive, orig-chain] "…"`
/// only under those named, so a walk never tells a story its design does not have.
public struct Note: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    /// The designs named in the tag, in the order written; empty: every design.
    public var designs: [Design]

    public init(_ text: String, designs: [Design] = []) {
        self.text = text
        self.designs = designs
    }

    public init(stringLiteral text: String) {
        self.init(text)
    }

    /// Whether the note is shown under `design`.
    public func holds(under design: Design) -> Bool {
        designs.isEmpty || designs.contains(design)
    }

    /// The tag as written back to a `.skb`: nothing, `orig-chain `, or `[naive, orig-chain] `.
    public var tag: String {
        switch designs.count {
        case 0: ""
        case 1: designs[0].rawValue + " "
        default: "[" + designs.map(\.rawValue).joined(separator: ", ") + "] "
        }
    }
}

extension Array where Element == Note {
    /// The texts of the notes that hold under `design`.
    public func texts(under design: Design) -> [String] {
        filter { $0.holds(under: design) }.map(\.text)
    }
}
