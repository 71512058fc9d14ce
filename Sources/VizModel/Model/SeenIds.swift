/// The ids a walk has met: the first four in place, then a short list searched in place while
/// it is short (most walks meet a few objects, and hashing them cost more than the search), a
/// set once it is long (a `frag_list` thousands deep).
struct SeenIds {
    private var a = 0, b = 0, c = 0, d = 0
    /// How many of `a`, `b`, `c`, `d` hold an id.
    private var inPlace = 0
    private var few: [Int] = []
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
            if many.isEmpty {
                if few.contains(id) { return false }
                if few.count < 16 {
                    few.append(id)
                    return true
                }
                many = Set(few + [a, b, c, d])
            }
            return many.insert(id).inserted
        }
        inPlace += 1
        return true
    }
}
