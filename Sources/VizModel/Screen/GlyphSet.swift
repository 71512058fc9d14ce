/// The characters the layout draws frames, bars and markers with.
///
/// `unicode` uses box drawing and block characters, all one cell wide; `ascii` is the
/// fallback for a locale that cannot do UTF-8. Each glyph is a single character.
public struct GlyphSet: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// `▶`: the head of an arrow pointing right, and the current-line marker.
    public var arrowHead: Character
    /// `░`: headroom in a buffer bar.
    public var headroom: Character
    /// `█`: data in a buffer bar.
    public var data: Character
    /// `·`: tailroom in a buffer bar.
    public var tailroom: Character

    public init(
        horizontal: Character, vertical: Character,
        topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character,
        arrowHead: Character, headroom: Character, data: Character, tailroom: Character
    ) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.arrowHead = arrowHead
        self.headroom = headroom
        self.data = data
        self.tailroom = tailroom
    }

    /// Box drawing and block characters.
    public static let unicode = GlyphSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        arrowHead: "▶", headroom: "░", data: "█", tailroom: "·"
    )

    /// Plain ASCII, for terminals and locales without UTF-8.
    public static let ascii = GlyphSet(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        arrowHead: ">", headroom: ":", data: "#", tailroom: "."
    )
}
