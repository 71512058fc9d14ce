/// A built-in scenario: `skbviz demo NAME`.
public struct Demo: Hashable, Sendable {
    public var name: String
    public var title: String
    public var source: String
}

/// The demos the binary carries (generated from `demos/*.skb` by `Scripts/embed-demos`).
public enum DemoCatalog {
    public static func named(_ name: String) -> Demo? {
        all.first { $0.name == name }
    }
}
