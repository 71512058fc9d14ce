/// SVG source being written: elements with escaped attributes, numbers with at most one
/// decimal, and styled text whose spans become `<tspan>`s with the classes of
/// `Style.drawn(usesColor: true)` (the one rule for how a change looks), a changed span also
/// getting a highlight behind it.
struct SVGText {
    private(set) var text = ""

    init() {
        text.reserveCapacity(1 << 14)
    }

    mutating func raw(_ s: String) {
        text += s
    }

    /// `<name a="v" …/>`, or `<name …>` when `open`.
    mutating func element(_ name: String, _ attributes: [(String, String)], open: Bool = false) {
        text += "<" + name
        for (key, value) in attributes { text += " \(key)=\"\(Self.escaped(value))\"" }
        text += open ? ">" : "/>"
        text += open ? "" : "\n"
    }

    mutating func close(_ name: String) {
        text += "</\(name)>\n"
    }

    /// A `<title>` (a tooltip in browsers, the accessible name of its parent).
    mutating func title(_ s: String) {
        text += "<title>\(Self.escaped(s))</title>"
    }

    /// One line of styled text starting at `x` with baseline `y`.
    mutating func line(_ spans: [Span], x: Double, y: Double, size: Double = Metrics.fontSize, className: String? = nil) {
        let cell = Metrics.cell * size / Metrics.fontSize
        var column = 0
        for span in spans {
            // The highlight covers the span's text, not the blanks around it.
            let lead = span.text.prefix { $0 == " " }.count, trail = span.text.reversed().prefix { $0 == " " }.count
            if span.style.changed, lead < span.text.count {
                let start = x + Double(column + lead) * cell - 1, cells = span.width - lead - trail
                element("rect", [("class", "hl"), ("x", Self.number(start)), ("y", Self.number(y - size + 1)),
                                 ("width", Self.number(Double(cells) * cell + 2)), ("height", Self.number(size + 3)), ("rx", "2")])
            }
            column += span.width
        }
        var attributes = [("x", Self.number(x)), ("y", Self.number(y))]
        if size != Metrics.fontSize { attributes.append(("font-size", Self.number(size))) }
        if let className { attributes.append(("class", className)) }
        element("text", attributes, open: true)
        for span in spans {
            let classes = Self.classes(span.style)
            if classes.isEmpty {
                text += Self.escaped(span.text)
            } else {
                text += "<tspan class=\"\(classes)\">\(Self.escaped(span.text))</tspan>"
            }
        }
        close("text")
    }

    /// The classes of a style as drawn in colour: `b` bold, `dim`, `u` underline, `f-COLOR`.
    static func classes(_ style: Style) -> String {
        let s = style.drawn(usesColor: true)
        var out: [String] = []
        if s.bold { out.append("b") }
        if s.dim { out.append("dim") }
        if s.underline { out.append("u") }
        if s.foreground != .default { out.append("f-" + s.foreground.rawValue) }
        return out.joined(separator: " ")
    }

    /// `12`, `7.2`: rounded to one decimal, no trailing `.0`.
    static func number(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }

    /// Text as XML character data or an attribute value: `& < > " '` as entities, and a
    /// control character (which XML 1.0 cannot carry) as `\xNN`.
    static func escaped(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
        else { return s }
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case _ where u.value < 0x20 || u.value == 0x7F:
                let hex = String(u.value, radix: 16, uppercase: false)
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
