extension StateCode {
    /// The state as small integers in one array, objects in id order and references as their
    /// indexes, for numbering and encoding: one allocation for a state, where an array per
    /// object cost most of the canonical form.
    ///
    /// Layout: the sorted ids of the skbs, buffers and pages; a record per skb, per buffer, per
    /// page (`Skb`, `Buffer`, `Page`); then each buffer's `frag_list` (skb indexes), its frag
    /// records (`Frag`) and their lineages (each a set of buffer indexes, ascending).
    ///
    /// A lineage is a set here, as explore.md §2 reads it: the checker only asks whether a
    /// buffer is in it (model.md §5), so the order of the hand-ons and a buffer handed on from
    /// twice (a frag split back and forth) can never matter to a judgment, and states that
    /// differ only there are one state.
    struct View: ~Copyable {
        /// Offsets in an skb's record: users, cloned | nohdr << 1, held, headroom, headlen,
        /// tailroom, len, data_len (its own fields), then its buffer, whether it is on some
        /// live buffer's `frag_list`, and how many skbs share its buffer.
        fileprivate enum Skb {
            static let fields = 8, buffer = 8, onList = 9, sharers = 10, stride = 11
        }

        /// Offsets in a buffer's record: size, dataref's lower half, upper half, destructor |
        /// frag_list owned << 1 | zc << 2 (its own fields), then its `orig` (−1: none live),
        /// where its `frag_list` and frag records are and how many, and the completion object it
        /// carries (an index into `ubufs`, −1: none).
        fileprivate enum Buffer {
            static let fields = 4, orig = 4, listAt = 5, listCount = 6, fragAt = 7, fragCount = 8, ubuf = 9, stride = 10
        }

        /// Offsets in a frag's record: page, off, size, owned, where its lineage (the set of its
        /// live buffers) is and how long, and its origin (0: none) as the model numbers it.
        fileprivate enum Frag {
            static let page = 0, off = 1, size = 2, owned = 3, lineageAt = 4, lineageCount = 5, origin = 6, stride = 7
        }

        /// A page's record: count, held.
        private enum Page {
            static let stride = 2
        }

        let skbCount: Int
        let bufferCount: Int
        let pageCount: Int
        private let skbAt: Int
        private let bufferAt: Int
        private let pageAt: Int
        /// The view's integers: the first `length` of them (the array may have more room).
        private var w: [Int] = []
        private var length = 0
        /// The completion objects a state keeps (`SkbState.listedUbufs`), user data restricted
        /// to the origins of live slots.
        private var ubufs: [UbufInfo] = []
        private var socket = ZerocopySocket()
        /// Whether the zero-copy part is encoded: the state has a completion object, an origin,
        /// a flag or a socket that is not new.
        private var zerocopy = false
        /// At least the length of any code of the state: its number of integers times ten
        /// bytes.
        private(set) var codeBound = 0

        /// - Parameter storage: an array whose room the view takes (what it holds is not read):
        ///   a search reads state after state, and a new array for each cost an allocation, a
        ///   copy and a free.
        init(_ state: borrowing SkbState, storage: consuming [Int] = []) {
            let (ns, nb, np) = (state.skbs.count, state.data.count, state.pages.count)
            (skbCount, bufferCount, pageCount) = (ns, nb, np)
            skbAt = ns + nb + np
            bufferAt = skbAt + ns * Skb.stride
            pageAt = bufferAt + nb * Buffer.stride
            let kept = state.listedUbufs
            var origins: [Int] = []
            var flagged = false
            // Room for explore's bounds (2 frags a buffer, short lineages); a state that needs
            // more is read again with room for all.
            var room = pageAt + np * Page.stride + nb * (2 * Frag.stride + 8) + 8
            var w = storage
            while true {
                if w.count < room { w = Array(repeating: 0, count: room) }
                let written = w.withUnsafeMutableBufferPointer { all in
                    let buf = UnsafeMutableBufferPointer(rebasing: all[..<room])
                    return read(state, kept, into: buf, origins: &origins, flagged: &flagged)
                }
                if let written {
                    length = written
                    break
                }
                room = pageAt + np * Page.stride
                // Each buffer read where its table holds it: `values` copied each one.
                state.data.forEachAddress { b in
                    room += b.pointee.fragList.count + b.pointee.frags.count * Frag.stride
                    for f in b.pointee.frags { room += f.lineage.count }
                }
                origins.removeAll()
            }
            self.w = w
            ubufs = kept.map { u in
                var u = u
                u.userData = u.userData.filter { origins.contains($0) }
                return u
            }
            // Read in place, and kept only when it is not new: copying the socket, and
            // comparing it with a new one, cost a state of the other designs as much.
            let newSocket = state.socket.isNew
            if !newSocket { socket = state.socket }
            zerocopy = !ubufs.isEmpty || !origins.isEmpty || !newSocket || flagged
            codeBound = bound()
        }

        /// Writes the view of `state` into `buf`, with `kept` its completion objects;
        /// collects the frags' origins and whether a buffer has the zero-copy flag. Nil when
        /// `buf` is too small; else the length written.
        private func read(_ state: borrowing SkbState, _ kept: [UbufInfo], into buf: UnsafeMutableBufferPointer<Int>, origins: inout [Int],
                          flagged: inout Bool) -> Int? {
            let (ns, nb, np) = (skbCount, bufferCount, pageCount)
            let skbIds = UnsafeMutableBufferPointer(rebasing: buf[0..<ns])
            let bufferIds = UnsafeMutableBufferPointer(rebasing: buf[ns..<ns + nb])
            let pageIds = UnsafeMutableBufferPointer(rebasing: buf[ns + nb..<skbAt])
            // The tables go in id order, ascending: the k-th value's index is k, and its id the
            // k-th id.
            var k = 0
            for id in state.skbs.keys { (skbIds[k], k) = (id, k + 1) }
            k = 0
            for id in state.data.keys { (bufferIds[k], k) = (id, k + 1) }
            k = 0
            for id in state.pages.keys { (pageIds[k], k) = (id, k + 1) }
            // Each buffer's heads are counted in its record's `ubuf` slot until the record is
            // written.
            for b in 0..<nb { buf[bufferAt + b * Buffer.stride + Buffer.ubuf] = 0 }
            k = 0
            state.skbs.forEachValue { s in
                let at = skbAt + k * Skb.stride
                k += 1
                // Every other integer of the view is written below; this one only for a member.
                buf[at + Skb.onList] = 0
                buf[at] = s.users
                buf[at + 1] = (s.cloned ? 1 : 0) | (s.nohdr ? 2 : 0)
                buf[at + 2] = s.held
                buf[at + 3] = s.headroom
                buf[at + 4] = s.headlen
                buf[at + 5] = s.tailroom
                buf[at + 6] = s.len
                buf[at + 7] = s.dataLen
                let b = bufferIds.place(of: s.data)!
                buf[at + Skb.buffer] = b
                buf[bufferAt + b * Buffer.stride + Buffer.ubuf] += 1
            }
            for s in 0..<ns {
                let at = skbAt + s * Skb.stride
                buf[at + Skb.sharers] = buf[bufferAt + buf[at + Skb.buffer] * Buffer.stride + Buffer.ubuf]
            }
            k = 0
            state.pages.forEachValue { p in
                let at = pageAt + k * Page.stride
                k += 1
                buf[at] = p.count
                buf[at + 1] = p.held
            }
            var end = pageAt + np * Page.stride
            var fits = true
            k = 0
            // Read where the table holds it: a copy of each buffer cost more than its reading.
            state.data.forEachAddress { b in
                let at = bufferAt + k * Buffer.stride
                k += 1
                fits = fits && b.pointee.write(into: buf, at: at, end: &end, ids: (skbIds, bufferIds, pageIds), kept: kept,
                                               origins: &origins, flagged: &flagged, skbAt: skbAt)
            }
            return fits ? end : nil
        }

        /// `codeBound`: what `encode` writes is at most so many integers, each at most ten bytes
        /// (a 64-bit value's LEB128). Bounding each integer by the largest value, which a
        /// scan of the view found, cost more than the room it saved: the bound sizes scratch
        /// space that is kept from state to state and written only as far as a code goes.
        private func bound() -> Int {
            let variable = length - pageAt - pageCount * Page.stride
            var ints = 3 + skbCount * 9 + bufferCount * 7 + pageCount * 2 + variable
            if zerocopy {
                ints += bufferCount + variable + 3 + 3 * socket.errqueue.count
                for u in ubufs.indices { ints += 7 + ubufs[u].userData.count }
            }
            return ints * 10
        }

        /// The array the view read the state into, for the next view to take.
        consuming func storage() -> [Int] { w }

        func buffer(ofSkb s: Int) -> Int { w[skbAt + s * Skb.stride + Skb.buffer] }

        /// Whether the skbs `items[range]`, equal by key, are on one buffer and on no list: every
        /// order of them gives the same code.
        func interchangeable(_ items: UnsafeMutableBufferPointer<Int>, _ range: Range<Int>) -> Bool {
            let buffer = buffer(ofSkb: items[range.lowerBound])
            for i in range {
                let at = skbAt + items[i] * Skb.stride
                if w[at + Skb.buffer] != buffer || w[at + Skb.onList] != 0 { return false }
            }
            return true
        }

        /// For each skb, the first skb it can trade places with, so that swapping the two maps
        /// the state onto itself; as ids, only for the skbs that have one. Two skbs on no list
        /// and equal in every field trade places when they share their buffer (the skbs a run of
        /// `smallest` need not permute), or when each is the only thing that reaches its own
        /// buffer and the buffers hold nothing (`isBare`): the swap then swaps the buffers too.
        func twins() -> [(id: Int, first: Int)] {
            var out: [(id: Int, first: Int)] = []
            for b in 1..<max(1, skbCount) {
                let at = skbAt + b * Skb.stride
                guard w[at + Skb.onList] == 0 else { continue }
                for a in 0..<b where w[skbAt + a * Skb.stride + Skb.onList] == 0 && compareSkbs(a, b) == 0
                    && (buffer(ofSkb: a) == buffer(ofSkb: b) || isBare(a) && isBare(b)) {
                    out.append((id: w[b], first: w[a]))
                    break
                }
            }
            return out
        }

        /// Whether skb `s` is the only thing that reaches its buffer and the buffer holds
        /// nothing: no other head, no `orig` or frag lineage naming it, and no `orig`,
        /// `frag_list`, frag or completion object of its own.
        private func isBare(_ s: Int) -> Bool {
            let buffer = buffer(ofSkb: s), at = bufferAt + buffer * Buffer.stride
            guard w[skbAt + s * Skb.stride + Skb.sharers] == 1, w[at + Buffer.orig] < 0, w[at + Buffer.listCount] == 0,
                  w[at + Buffer.fragCount] == 0, w[at + Buffer.ubuf] < 0, w[at + 3] & 4 == 0 else { return false }
            for c in 0..<bufferCount {
                let other = bufferAt + c * Buffer.stride
                if w[other + Buffer.orig] == buffer { return false }
                for fa in frags(other) where w[(w[fa + Frag.lineageAt]..<w[fa + Frag.lineageAt] + w[fa + Frag.lineageCount])].contains(buffer) {
                    return false
                }
            }
            return true
        }

        /// Numbers buffer `start` and its `orig` chain from `next` on, up to a buffer numbered already.
        func chain(_ start: Int, _ number: UnsafeMutableBufferPointer<Int>, _ next: inout Int) {
            var b = start
            while b >= 0 && number[b] < 0 {
                number[b] = next
                next += 1
                b = w[bufferAt + b * Buffer.stride + Buffer.orig]
            }
        }

        /// Compares skbs by what an skb is on its own: its fields, its place (on a list,
        /// sharers) and its buffer's own key (−1, 0, 1).
        func compareSkbs(_ a: Int, _ b: Int) -> Int {
            let (x, y) = (skbAt + a * Skb.stride, skbAt + b * Skb.stride)
            // Read in place, as `encode` reads.
            let order = w.withUnsafeBufferPointer { w in
                for f in 0..<Skb.stride where f != Skb.buffer && w[x + f] != w[y + f] {
                    return w[x + f] < w[y + f] ? -1 : 1
                }
                return 0
            }
            return order != 0 ? order : compareBuffers(w[x + Skb.buffer], w[y + Skb.buffer])
        }

        /// Compares buffers by what a buffer is on its own, without references to other objects:
        /// its fields, whether it has an `orig`, how many skbs on its list and frags, and each
        /// frag's off, size, owned and lineage length (−1, 0, 1).
        func compareBuffers(_ a: Int, _ b: Int) -> Int {
            let (x, y) = (bufferAt + a * Buffer.stride, bufferAt + b * Buffer.stride)
            for f in 0..<Buffer.fields where w[x + f] != w[y + f] { return w[x + f] < w[y + f] ? -1 : 1 }
            let (ox, oy) = (w[x + Buffer.orig] < 0 ? 0 : 1, w[y + Buffer.orig] < 0 ? 0 : 1)
            if ox != oy { return ox < oy ? -1 : 1 }
            if w[x + Buffer.listCount] != w[y + Buffer.listCount] { return w[x + Buffer.listCount] < w[y + Buffer.listCount] ? -1 : 1 }
            if w[x + Buffer.fragCount] != w[y + Buffer.fragCount] { return w[x + Buffer.fragCount] < w[y + Buffer.fragCount] ? -1 : 1 }
            for (fx, fy) in zip(frags(x), frags(y)) {
                for f in Frag.off..<Frag.owned + 1 where w[fx + f] != w[fy + f] { return w[fx + f] < w[fy + f] ? -1 : 1 }
                if w[fx + Frag.lineageCount] != w[fy + Frag.lineageCount] {
                    return w[fx + Frag.lineageCount] < w[fy + Frag.lineageCount] ? -1 : 1
                }
            }
            return 0
        }

        /// Completes a numbering whose skb order and buffer numbers are set: skb numbers,
        /// buffer order, and pages numbered by first use in the frags of the buffers in number
        /// order, then the pages in no frag by count and hold (those are alike when equal).
        func complete(_ n: Numbering) {
            for (k, s) in n.skbOrder.enumerated() { n.skbNumber[s] = k }
            for (b, k) in n.bufferNumber.enumerated() { n.bufferOrder[k] = b }
            n.pageNumber.update(repeating: -1)
            var next = 0
            for b in n.bufferOrder {
                for fa in frags(bufferAt + b * Buffer.stride) where n.pageNumber[w[fa + Frag.page]] < 0 {
                    n.pageNumber[w[fa + Frag.page]] = next
                    n.pageOrder[next] = w[fa + Frag.page]
                    next += 1
                }
            }
            guard next < pageCount else { return }
            let first = next
            for p in 0..<pageCount where n.pageNumber[p] < 0 {
                n.pageOrder[next] = p
                next += 1
            }
            StateCode.sort(UnsafeMutableBufferPointer(rebasing: n.pageOrder[first...])) { pageLess($0, $1) }
            for k in first..<pageCount { n.pageNumber[n.pageOrder[k]] = k }
        }

        private func pageLess(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (pageAt + a * Page.stride, pageAt + b * Page.stride)
            return (w[x], w[x + 1]) < (w[y], w[y + 1])
        }

        /// Writes the code of numbering `n`, stopping once `out` finds it greater than the
        /// smallest so far.
        func encode(_ n: Numbering, _ out: inout Writer) {
            out.put(skbCount << 1 | (zerocopy ? 1 : 0))
            out.put(bufferCount)
            out.put(pageCount)
            // The integers read in place: the array's own subscript checked every index. The
            // writer is a local meanwhile (`Writer.put`).
            let greater = w.withUnsafeBufferPointer { w in
                var code = out
                defer { out = code }
                for s in n.skbOrder {
                    let at = skbAt + s * Skb.stride
                    for f in at..<at + Skb.fields { code.put(w[f]) }
                    code.put(n.bufferNumber[w[at + Skb.buffer]])
                    if code.isGreater { return true }
                }
                for b in n.bufferOrder {
                    let at = bufferAt + b * Buffer.stride
                    for f in at..<at + Buffer.fields { code.put(w[f]) }
                    let orig = w[at + Buffer.orig]
                    code.put(orig < 0 ? 0 : n.bufferNumber[orig] + 1)
                    code.put(w[at + Buffer.listCount])
                    for m in w[at + Buffer.listAt]..<w[at + Buffer.listAt] + w[at + Buffer.listCount] { code.put(n.skbNumber[w[m]]) }
                    code.put(w[at + Buffer.fragCount])
                    for fa in frags(at) {
                        code.put(n.pageNumber[w[fa + Frag.page]])
                        code.put(w[fa + Frag.off])
                        code.put(w[fa + Frag.size])
                        code.put(w[fa + Frag.owned])
                        code.put(w[fa + Frag.lineageCount])
                        // A set: its buffers in number order.
                        let lineage = w[fa + Frag.lineageAt]..<w[fa + Frag.lineageAt] + w[fa + Frag.lineageCount]
                        for k in n.bufferOrder.indices where w[lineage].contains(n.bufferOrder[k]) { code.put(k) }
                    }
                    if code.isGreater { return true }
                }
                for p in n.pageOrder {
                    code.put(w[pageAt + p * Page.stride])
                    code.put(w[pageAt + p * Page.stride + 1])
                }
                return code.isGreater
            }
            if zerocopy && !greater { encodeZerocopy(n.bufferOrder, &out) }
        }

        /// The zero-copy designs' part (explore.md §12): each buffer's flag and object, each
        /// frag's origin, the objects, the socket. Objects and origins are numbered by first
        /// use in the buffers' order, then the objects no buffer carries by their own fields.
        private func encodeZerocopy(_ bufferOrder: UnsafeMutableBufferPointer<Int>, _ out: inout Writer) {
            var ubufNumber = Array(repeating: -1, count: ubufs.count)
            var originNumber: [Int: Int] = [:]
            var next = 0
            for b in bufferOrder {
                let at = bufferAt + b * Buffer.stride
                let u = w[at + Buffer.ubuf]
                if u >= 0 && ubufNumber[u] < 0 {
                    ubufNumber[u] = next
                    next += 1
                }
                for f in frags(at) where w[f + Frag.origin] != 0 && originNumber[w[f + Frag.origin]] == nil {
                    originNumber[w[f + Frag.origin]] = originNumber.count
                }
            }
            for u in ubufs.indices.filter({ ubufNumber[$0] < 0 }).sorted(by: { ubufKey($0).lexicographicallyPrecedes(ubufKey($1)) }) {
                ubufNumber[u] = next
                next += 1
            }
            for b in bufferOrder {
                let at = bufferAt + b * Buffer.stride
                let u = w[at + Buffer.ubuf]
                out.put(u < 0 ? 0 : ubufNumber[u] + 1)
                for f in frags(at) {
                    let origin = w[f + Frag.origin]
                    out.put(origin == 0 ? 0 : originNumber[origin]! + 1)
                }
            }
            var ubufOrder = Array(repeating: 0, count: ubufs.count)
            for (u, k) in ubufNumber.enumerated() { ubufOrder[k] = u }
            out.put(ubufs.count)
            for u in ubufOrder {
                for f in ubufKey(u) { out.put(f) }
                let data = ubufs[u].userData.compactMap { originNumber[$0] }.sorted()
                out.put(data.count)
                for o in data { out.put(o) }
            }
            out.put(socket.zckey)
            out.put(socket.errqueue.count)
            for e in socket.errqueue {
                out.put(e.lo)
                out.put(e.hi)
                out.put(e.copied ? 1 : 0)
            }
        }

        /// Where the frag records of the buffer whose record is at `at` start.
        private func frags(_ at: Int) -> StrideTo<Int> {
            stride(from: w[at + Buffer.fragAt], to: w[at + Buffer.fragAt] + w[at + Buffer.fragCount] * Frag.stride, by: Frag.stride)
        }

        /// A completion object's own fields: kind, refcount + 1 (0: none), completions, and for
        /// MSG_ZEROCOPY id + 1, len, zerocopy (0 for the others).
        private func ubufKey(_ u: Int) -> [Int] {
            let o = ubufs[u]
            return [Int(o.kind.code), o.refcnt.map { $0 + 1 } ?? 0, o.completions, o.lo.map { $0 + 1 } ?? 0, o.len ?? 0,
                    o.zerocopy.map { $0 ? 2 : 1 } ?? 0]
        }
    }
}

private extension DataBuffer {
    /// Writes the buffer's record at `at` of a view's `buf`, and its `frag_list`, frag records
    /// and lineages from `end` on (`StateCode.View`'s layout); marks its list members' skb
    /// records. False when `buf` is too small.
    func write(into buf: UnsafeMutableBufferPointer<Int>, at: Int, end: inout Int,
               ids: (skbs: UnsafeMutableBufferPointer<Int>, buffers: UnsafeMutableBufferPointer<Int>, pages: UnsafeMutableBufferPointer<Int>),
               kept: [UbufInfo], origins: inout [Int], flagged: inout Bool, skbAt: Int) -> Bool {
        typealias V = StateCode.View
        guard end + fragList.count + frags.count * V.Frag.stride <= buf.count else { return false }
        buf[at] = size
        buf[at + 1] = Int(allRefs)
        buf[at + 2] = Int(payloadRefs)
        buf[at + 3] = (destructor == nil ? 0 : 1) | (fragListOwned ? 2 : 0) | (zc ? 4 : 0)
        buf[at + V.Buffer.orig] = orig.flatMap { ids.buffers.place(of: $0) } ?? -1
        buf[at + V.Buffer.ubuf] = zc ? ubuf.flatMap { u in kept.firstIndex { $0.id == u } } ?? -1 : -1
        flagged = flagged || zc
        buf[at + V.Buffer.listAt] = end
        buf[at + V.Buffer.listCount] = fragList.count
        for m in fragList {
            let i = ids.skbs.place(of: m)!
            buf[end] = i
            end += 1
            buf[skbAt + i * V.Skb.stride + V.Skb.onList] = 1
        }
        let fragAt = end
        buf[at + V.Buffer.fragAt] = fragAt
        buf[at + V.Buffer.fragCount] = frags.count
        end += frags.count * V.Frag.stride
        for j in frags.indices {
            guard end + frags[j].lineage.count <= buf.count else { return false }
            let fa = fragAt + j * V.Frag.stride
            buf[fa + V.Frag.page] = ids.pages.place(of: frags[j].page)!
            buf[fa + V.Frag.off] = frags[j].off
            buf[fa + V.Frag.size] = frags[j].size
            buf[fa + V.Frag.owned] = frags[j].owned ? 1 : 0
            buf[fa + V.Frag.origin] = frags[j].origin
            if frags[j].origin != 0 { origins.append(frags[j].origin) }
            let lineageAt = end
            var e = end
            frags[j].lineage.forEachNewestFirst { b in
                if let i = ids.buffers.place(of: b), !buf[lineageAt..<e].contains(i) {
                    buf[e] = i
                    e += 1
                }
            }
            end = e
            StateCode.sort(UnsafeMutableBufferPointer(rebasing: buf[lineageAt..<end]), by: <)
            buf[fa + V.Frag.lineageAt] = lineageAt
            buf[fa + V.Frag.lineageCount] = end - lineageAt
        }
        return true
    }
}
