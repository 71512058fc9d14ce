/// Plain text for mail: ASCII only, lines at most a given width.
public enum PlainText {
    /// `s` with the few non-ASCII symbols the model writes spelled in ASCII (`→` as `->`,
    /// `≤` as `<=`), and any other non-ASCII character as `?`.
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
            default: out += "?"
            }
        }
        return out
    }

    /// Breaks `line` at spaces so that no piece is wider than `width`; continuation lines are
    /// indented four more than the line's own indent. A word wider than that is cut.
    public static func wrap(_ line: String, width: Int) -> [String] {
        guard line.count > width else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        let lead = String(repeating: " ", count: min(indent.count + 4, width / 2))
        var out: [String] = []
        var current = indent
        var hasWord = false
        for word in line.dropFirst(indent.count).split(separator: " ") {
            var w = Substring(word)
            if hasWord, current.count + 1 + w.count > width {
                out.append(current)
                current = lead
                hasWord = false
            }
            if hasWord { current += " " }
            // A word that cannot fit on a line of its own is cut.
            while current.count + w.count > width {
                let room = width - current.count
                current += w.prefix(room)
                w = w.dropFirst(room)
                out.append(current)
                current = lead
            }
            current += w
            hasWord = true
        }
        if hasWord || out.isEmpty { out.append(current) }
        return out
    }

    /// `lines` made ASCII and wrapped to `width`.
    public static func fit(_ lines: [String], width: Int) -> [String] {
        lines.flatMap { wrap(ascii($0), width: width) }
    }
}
