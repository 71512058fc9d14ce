/// A run of text in one style, before it is placed on a grid.
struct Span: Hashable, Sendable {
    var text: String
    var style: Style

    init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    var width: Int { cellWidth(text) }
}

/// `Grid.width(of:)` with a fast path for ASCII and the one-cell symbols the viewer draws.
func cellWidth(_ text: String) -> Int {
    var ascii = true
    for b in text.utf8 where b >= 0x80 { ascii = false; break }
    if ascii { return text.utf8.count }
    return text.reduce(0) { $0 + cellWidth($1) }
}

func cellWidth(_ c: Character) -> Int {
    if let a = c.asciiValue { return a < 0x20 || a == 0x7F ? 1 : 1 }
    let scalars = c.unicodeScalars
    if scalars.count == 1, let v = scalars.first?.value, v >= 0xA0, v < 0x0300 || (v >= 0x2010 && v < 0x2300) || (v >= 0x2500 && v < 0x25A0) {
        return 1
    }
    return Grid.width(of: c)
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
    func draw(on grid: inout Grid, x: Int, y: Int, limit: Int, offset: Int = 0) {
        for (sx, span) in spans {
            var start = sx - offset
            var text = Substring(span.text)
            while start < 0, let c = text.first {
                start += cellWidth(c)
                text = text.dropFirst()
            }
            var out = ""
            var used = start
            if cellWidth(String(text)) + used <= limit, !text.isEmpty {
                grid.put(String(text), x: x + start, y: y, style: span.style)
                continue
            }
            for c in text {
                let w = cellWidth(c)
                if used + w > limit { break }
                out.append(c)
                used += w
            }
            if !out.isEmpty { grid.put(out, x: x + start, y: y, style: span.style) }
        }
    }

    /// The plain text, for tests and measuring.
    var text: String {
        var g = Grid(width: max(1, width), height: 1)
        draw(on: &g, x: 0, y: 0, limit: width)
        return g.lines[0]
    }
}

/// Breaks `text` at spaces into lines of at most `width` columns, continuation lines indented
/// by `indent`; a word longer than a line is cut.
func wrapText(_ text: String, width: Int, indent: Int = 2) -> [String] {
    let width = max(4, width)
    guard cellWidth(text) > width else { return [text] }
    var lines: [String] = []
    var current = ""
    let pad = String(repeating: " ", count: min(indent, width / 2))
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        let candidate = current.isEmpty ? String(word) : current + " " + word
        if cellWidth(candidate) > width, current.contains(where: { $0 != " " }) {
            lines.append(current)
            current = pad + word
        } else {
            current = candidate
        }
        while cellWidth(current) > width {
            var head = "", w = 0
            for c in current {
                let cw = cellWidth(c)
                if w + cw > width { break }
                head.append(c)
                w += cw
            }
            lines.append(head)
            current = pad + current.dropFirst(head.count)
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}
