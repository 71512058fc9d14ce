/// A run of text in one style, before it is placed on a grid.
struct Span: Hashable, Sendable {
    var text: String
    var style: Style
    /// What a changed drawing (a buffer's byte counts and bar) is called when it is out of
    /// view (`s2 skb_headroom 64 skb_headlen 54 skb_tailroom 138`): its glyphs say nothing in words. Nil for text,
    /// which names itself (`ChangeFollow`).
    var changeName: String?

    init(_ text: String, _ style: Style = .plain, changeName: String? = nil) {
        self.text = text
        self.style = style
        self.changeName = changeName
    }

    var width: Int { Grid.width(of: text) }
}

/// One line of styled text, placed at columns relative to its start.
struct StyledLine: Hashable, Sendable {
    private(set) var spans: [(x: Int, span: Span)] = []
    /// The column after the last span.
    private(set) var width = 0

    init() {}

    init(_ text: String, _ style: Style = .plain) {
        append(Span(text, style))
    }

    init(_ spans: [Span]) {
        for s in spans { append(s) }
    }

    static func == (a: StyledLine, b: StyledLine) -> Bool {
        a.width == b.width && a.spans.map(\.x) == b.spans.map(\.x) && a.spans.map(\.span) == b.spans.map(\.span)
    }

    func hash(into h: inout Hasher) {
        h.combine(width)
        for s in spans { h.combine(s.x); h.combine(s.span) }
    }

    mutating func append(_ span: Span) {
        place(span, at: width)
    }

    mutating func append(_ text: String, _ style: Style = .plain) {
        append(Span(text, style))
    }

    mutating func append(_ spans: [Span]) {
        for s in spans { append(s) }
    }

    /// Puts `span` at column `x` (later spans win where they overlap when drawn).
    mutating func place(_ span: Span, at x: Int) {
        guard !span.text.isEmpty else { return }
        spans.append((x, span))
        width = max(width, x + span.width)
    }

    mutating func place(_ spans: [Span], at x: Int) {
        var column = x
        for s in spans {
            place(s, at: column)
            column += s.width
        }
    }

    /// Pads with blanks to column `x`.
    mutating func pad(to x: Int) {
        width = max(width, x)
    }

    /// Draws the line on `grid` from (`x`, `y`), cut at `limit` columns.
    func draw(on grid: inout Grid, x: Int, y: Int, limit: Int) {
        for (start, span) in spans {
            let text = Grid.width(of: span.text) <= limit - start
                ? Substring(span.text) : Grid.prefix(of: Substring(span.text), fitting: limit - start)
            if !text.isEmpty { grid.put(String(text), x: x + start, y: y, style: span.style) }
        }
    }

    /// The plain text, for tests and measuring.
    var text: String {
        var g = Grid(width: max(1, width), height: 1)
        draw(on: &g, x: 0, y: 0, limit: width)
        return g.lines[0]
    }
}
