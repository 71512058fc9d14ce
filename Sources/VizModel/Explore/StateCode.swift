/// A state of `explore` (spec explore.md §2) as bytes: the fields that can still matter, with
/// skbs, buffers and pages numbered by an order, ids and names left out.
///
/// The concrete code numbers objects in creation order (ids grow with allocation), so the
/// state it decodes to orders its handles, and so its letters, as the path that reached it
/// did. The canonical code (§8) takes the smallest code over every numbering that sorts the
/// skbs by a local key and walks the buffers from them: equal exactly when the states are
/// equal up to renaming.
enum StateCode {
    /// The smallest code of `state` over every renaming: equal iff isomorphic.
    static func canonical(_ state: SkbState) -> [UInt8] {
        codes(state, canonical: true).canonical
    }

    /// The skbs of `state` that can trade places with an skb of a smaller id (`View.twins`),
    /// each with the first such id.
    static func twins(_ state: SkbState) -> [(id: Int, first: Int)] {
        View(state).twins()
    }

    /// Both codes from one reading of the state, each one empty when not asked for. The
    /// canonical search starts from the concrete code when that one is asked for too (its
    /// numbering is then not written again); alone, it writes none.
    static func codes(_ state: SkbState, canonical: Bool, concrete keep: Bool = true) -> (concrete: [UInt8], canonical: [UInt8]) {
        var storage: [Int] = []
        return codes(state, canonical: canonical, concrete: keep, storage: &storage)
    }

    /// `codes`, with the view read into `storage`'s room, handed back for the next state.
    static func codes(_ state: SkbState, canonical: Bool, concrete keep: Bool = true,
                      storage: inout [Int]) -> (concrete: [UInt8], canonical: [UInt8]) {
        var scratch: [UInt8] = []
        let (concrete, canonical) = write(state, canonical: canonical, concrete: keep, storage: &storage, into: &scratch)
        return (Array(scratch[concrete]), Array(scratch[canonical]))
    }

    /// Writes both codes into `scratch` and says where each is (empty when not asked for): a
    /// search which only hashes a code and looks it up copies none. `storage` and `scratch`
    /// are room handed back for the next state (what they hold is not read).
    static func write(_ state: SkbState, canonical: Bool, concrete keep: Bool, storage: inout [Int],
                      into scratch: inout [UInt8]) -> (concrete: Range<Int>, canonical: Range<Int>) {
        let taken = storage
        storage = []
        let v = View(state, storage: taken)
        // The concrete code, then the search's two codes.
        if scratch.count < 3 * v.codeBound { scratch = Array(repeating: 0, count: 3 * v.codeBound) }
        let out = withUnsafeTemporaryAllocation(of: Int.self, capacity: Numbering.capacity(v)) { space in
            let n = Numbering(v, space)
            return scratch.withUnsafeMutableBufferPointer { all in
                let bytes = UnsafeMutableBufferPointer(rebasing: all[..<(3 * v.codeBound)])
                let search = Writer(searchingIn: UnsafeMutableBufferPointer(rebasing: bytes[v.codeBound...]))
                guard keep else {
                    guard canonical else { return (0..<0, 0..<0) }
                    return (0..<0, smallest(v, n, concrete: nil, search).smallest(in: bytes))
                }
                var w = Writer(into: UnsafeMutableBufferPointer(rebasing: bytes[..<v.codeBound]))
                v.encode(n, &w)
                guard canonical else { return (0..<w.count, 0..<0) }
                let written = UnsafeMutableBufferPointer(rebasing: bytes[..<w.count])
                return (0..<w.count, smallest(v, n, concrete: written, search).smallest(in: bytes))
            }
        }
        storage = v.storage()
        return out
    }

    /// The smallest code over the numberings of spec §8: every order of the skbs sorted by key,
    /// buffers numbered by the walk from them, then the others by key, each followed by its
    /// `orig` chain. A code is dropped as soon as its prefix is greater than the smallest so far;
    /// the numbering of the concrete code, when given, is not written again (it is offered as
    /// written). The writer returned holds the smallest.
    private static func smallest(_ v: borrowing View, _ n: Numbering, concrete: UnsafeMutableBufferPointer<UInt8>?, _ writer: Writer) -> Writer {
        var w = writer
        let order = n.skbOrder
        sort(order) { v.compareSkbs($0, $1) < 0 }
        // Runs of equal skbs are permuted, except those on one buffer and on no list: every
        // order of them gives the same code, so one is enough.
        var runs = 0
        var start = 0
        for i in order.indices.dropFirst() where v.compareSkbs(order[i - 1], order[i]) != 0 {
            note(start..<i, in: n.skbRuns, &runs, unless: v.interchangeable(order, start..<i))
            start = i
        }
        note(start..<order.count, in: n.skbRuns, &runs, unless: v.interchangeable(order, start..<order.count))
        repeat {
            numberBuffers(v, n, concrete: concrete, &w)
        } while nextOrder(order, runs: n.skbRuns, runs)
        return w
    }

    /// Numbers the buffers from the skbs in `n.skbOrder`, then those no skb reaches in every
    /// order sorted by key, and writes each numbering's code.
    private static func numberBuffers(_ v: borrowing View, _ n: Numbering, concrete: UnsafeMutableBufferPointer<UInt8>?, _ w: inout Writer) {
        let number = n.bufferNumber
        number.update(repeating: -1)
        var next = 0
        for s in n.skbOrder { v.chain(v.buffer(ofSkb: s), number, &next) }
        guard next < number.count else { return write(v, n, concrete: concrete, &w) }
        var count = 0
        for b in number.indices where number[b] < 0 {
            n.rest[count] = b
            count += 1
        }
        let rest = UnsafeMutableBufferPointer(rebasing: n.rest[0..<count])
        sort(rest) { v.compareBuffers($0, $1) < 0 }
        var runs = 0
        var start = 0
        for i in rest.indices.dropFirst() where v.compareBuffers(rest[i - 1], rest[i]) != 0 {
            note(start..<i, in: n.restRuns, &runs)
            start = i
        }
        note(start..<count, in: n.restRuns, &runs)
        _ = n.reached.update(fromContentsOf: number)
        let reachedNext = next
        repeat {
            _ = number.update(fromContentsOf: n.reached)
            next = reachedNext
            for b in rest { v.chain(b, number, &next) }
            write(v, n, concrete: concrete, &w)
        } while nextOrder(rest, runs: n.restRuns, runs)
    }

    /// Writes the code of a numbering whose skb order and buffer numbers are set.
    private static func write(_ v: borrowing View, _ n: Numbering, concrete: UnsafeMutableBufferPointer<UInt8>?, _ w: inout Writer) {
        v.complete(n)
        if let concrete, n.isIdentity {
            w.offer(concrete)
        } else {
            w.begin()
            v.encode(n, &w)
            w.end()
        }
    }

    /// Sorts a few items in place, keeping equal ones in their order (insertion sort).
    static func sort(_ a: UnsafeMutableBufferPointer<Int>, by less: (Int, Int) -> Bool) {
        for i in a.indices.dropFirst() {
            let x = a[i]
            var j = i
            while j > 0 && less(x, a[j - 1]) {
                a[j] = a[j - 1]
                j -= 1
            }
            a[j] = x
        }
    }

    /// Adds `run` to the runs to permute (start, end pairs) when it has two items or more and
    /// its orders do not all give the same code.
    private static func note(_ run: Range<Int>, in runs: UnsafeMutableBufferPointer<Int>, _ count: inout Int,
                             unless alike: @autoclosure () -> Bool = false) {
        guard run.count > 1, !alike() else { return }
        runs[count] = run.lowerBound
        runs[count + 1] = run.upperBound
        count += 2
    }

    /// Steps `items` to the next order that permutes only within the runs (`count` integers of
    /// start, end pairs; each run starts ascending): the last run's next permutation, or when it
    /// wraps around to ascending, the run before's, and so on. False when every run wrapped.
    private static func nextOrder(_ items: UnsafeMutableBufferPointer<Int>, runs: UnsafeMutableBufferPointer<Int>, _ count: Int) -> Bool {
        var r = count
        while r > 0 {
            r -= 2
            if nextPermutation(items, runs[r]..<runs[r + 1]) { return true }
        }
        return false
    }

    /// The next permutation of `a[range]` in lexicographic order; false, leaving it ascending,
    /// after the last.
    private static func nextPermutation(_ a: UnsafeMutableBufferPointer<Int>, _ range: Range<Int>) -> Bool {
        var i = range.upperBound - 2
        while i >= range.lowerBound && a[i] >= a[i + 1] { i -= 1 }
        guard i >= range.lowerBound else {
            reverse(a, range)
            return false
        }
        var j = range.upperBound - 1
        while a[j] <= a[i] { j -= 1 }
        a.swapAt(i, j)
        reverse(a, i + 1..<range.upperBound)
        return true
    }

    private static func reverse(_ a: UnsafeMutableBufferPointer<Int>, _ range: Range<Int>) {
        var (i, j) = (range.lowerBound, range.upperBound - 1)
        while i < j {
            a.swapAt(i, j)
            (i, j) = (i + 1, j - 1)
        }
    }

    /// Builds the state a concrete code stands for: ids 1… in code order, no names. The state
    /// keeps no referrers (`SkbState.keepsReferrers`): explore's states are small enough to
    /// walk. So skbs, buffers and pages go straight into their tables (the state derives
    /// nothing else from them: a page without a kernel name has no name to note); the
    /// zero-copy part goes in through the state's subscript, as a step's deltas do.
    static func decode(_ code: [UInt8]) -> SkbState {
        var r = Reader(bytes: code)
        let header = r.next()
        let ns = header >> 1, nb = r.next(), np = r.next()
        let zerocopy = header & 1 != 0
        var state = SkbState()
        state.keepsReferrers = false
        state.skbs.reserveCapacity(ns)
        state.data.reserveCapacity(nb)
        state.pages.reserveCapacity(np)
        for i in 0..<ns {
            let users = r.next(), flags = r.next(), held = r.next()
            let headroom = r.next(), headlen = r.next(), tailroom = r.next(), len = r.next(), dataLen = r.next()
            let buffer = r.next()
            var s = SkBuff(id: i + 1, data: buffer + 1, size: 0)
            s.users = users
            s.cloned = flags & 1 != 0
            s.nohdr = flags & 2 != 0
            s.held = held
            s.headroom = headroom
            s.headlen = headlen
            s.tailroom = tailroom
            s.len = len
            s.dataLen = dataLen
            s.truesize = headroom + headlen + tailroom + dataLen
            state.skbs.append(i + 1, s)
        }
        for i in 0..<nb {
            var b = DataBuffer(id: i + 1, size: r.next())
            let lo = UInt32(r.next()), hi = UInt32(r.next())
            b.dataref = hi << Kernel.datarefShift | lo
            let flags = r.next()
            b.destructor = flags & 1 != 0 ? "tun_free" : nil
            b.fragListOwned = flags & 2 != 0
            b.zc = flags & 4 != 0
            let orig = r.next()
            b.orig = orig == 0 ? nil : orig
            b.fragList = (0..<r.next()).map { _ in r.next() + 1 }[...]
            b.frags = (0..<r.next()).map { _ in
                let page = r.next() + 1, off = r.next(), size = r.next(), owned = r.next() != 0
                let lineage = (0..<r.next()).map { _ in r.next() + 1 }
                return Frag(page: page, off: off, size: size, lineage: Lineage(lineage), owned: owned)
            }
            state.data.append(i + 1, b)
        }
        for i in 0..<np {
            var p = Page(id: i + 1)
            p.count = r.next()
            p.held = r.next()
            state.pages.append(i + 1, p)
        }
        state.counters.lastSkb = ns
        state.counters.lastData = nb
        state.counters.lastPage = np
        if zerocopy { decodeZerocopy(&r, buffers: nb, into: &state) }
        return state
    }

    /// Reads what `encodeZerocopy` wrote: objects `u1…` and origins 1… in code order.
    private static func decodeZerocopy(_ r: inout Reader, buffers nb: Int, into state: inout SkbState) {
        var carriers: [(Int, Int?)] = []
        var origins: [[Int]] = []
        for i in 0..<nb {
            let u = r.next()
            carriers.append((i + 1, u == 0 ? nil : u))
            origins.append(state.data[i + 1]!.frags.map { _ in r.next() })
        }
        var maxOrigin = 0
        for u in 0..<r.next() {
            let kind = UbufInfo.Kind(code: UInt(r.next()))
            var o = UbufInfo(id: u + 1, kind: kind, fn: kind == .msg ? Kernel.msgZerocopyCallback : "tun_free")
            let refcnt = r.next(), completions = r.next(), lo = r.next(), len = r.next(), zerocopy = r.next()
            o.refcnt = refcnt == 0 ? nil : refcnt - 1
            o.completions = completions
            o.lo = lo == 0 ? nil : lo - 1
            o.len = kind == .msg ? len : nil
            o.zerocopy = zerocopy == 0 ? nil : zerocopy == 2
            o.userData = (0..<r.next()).map { _ in r.next() + 1 }
            maxOrigin = max(maxOrigin, o.userData.max() ?? 0)
            state[.ubuf(u + 1)] = .ubuf(o)
            state.counters.lastUbuf = u + 1
        }
        for (id, u) in carriers {
            var b = state.data[id]!
            b.ubuf = b.zc ? u : nil
            for (k, origin) in origins[id - 1].enumerated() {
                b.frags[k].origin = origin
                maxOrigin = max(maxOrigin, origin)
            }
            state[.data(id)] = .data(b)
        }
        var socket = ZerocopySocket()
        socket.zckey = r.next()
        socket.errqueue = (0..<r.next()).map { _ in
            let lo = r.next(), hi = r.next()
            return ZerocopySocket.Notification(lo: lo, hi: hi, copied: r.next() != 0)
        }
        state[.socket] = .socket(socket)
        state.counters.lastOrigin = maxOrigin
    }

    private struct Reader {
        let bytes: [UInt8]
        var at = 0

        mutating func next() -> Int {
            var v = 0, shift = 0
            while true {
                let b = bytes[at]
                at += 1
                v |= Int(b & 0x7f) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }
    }
}
