/// Plain text for mail: ASCII only, lines at most a given width.
public enum PlainText {
    /// `s` with the few non-ASCII symbols the model and the viewer's texts write spelled in
    /// ASCII (`→` as `->`, `≤` as `<=`, the object cursor's `▸` as `>`), and any other
    /// non-ASCII character as `?`.
    public static func ascii(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 >= 0x80 }) else { return s }
        var out = ""
        for c in s {
            if c.isASCII { out.append(c); continue }
            switch c {
            case "→": out += "->"
            case "←": out += "<-"
            case "≤": out += "<="
            case "≥": out += ">="
            case "≠": out += "!="
            case "…": out += "..."
            case "×": out += "x"
            case "—", "–": out += "-"
            case "·": out += "."
            case "▸": out += ">"
            default: out += "?"
            }
        }
        return out
    }

    /// Breaks `line` at spaces so that no piece is wider than `width`; continuation lines are
    /// indented four more than the line's own indent.
    public static func wrap(_ line: String, width: Int) -> [String] {
        line.wrapped(width: width, indent: line.prefix { $0 == " " }.count + 4)
    }

    /// `lines` made ASCII and wrapped to `width`.
    public static func fit(_ lines: [String], width: Int) -> [String] {
        lines.flatMap { wrap(ascii($0), width: width) }
    }
}
