@testable import VizModel

/// StateCode as it was before it was rewritten to allocate almost nothing (decoding left
/// out): the new one must give the same bytes.
enum StateCodeReference {
    /// The smallest code of `state` over every renaming: equal iff isomorphic.
    static func canonical(_ state: SkbState) -> [UInt8] {
        codes(state, canonical: true).canonical
    }

    /// Both codes from one reading of the state (the canonical one empty when not asked for).
    static func codes(_ state: SkbState, canonical: Bool) -> (concrete: [UInt8], canonical: [UInt8]) {
        let v = View(state)
        let concrete = v.encode(skbOrder: Array(v.skbs.indices), bufferNumber: Array(v.buffers.indices),
                                pageNumber: Array(v.pages.indices))
        return (concrete, canonical ? smallest(v) : [])
    }

    private static func smallest(_ v: View) -> [UInt8] {
        var best: [UInt8]? = nil
        let skbKeys = v.skbs.indices.map { v.skbKey($0) }
        let sorted = v.skbs.indices.sorted { skbKeys[$0].lexicographicallyPrecedes(skbKeys[$1]) }
        let bufferKeys = v.buffers.indices.map { v.bufferKey($0) }
        // Equal skbs on one buffer and on no list are interchangeable: every order of them
        // gives the same code, so one is enough.
        let interchangeable = { (run: ArraySlice<Int>) in
            run.allSatisfy { v.skbs[$0].buffer == v.skbs[run.first!].buffer && !v.onList[$0] }
        }
        forEachOrder(sorted, equal: { skbKeys[$0] == skbKeys[$1] }, alike: interchangeable) { skbOrder in
            var number = Array(repeating: -1, count: v.buffers.count)
            var next = 0
            func chain(_ start: Int) {
                var b: Int? = start
                while let i = b, number[i] < 0 {
                    number[i] = next
                    next += 1
                    b = v.buffers[i].orig
                }
            }
            for s in skbOrder { chain(v.skbs[s].buffer) }
            let rest = next == v.buffers.count ? [] : v.buffers.indices.filter { number[$0] < 0 }
                .sorted { bufferKeys[$0].lexicographicallyPrecedes(bufferKeys[$1]) }
            let (reached, reachedNext) = (number, next)
            forEachOrder(rest, equal: { bufferKeys[$0] == bufferKeys[$1] }) { restOrder in
                number = reached
                next = reachedNext
                for b in restOrder { chain(b) }
                let code = v.encode(skbOrder: skbOrder, bufferNumber: number, pageNumber: v.pageNumbers(bufferNumber: number))
                if best.map({ code.lexicographicallyPrecedes($0) }) ?? true { best = code }
            }
        }
        return best ?? []
    }

    /// Calls `body` with every order of `items` (sorted) that permutes only runs of equal items,
    /// leaving in place the runs `alike` says give the same code in any order.
    private static func forEachOrder(_ items: [Int], equal: (Int, Int) -> Bool, alike: (ArraySlice<Int>) -> Bool = { _ in false },
                                     _ body: ([Int]) -> Void) {
        guard !items.isEmpty else { return body([]) }
        var runs: [Range<Int>] = []
        var start = 0
        for i in 1...items.count where i == items.count || !equal(items[i - 1], items[i]) {
            runs.append(start..<i)
            start = i
        }
        var order = items
        func permute(_ run: Int) {
            guard run < runs.count else { return body(order) }
            let r = runs[run]
            if r.count == 1 || alike(items[r]) { return permute(run + 1) }
            var slice = Array(order[r])
            heapPermutations(&slice, slice.count) { p in
                order.replaceSubrange(r, with: p)
                permute(run + 1)
            }
        }
        permute(0)
    }

    private static func heapPermutations(_ a: inout [Int], _ n: Int, _ body: ([Int]) -> Void) {
        if n <= 1 { return body(a) }
        for i in 0..<n {
            heapPermutations(&a, n - 1, body)
            a.swapAt(n % 2 == 0 ? i : 0, n - 1)
        }
    }

    /// The state as arrays of small integers with references as indexes, for numbering and
    /// encoding. A class: the numbering's closures capture it, and copying its arrays there
    /// cost a third of the canonical form.
    private final class View {
        struct Skb {
            /// users, cloned | nohdr << 1, held, headroom, headlen, tailroom, len, data_len.
            var fields: [Int]
            var buffer: Int
        }
        struct Frag {
            var page: Int
            var off: Int
            var size: Int
            var owned: Int
            /// Restricted to live buffers, as indexes.
            var lineage: [Int]
            /// The zero-copy designs' origin (0: none), as the model numbers it.
            var origin: Int
        }
        struct Buffer {
            /// size, dataref's lower half, upper half, destructor | frag_list owned << 1 | zc << 2.
            var fields: [Int]
            var orig: Int?
            var fragList: [Int]
            var frags: [Frag]
            /// The completion object it carries, as an index into `ubufs`.
            var ubuf: Int?
        }
        /// The completion objects a state keeps (`SkbState.listedUbufs`), user data
        /// restricted to the origins of live slots.
        var ubufs: [UbufInfo] = []
        var socket = ZerocopySocket()
        /// Whether the zero-copy part is encoded: the state has a completion object, an
        /// origin, a flag or a socket that is not new.
        var zerocopy = false
        var skbs: [Skb] = []
        var buffers: [Buffer] = []
        /// count, held.
        var pages: [(count: Int, held: Int)]
        /// Per skb: on some live buffer's `frag_list`; how many skbs share its buffer.
        var onList: [Bool] = []
        var sharers: [Int] = []

        init(_ state: SkbState) {
            let sortedSkbs = state.sortedSkbs, sortedData = state.sortedData
            let sortedPages = state.pages.values.sorted { $0.id < $1.id }
            pages = sortedPages.map { ($0.count, $0.held) }
            let skbIds = sortedSkbs.map(\.id), bufferIds = sortedData.map(\.id), pageIds = sortedPages.map(\.id)
            skbs = sortedSkbs.map { s in
                Skb(fields: [s.users, (s.cloned ? 1 : 0) | (s.nohdr ? 2 : 0), s.held, s.headroom, s.headlen, s.tailroom, s.len, s.dataLen],
                    buffer: bufferIds.firstIndex(of: s.data)!)
            }
            let kept = state.listedUbufs
            let liveOrigins = sortedData.contains { $0.frags.contains { $0.origin != 0 } }
                ? Set(sortedData.flatMap { $0.frags.map(\.origin) }).subtracting([0]) : []
            ubufs = kept.map { u in
                var u = u
                u.userData = u.userData.filter { liveOrigins.contains($0) }
                return u
            }
            socket = state.socket
            let ubufIds = kept.map(\.id)
            buffers = sortedData.map { b in
                Buffer(fields: [b.size, Int(b.allRefs), Int(b.payloadRefs), (b.destructor == nil ? 0 : 1) | (b.fragListOwned ? 2 : 0) | (b.zc ? 4 : 0)],
                       orig: b.orig.flatMap { bufferIds.firstIndex(of: $0) }, fragList: b.fragList.map { skbIds.firstIndex(of: $0)! },
                       frags: b.frags.map { f in
                           Frag(page: pageIds.firstIndex(of: f.page)!, off: f.off, size: f.size, owned: f.owned ? 1 : 0,
                                lineage: f.lineage.isEmpty ? [] : f.lineage.buffers.compactMap { bufferIds.firstIndex(of: $0) }, origin: f.origin)
                       },
                       ubuf: b.zc ? b.ubuf.flatMap { ubufIds.firstIndex(of: $0) } : nil)
            }
            zerocopy = !ubufs.isEmpty || !liveOrigins.isEmpty || socket != ZerocopySocket() || sortedData.contains(where: \.zc)
            var listed = Array(repeating: false, count: skbs.count)
            for b in buffers { for m in b.fragList { listed[m] = true } }
            onList = listed
            sharers = skbs.map { s in skbs.reduce(0) { $0 + ($1.buffer == s.buffer ? 1 : 0) } }
        }

        /// What a buffer is on its own, without references to other objects.
        func bufferKey(_ i: Int) -> [Int] {
            let b = buffers[i]
            var k = b.fields + [b.orig == nil ? 0 : 1, b.fragList.count, b.frags.count]
            for f in b.frags { k += [f.off, f.size, f.owned, f.lineage.count] }
            return k
        }

        /// What an skb is on its own, with its place (on a list, sharers) and its buffer's own key.
        func skbKey(_ i: Int) -> [Int] {
            skbs[i].fields + [onList[i] ? 1 : 0, sharers[i]] + bufferKey(skbs[i].buffer)
        }

        /// Pages numbered by first use in the frags of the buffers in number order, then the
        /// pages in no frag by count and hold (those are alike when equal).
        func pageNumbers(bufferNumber: [Int]) -> [Int] {
            var number = Array(repeating: -1, count: pages.count)
            var next = 0
            var byNumber = Array(repeating: 0, count: buffers.count)
            for (i, n) in bufferNumber.enumerated() { byNumber[n] = i }
            for b in byNumber {
                for f in buffers[b].frags where number[f.page] < 0 {
                    number[f.page] = next
                    next += 1
                }
            }
            let rest = next == pages.count ? [] : pages.indices.filter { number[$0] < 0 }
                .sorted { (pages[$0].count, pages[$0].held) < (pages[$1].count, pages[$1].held) }
            for p in rest {
                number[p] = next
                next += 1
            }
            return number
        }

        /// The code with skbs in `skbOrder` and buffers and pages numbered as given.
        func encode(skbOrder: [Int], bufferNumber: [Int], pageNumber: [Int]) -> [UInt8] {
            var w = Writer()
            var skbNumber = Array(repeating: 0, count: skbs.count)
            for (n, s) in skbOrder.enumerated() { skbNumber[s] = n }
            var bufferOrder = Array(repeating: 0, count: buffers.count)
            for (i, n) in bufferNumber.enumerated() { bufferOrder[n] = i }
            var pageOrder = Array(repeating: 0, count: pages.count)
            for (i, n) in pageNumber.enumerated() { pageOrder[n] = i }
            w.put(skbs.count << 1 | (zerocopy ? 1 : 0))
            w.put(buffers.count)
            w.put(pages.count)
            for i in skbOrder {
                for f in skbs[i].fields { w.put(f) }
                w.put(bufferNumber[skbs[i].buffer])
            }
            for i in bufferOrder {
                let b = buffers[i]
                for f in b.fields { w.put(f) }
                w.put(b.orig.map { bufferNumber[$0] + 1 } ?? 0)
                w.put(b.fragList.count)
                for m in b.fragList { w.put(skbNumber[m]) }
                w.put(b.frags.count)
                for f in b.frags {
                    w.put(pageNumber[f.page])
                    w.put(f.off)
                    w.put(f.size)
                    w.put(f.owned)
                    w.put(f.lineage.count)
                    for l in f.lineage { w.put(bufferNumber[l]) }
                }
            }
            for i in pageOrder {
                w.put(pages[i].count)
                w.put(pages[i].held)
            }
            if zerocopy { encodeZerocopy(&w, bufferOrder: bufferOrder) }
            return w.bytes
        }

        /// The zero-copy designs' part (explore.md §12): each buffer's flag and object, each
        /// frag's origin, the objects, the socket. Objects and origins are numbered by first
        /// use in the buffers' order, then the objects no buffer carries by their own fields.
        private func encodeZerocopy(_ w: inout Writer, bufferOrder: [Int]) {
            var ubufNumber: [Int: Int] = [:], originNumber: [Int: Int] = [:]
            for i in bufferOrder {
                let b = buffers[i]
                if let u = b.ubuf, ubufNumber[u] == nil { ubufNumber[u] = ubufNumber.count }
                for f in b.frags where f.origin != 0 && originNumber[f.origin] == nil { originNumber[f.origin] = originNumber.count }
            }
            for u in ubufs.indices.filter({ ubufNumber[$0] == nil }).sorted(by: { ubufKey($0).lexicographicallyPrecedes(ubufKey($1)) }) {
                ubufNumber[u] = ubufNumber.count
            }
            for i in bufferOrder {
                let b = buffers[i]
                w.put(b.ubuf.map { ubufNumber[$0]! + 1 } ?? 0)
                for f in b.frags { w.put(f.origin == 0 ? 0 : originNumber[f.origin]! + 1) }
            }
            var ubufOrder = Array(repeating: 0, count: ubufs.count)
            for (u, n) in ubufNumber { ubufOrder[n] = u }
            w.put(ubufs.count)
            for u in ubufOrder {
                for f in ubufKey(u) { w.put(f) }
                let data = ubufs[u].userData.compactMap { originNumber[$0] }.sorted()
                w.put(data.count)
                for o in data { w.put(o) }
            }
            w.put(socket.zckey)
            w.put(socket.errqueue.count)
            for n in socket.errqueue {
                w.put(n.lo)
                w.put(n.hi)
                w.put(n.copied ? 1 : 0)
            }
        }

        /// A completion object's own fields: kind, refcount + 1 (0: none), completions, and for
        /// MSG_ZEROCOPY id + 1, len, zerocopy (0 for the others).
        func ubufKey(_ u: Int) -> [Int] {
            let o = ubufs[u]
            return [Int(o.kind.code), o.refcnt.map { $0 + 1 } ?? 0, o.completions, o.lo.map { $0 + 1 } ?? 0, o.len ?? 0,
                    o.zerocopy.map { $0 ? 2 : 1 } ?? 0]
        }
    }

    /// Non-negative integers as LEB128 varints: the model's values here are small.
    private struct Writer {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(96) }

        mutating func put(_ value: Int) {
            var v = UInt(value)
            while v >= 0x80 {
                bytes.append(UInt8(v & 0x7f) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }
    }
}
