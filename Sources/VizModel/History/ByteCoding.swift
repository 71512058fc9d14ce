/// Appends values as bytes: unsigned LEB128 varints, zigzag for signed numbers, strings as a
/// length and their UTF-8. The history's packed steps are written with it.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func unsigned(_ value: UInt) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ value: Int) {
        unsigned(UInt(bitPattern: (value << 1) ^ (value >> (Int.bitWidth - 1))))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// 0 for nil, else the value's zigzag code plus one.
    mutating func optional(_ value: Int?) {
        guard let value else { return unsigned(0) }
        unsigned(UInt(bitPattern: (value << 1) ^ (value >> (Int.bitWidth - 1))) + 1)
    }

    mutating func string(_ value: String) {
        unsigned(UInt(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    /// 0 for nil, else the length plus one, then the UTF-8.
    mutating func optional(_ value: String?) {
        guard let value else { return unsigned(0) }
        unsigned(UInt(value.utf8.count) + 1)
        bytes.append(contentsOf: value.utf8)
    }

    /// Each value as its `optional` code (never 0), then a 0: no count in front, so a list
    /// that gains or loses members at either end changes only those bytes (the history's
    /// deltas keep the bytes between the common prefix and suffix).
    mutating func ints<C: Collection<Int>>(_ values: C) {
        for v in values { optional(v) }
        unsigned(0)
    }

    /// A length, then the bytes.
    mutating func block<C: Collection>(_ block: C) where C.Element == UInt8 {
        unsigned(UInt(block.count))
        bytes.append(contentsOf: block)
    }
}

/// Reads what `ByteWriter` wrote, in the same order. The bytes are the history's own, so a
/// malformed input is a programming error, not user input.
struct ByteReader {
    let bytes: [UInt8]
    var at: Int

    init(_ bytes: [UInt8], at: Int = 0) {
        self.bytes = bytes
        self.at = at
    }

    mutating func unsigned() -> UInt {
        var value: UInt = 0, shift: UInt = 0
        while true {
            let b = bytes[at]
            at += 1
            value |= UInt(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

    mutating func count() -> Int { Int(unsigned()) }

    mutating func int() -> Int { Self.unzigzag(unsigned()) }

    mutating func bool() -> Bool {
        defer { at += 1 }
        return bytes[at] != 0
    }

    mutating func optionalInt() -> Int? {
        let u = unsigned()
        return u == 0 ? nil : Self.unzigzag(u - 1)
    }

    mutating func string() -> String {
        let n = count()
        defer { at += n }
        return String(decoding: bytes[at..<at + n], as: UTF8.self)
    }

    mutating func optionalString() -> String? {
        let u = count()
        guard u > 0 else { return nil }
        defer { at += u - 1 }
        return String(decoding: bytes[at..<at + u - 1], as: UTF8.self)
    }

    mutating func ints() -> [Int] {
        var out: [Int] = []
        while let v = optionalInt() { out.append(v) }
        return out
    }

    /// A length-prefixed block: its range in `bytes`.
    mutating func block() -> Range<Int> {
        let n = count()
        defer { at += n }
        return at..<at + n
    }

    private static func unzigzag(_ u: UInt) -> Int {
        Int(bitPattern: u >> 1) ^ -Int(bitPattern: u & 1)
    }
}
