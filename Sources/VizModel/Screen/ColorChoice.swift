/// The user's `--color` choice.
public enum ColorChoice: String, CaseIterable, Hashable, Sendable {
    case auto, always, never

    /// Whether to draw in colour.
    ///
    /// `always` and `auto` need a terminal that has colours; `auto` also yields to a
    /// non-empty `NO_COLOR` (https://no-color.org), which `always` overrides.
    /// - Parameters:
    ///   - noColor: The value of `NO_COLOR`, or `nil` when it is unset.
    ///   - terminalHasColors: Whether the terminal can show colours at all.
    public func usesColor(noColor: String?, terminalHasColors: Bool) -> Bool {
        switch self {
        case .never: false
        case .always: terminalHasColors
        case .auto: terminalHasColors && (noColor ?? "").isEmpty
        }
    }
}
