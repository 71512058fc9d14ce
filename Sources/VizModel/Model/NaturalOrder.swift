/// Natural order of names: runs of ASCII digits compare as numbers, other bytes by value.
public enum NaturalOrder {
    /// Returns a negative number, zero or a positive number as `a` sorts before, with, or after `b`.
    public static func compare(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in compare(x, y) } }
    }

    private static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                var i2 = i, j2 = j
                while i2 < x.count && isDigit(x[i2]) { i2 += 1 }
                while j2 < y.count && isDigit(y[j2]) { j2 += 1 }
                let c = compareNumbers(x[i..<i2], y[j..<j2])
                if c != 0 { return c }
                i = i2; j = j2
            } else {
                if x[i] != y[j] { return Int(x[i]) - Int(y[j]) }
                i += 1; j += 1
            }
        }
        return (x.count - i) - (y.count - j)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Compares two digit runs by value, whatever their length or leading zeros.
    private static func compareNumbers(_ a: Slice<UnsafeBufferPointer<UInt8>>, _ b: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        let a = a.drop { $0 == 0x30 }, b = b.drop { $0 == 0x30 }
        if a.count != b.count { return a.count - b.count }
        for (p, q) in zip(a, b) where p != q { return Int(p) - Int(q) }
        return 0
    }
}
