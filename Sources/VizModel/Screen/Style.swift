/// How a grid cell is drawn: colours from a small named palette plus attributes.
///
/// `changed` is semantic, not visual: it marks what the last step changed. How a change looks
/// is decided here, once, for every renderer (`drawn(usesColor:)`, `changeMark(usesColor:)`):
/// a colour highlight, or a `*` and bold reverse when colour is off, so nothing the viewer
/// says depends on colour alone.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    /// The palette: the eight standard terminal colours and the terminal's own default.
    public enum Color: String, CaseIterable, Hashable, Sendable {
        case `default`, black, red, green, yellow, blue, magenta, cyan, white
    }

    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool
    /// The last step changed what this cell shows.
    public var changed: Bool

    /// The terminal's default look.
    public static let plain = Style()

    public init(
        foreground: Color = .default, background: Color = .default,
        bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false,
        changed: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
        self.changed = changed
    }

    /// Space-separated words such as `fg=red bg=blue bold changed`; `plain` when nothing is set.
    public var description: String {
        var words: [String] = []
        if foreground != .default { words.append("fg=\(foreground.rawValue)") }
        if background != .default { words.append("bg=\(background.rawValue)") }
        if bold { words.append("bold") }
        if reverse { words.append("reverse") }
        if underline { words.append("underline") }
        if dim { words.append("dim") }
        if changed { words.append("changed") }
        return words.isEmpty ? "plain" : words.joined(separator: " ")
    }
}

extension Style {
    /// This style, marked as showing what the last step changed (or not).
    public func markedChanged(_ isChanged: Bool = true) -> Style {
        var style = self
        style.changed = isChanged
        return style
    }

    /// The text the layout puts after a changed value: `*` without colour, where the
    /// highlight alone would not show; nothing in colour.
    public static func changeMark(usesColor: Bool) -> String { usesColor ? "" : "*" }

    /// The style as a renderer shows it, `changed` resolved: in colour, a change is bold in the
    /// highlight colour (yellow); without colour, colours are dropped and a change is bold and
    /// reversed. A renderer maps the result to its attributes and nothing else.
    public func drawn(usesColor: Bool) -> Style {
        var style = self
        style.changed = false
        if changed {
            style.bold = true
            if usesColor { style.foreground = .yellow } else { style.reverse = true }
        }
        if !usesColor {
            style.foreground = .default
            style.background = .default
        }
        return style
    }
}
