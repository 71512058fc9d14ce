extension Array where Element == Int {
    /// The ids ascending, each once: a few ids, sorted without hashing.
    func ascendingOnce() -> [Int] {
        var sorted = self
        sorted.formAscendingOnce()
        return sorted
    }

    /// Sorts the ids ascending, each once, in place: no second array.
    mutating func formAscendingOnce() {
        guard count > 1 else { return }
        sort()
        var kept = 1
        for i in 1..<count where self[i] != self[kept - 1] {
            self[kept] = self[i]
            kept += 1
        }
        removeLast(count - kept)
    }
}
