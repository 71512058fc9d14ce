/// Minimal JSON writing with a fixed field order, so traces are stable and fast to produce.
enum JSON {
    /// A JSON string literal.
    static func string(_ s: String) -> String {
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func string(_ s: String?) -> String { s.map { string($0) } ?? "null" }

    /// `{"a":1,"b":"x"}` from already encoded values, in the given order.
    static func object(_ fields: [(String, String)]) -> String {
        var out = "{"
        for (i, (name, value)) in fields.enumerated() {
            if i > 0 { out += "," }
            out += "\""
            out += name
            out += "\":"
            out += value
        }
        return out + "}"
    }

    static func array(_ items: [String]) -> String {
        var out = "["
        for (i, item) in items.enumerated() {
            if i > 0 { out += "," }
            out += item
        }
        return out + "]"
    }
}
