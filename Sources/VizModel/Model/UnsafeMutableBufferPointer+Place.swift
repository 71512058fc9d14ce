extension UnsafeMutableBufferPointer<Int> {
    /// The place of `id` among these ascending ids, or nil: the flat walks of a state (the
    /// search's view, the whole-state check) number objects by their place in id order.
    func place(of id: Int) -> Int? {
        var (lo, hi) = (0, count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < count && self[lo] == id ? lo : nil
    }
}
