/// The ids a walk has met: a short list searched in place while it is short (most walks meet a
/// few objects, and hashing them cost more than the search), a set once it is long (a
/// `frag_list` thousands deep).
struct SeenIds {
    private var few: [Int] = []
    private var many: Set<Int> = []

    /// Adds `id`; false when it was met already.
    mutating func insert(_ id: Int) -> Bool {
        if many.isEmpty {
            if few.contains(id) { return false }
            if few.count < 16 {
                few.append(id)
                return true
            }
            many = Set(few)
        }
        return many.insert(id).inserted
    }
}
