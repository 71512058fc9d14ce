/// A step's change of a buffer that changed nothing but its `frag_list`, as the history keeps
/// it: how many members stay in front and at the back, and the members between them before
/// and after.
///
/// `skb_linearize` of a list of n members unlinks them one step each. Kept as the bytes that
/// differ between the buffer's encodings before and after, every step encoded the whole list
/// twice, and undoing or redoing it encoded and decoded it again: n² work for the call (most
/// of the 6.5 s the viewer took to load a list of 10,000 members). A splice compares ids, and
/// applied, keeps the list's storage when members go at one end.
struct FragListSplice: Equatable {
    /// Members kept in front of the change, and at the back.
    var front: Int
    var back: Int
    /// The members between them before the step, and after it.
    var removed: [Int]
    var added: [Int]

    /// The splice from `before` to `after`, when both are buffers equal but for `frag_list`,
    /// and that differs.
    init?(_ before: ObjectValue, _ after: ObjectValue) {
        guard case .data(let b) = before, case .data(let a) = after, b.fragList != a.fragList else { return nil }
        var x = b, y = a
        x.fragList = []
        y.fragList = []
        guard x == y else { return nil }
        let (gone, came) = changedParts(b.fragList, a.fragList)
        front = gone.startIndex - b.fragList.startIndex
        back = b.fragList.endIndex - gone.endIndex
        removed = Array(gone)
        added = Array(came)
    }

    /// The splice `write(to:)` wrote at the reader.
    init(_ r: inout ByteReader) {
        front = r.count()
        back = r.count()
        removed = (0..<r.count()).map { _ in r.int() }
        added = (0..<r.count()).map { _ in r.int() }
    }

    func write(to w: inout ByteWriter) {
        w.unsigned(UInt(front))
        w.unsigned(UInt(back))
        w.unsigned(UInt(removed.count))
        for id in removed { w.int(id) }
        w.unsigned(UInt(added.count))
        for id in added { w.int(id) }
    }

    /// `list` after the step (`forward`) or before it. Members that only go, all at one end,
    /// are dropped from the slice without copying the rest.
    func applied(to list: ArraySlice<Int>, forward: Bool) -> ArraySlice<Int> {
        let (gone, came) = forward ? (removed, added) : (added, removed)
        if came.isEmpty && front == 0 { return list.dropFirst(gone.count) }
        if came.isEmpty && back == 0 { return list.dropLast(gone.count) }
        var out = ArraySlice<Int>()
        out.reserveCapacity(front + came.count + back)
        out += list.prefix(front)
        out += came
        out += list.suffix(back)
        return out
    }
}
