/// A JSON line built as bytes: the trace's hot path (a `state` record after every call and a
/// `step` record for every step) is dominated by text building, which bytes make cheap.
struct JSONBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// A literal's bytes. String literals come here, not to `raw(string:)`: a `String`
    /// argument costs a conversion and a copy on every call, and the trace makes millions.
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { utf8 in
            if utf8.count == 1 { bytes.append(utf8[0]) } else { bytes.append(contentsOf: utf8) }
        }
    }

    mutating func raw(string s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ b: [UInt8]) {
        bytes.append(contentsOf: b)
    }

    mutating func int(_ v: Int) {
        if v < 0 {
            bytes.append(0x2D)
            if v == Int.min {
                raw(string: String(v).dropFirst().description)
                return
            }
        }
        var n = v < 0 ? -v : v
        if n == 0 {
            bytes.append(0x30)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 {
                d[count] = UInt8(0x30 + n % 10)
                n /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    mutating func bool(_ v: Bool) {
        v ? raw("true") : raw("false")
    }

    /// A JSON string literal, escaped as trace-format.md's readers expect.
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            bytes.append(0x22)
            if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                bytes.append(contentsOf: utf8)
            } else {
                escape(utf8)
            }
            bytes.append(0x22)
        }
    }

    private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
        for b in utf8 {
            switch b {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(hexDigit(b >> 4))
                bytes.append(hexDigit(b & 0xF))
            default:
                bytes.append(b)
            }
        }
    }

    mutating func string(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    mutating func value(_ v: ChangeValue) {
        switch v {
        case .null: raw("null")
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .string(let s): string(s)
        case .array(let a):
            bytes.append(0x5B)
            for (i, item) in a.enumerated() {
                if i > 0 { bytes.append(0x2C) }
                value(item)
            }
            bytes.append(0x5D)
        case .object(let o):
            bytes.append(0x7B)
            for (i, key) in o.keys.sorted().enumerated() {
                if i > 0 { bytes.append(0x2C) }
                string(key)
                bytes.append(0x3A)
                value(o[key]!)
            }
            bytes.append(0x7D)
        }
    }

    private func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x61 + v - 10 }
}
