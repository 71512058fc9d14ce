extension StateCode {
    /// A numbering of a view's skbs, buffers and pages (each object's number and the objects in
    /// number order), and the search's scratch, in space the caller allocated once for all of
    /// them: the search tries many numberings of one state.
    struct Numbering {
        let skbOrder: UnsafeMutableBufferPointer<Int>
        let skbNumber: UnsafeMutableBufferPointer<Int>
        let bufferNumber: UnsafeMutableBufferPointer<Int>
        let bufferOrder: UnsafeMutableBufferPointer<Int>
        let pageNumber: UnsafeMutableBufferPointer<Int>
        let pageOrder: UnsafeMutableBufferPointer<Int>
        /// The buffers no skb reaches, and the buffer numbers before they are walked.
        let rest: UnsafeMutableBufferPointer<Int>
        let reached: UnsafeMutableBufferPointer<Int>
        /// The runs of equal skbs and of equal unreached buffers to permute, as start, end pairs
        /// (runs of at least two: at most half as many as items).
        let skbRuns: UnsafeMutableBufferPointer<Int>
        let restRuns: UnsafeMutableBufferPointer<Int>

        /// How many integers a numbering of `v` takes.
        static func capacity(_ v: borrowing View) -> Int {
            3 * v.skbCount + 5 * v.bufferCount + 2 * v.pageCount
        }

        /// Whether this is the numbering in creation order, that of the concrete code (the
        /// orders follow from the numbers).
        var isIdentity: Bool {
            skbOrder.indices.allSatisfy { skbOrder[$0] == $0 } && bufferNumber.indices.allSatisfy { bufferNumber[$0] == $0 }
                && pageNumber.indices.allSatisfy { pageNumber[$0] == $0 }
        }

        /// The numbering in creation (id) order, carved out of `space`.
        init(_ v: borrowing View, _ space: UnsafeMutableBufferPointer<Int>) {
            var at = 0
            func take(_ count: Int) -> UnsafeMutableBufferPointer<Int> {
                defer { at += count }
                return UnsafeMutableBufferPointer(rebasing: space[at..<at + count])
            }
            skbOrder = take(v.skbCount)
            skbNumber = take(v.skbCount)
            bufferNumber = take(v.bufferCount)
            bufferOrder = take(v.bufferCount)
            pageNumber = take(v.pageCount)
            pageOrder = take(v.pageCount)
            rest = take(v.bufferCount)
            reached = take(v.bufferCount)
            skbRuns = take(v.skbCount)
            restRuns = take(v.bufferCount)
            func identity(_ part: UnsafeMutableBufferPointer<Int>) {
                for i in part.indices { part[i] = i }
            }
            identity(skbOrder)
            identity(skbNumber)
            identity(bufferNumber)
            identity(bufferOrder)
            identity(pageNumber)
            identity(pageOrder)
        }
    }
}
