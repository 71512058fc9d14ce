extension Array where Element == Int {
    /// The ids ascending, each once: a few ids, sorted without hashing.
    func ascendingOnce() -> [Int] {
        guard count > 1 else { return self }
        var sorted = self.sorted()
        var kept = 0
        for i in sorted.indices where i == 0 || sorted[i] != sorted[kept - 1] {
            sorted[kept] = sorted[i]
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
        return sorted
    }
}
