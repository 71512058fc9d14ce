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

    /// The demo a name no demo has was most likely meant to be: the only one it begins
    /// (`tcp` → `tcp-xmit`), else the nearest at most two edits away (`clones` → `clone`,
    /// as `CallName.nearest`); nil when none is.
    public static func nearest(to typed: String) -> Demo? {
        let beginning = all.filter { $0.name.hasPrefix(typed) }
        if beginning.count == 1 { return beginning[0] }
        let word = Array(typed.lowercased().utf8)
        var best: (demo: Demo, distance: Int)?
        for demo in all {
            let d = CallName.editDistance(word, Array(demo.name.utf8))
            if d <= 2, d < best?.distance ?? Int.max { best = (demo, d) }
        }
        return best?.demo
    }

    /// What `skbviz demo`, `render --demo` and `picture --demo` say about a name no demo has.
    public static func unknownMessage(_ name: String) -> String {
        let hint = nearest(to: name).map { " did you mean '\($0.name)'?" } ?? ""
        return "no demo named '\(TerminalText.escaped(name))':\(hint) `skbviz demo` lists them"
    }
}
