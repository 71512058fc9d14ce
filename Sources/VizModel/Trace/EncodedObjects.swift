/// Encoded objects in id order, as a `state` record lists them; replacing one is a binary
/// search, writing them all is a copy.
struct EncodedObjects {
    private var ids: [Int] = []
    private var parts: [[UInt8]] = []

    /// Replaces the object `id`'s JSON, or removes it (nil).
    mutating func set(_ id: Int, _ bytes: [UInt8]?) {
        var lo = 0, hi = ids.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        let found = lo < ids.count && ids[lo] == id
        switch (found, bytes) {
        case (true, let b?): parts[lo] = b
        case (true, nil):
            ids.remove(at: lo)
            parts.remove(at: lo)
        case (false, let b?):
            ids.insert(id, at: lo)
            parts.insert(b, at: lo)
        case (false, nil): break
        }
    }

    /// The objects, comma-separated.
    func write(into json: inout JSONBytes) {
        for (i, part) in parts.enumerated() {
            if i > 0 { json.raw(",") }
            json.raw(part)
        }
    }
}
