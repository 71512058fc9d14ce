/// A key as the viewer sees it, whether read from a terminal or from a key script.
public enum Key: Hashable, Sendable {
    /// A printable character, including space.
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete
    /// A letter typed with Ctrl held (`a` for Ctrl-A), other than Ctrl-C.
    case control(Character)
    /// Function key F*n*.
    case function(Int)
    /// The terminal changed size.
    case resize
    /// Ctrl-C read as a character rather than delivered as SIGINT.
    case interrupt
}

extension Key: CustomStringConvertible {
    /// The key in key-script notation: the character itself, or a name in angle brackets.
    public var description: String {
        switch self {
        case .character(" "): "<Space>"
        case .character("<"): "<lt>"
        case .character(let character): String(character)
        case .function(let number): "<F\(number)>"
        case .control(let letter): "<C-\(letter)>"
        default: "<\(Key.names.first { $0.key == self }!.name)>"
        }
    }

    /// Named keys, in the spelling `description` uses first; aliases follow.
    static let names: [(name: String, key: Key)] = [
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right),
        ("PgUp", .pageUp), ("PgDn", .pageDown), ("Home", .home), ("End", .end),
        ("Tab", .tab), ("S-Tab", .backTab), ("Enter", .enter), ("Esc", .escape),
        ("BS", .backspace), ("Del", .delete), ("Resize", .resize), ("C-c", .interrupt),
        ("Space", .character(" ")), ("lt", .character("<")),
        ("PageUp", .pageUp), ("PageDown", .pageDown), ("BackTab", .backTab), ("Return", .enter),
        ("CR", .enter), ("Escape", .escape), ("Backspace", .backspace), ("Delete", .delete),
    ]
}
