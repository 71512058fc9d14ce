/// Minimal JSON writing with a fixed field order, so traces are stable and fast to produce.
enum JSON {
    /// A JSON string literal.
    static func string(_ s: String) -> String {
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
        "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    static func value(_ v: ChangeValue) -> String {
        switch v {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .string(let s): string(s)
        case .array(let a): array(a.map(value))
        case .object(let o): object(o.sorted { $0.key < $1.key }.map { ($0.key, value($0.value)) })
        }
    }
}
