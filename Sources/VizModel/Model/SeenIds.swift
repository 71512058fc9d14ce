/// The ids a walk has met: the first four in place, the rest in a set. Most walks meet a few
/// objects, and comparing them costs less than hashing them (or allocating anything); a
/// `frag_list` thousands deep meets thousands.
struct SeenIds {
    private var a = 0, b = 0, c = 0, d = 0
    /// How many of `a`, `b`, `c`, `d` hold an id.
    private var inPlace = 0
    private var many: Set<Int> = []

    /// Adds `id`; false when it was met already.
    mutating func insert(_ id: Int) -> Bool {
        if inPlace > 0 && a == id || inPlace > 1 && b == id || inPlace > 2 && c == id || inPlace > 3 && d == id { return false }
        switch inPlace {
        case 0: a = id
        case 1: b = id
        case 2: c = id
        case 3: d = id
        default:
            if many.isEmpty { many = [a, b, c, d] }
            return many.insert(id).inserted
        }
        inPlace += 1
        return true
    }
}
