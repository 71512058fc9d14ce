/// A call as the scenario wrote it: its line and its text (`kfree_skb(a)`), for messages that
/// say where something happened.
public struct CallSite: Hashable, Sendable {
    public var line: Int
    /// The call's source text (`CallStatement.text`).
    public var text: String

    public init(line: Int, text: String) {
        self.line = line
        self.text = text
    }

    /// `at line 3 by kfree_skb(a)`.
    public var described: String { "at line \(line) by \(text)" }
}
