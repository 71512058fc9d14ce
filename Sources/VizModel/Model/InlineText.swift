import Synchronization

/// An optional string kept as plain data, so that a struct holding it copies and destroys
/// without touching a reference count: up to 15 UTF-8 bytes inline (a scenario's names and
/// the kernel's function names), a longer one by its place in a process-wide table of the
/// long strings met so far. Two texts are equal when their strings are: byte for byte inline,
/// as Swift strings once interned (the same for the ASCII identifiers scenarios and the
/// kernel use).
///
/// `explore` copies skbs millions of times a second; with `String?` fields every copy of an
/// skb retained and released its name and destructor.
struct InlineText: Hashable, Sendable {
    /// Bytes 0–7 inline; an interned string's index.
    private var low: UInt64 = 0
    /// Bytes 8–14 inline; the top byte is the inline length + 1 (1–16), 0 for nil, or `interned`.
    private var high: UInt64 = 0

    private static let interned: UInt64 = 0xff
    private static let table = Mutex(Interned())

    /// The long strings met so far, each once.
    private struct Interned {
        var strings: [String] = []
        var index: [String: Int] = [:]
    }

    init(_ text: String?) {
        guard let text else { return }
        let utf8 = text.utf8
        if utf8.count <= 15 {
            for (i, b) in utf8.enumerated() {
                if i < 8 { low |= UInt64(b) << (8 * i) } else { high |= UInt64(b) << (8 * (i - 8)) }
            }
            high |= UInt64(utf8.count + 1) << 56
        } else {
            let i = Self.table.withLock { t in
                if let i = t.index[text] { return i }
                t.strings.append(text)
                t.index[text] = t.strings.count - 1
                return t.strings.count - 1
            }
            low = UInt64(i)
            high = Self.interned << 56
        }
    }

    /// The string, or nil.
    var string: String? {
        let tag = high >> 56
        if tag == 0 { return nil }
        if tag == Self.interned { return Self.table.withLock { $0.strings[Int(low)] } }
        let (first, second) = (low, high)
        return String(unsafeUninitializedCapacity: Int(tag - 1)) { out in
            for i in out.indices { out[i] = UInt8(truncatingIfNeeded: i < 8 ? first >> (8 * i) : second >> (8 * (i - 8))) }
            return out.count
        }
    }
}
