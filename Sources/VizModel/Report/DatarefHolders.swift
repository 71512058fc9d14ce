/// Who holds each reference that a buffer's `dataref` counts: the skbs whose head is the
/// buffer (a full reference, or a payload-only one when `nohdr` is set), the buffers that
/// took a payload reference on it through `orig` (orig-chain), an `orig` reference whose
/// child is freed but which `shinfo_put` drops only at the next step, and what is left over:
/// the running call's, or nobody's once the call has returned. The parts add up to both
/// halves of `dataref`; that is what tells why a data destructor has not fired yet.
public struct DatarefHolders: Equatable, Sendable {
    /// One holder of one reference.
    public enum Holder: Equatable, Sendable {
        /// An skb whose head is the buffer: `payload` when it holds a payload-only reference.
        case skb(name: String, payload: Bool)
        /// A buffer whose `orig` is this one: a payload reference.
        case orig(data: Int)
        /// A buffer freed at this very step whose payload reference `shinfo_put` drops next.
        case pendingOrig(data: Int)
        /// References nobody above accounts for: `payload` of them payload-only.
        case rest(count: Int, payload: Int, callRunning: Bool)
    }

    public var holders: [Holder]
    /// The skbs behind the `orig` holders, down the chain in order (those not among the
    /// holders already): the skbs whose release lets those buffers go.
    public var behind: [String]

    /// The holders of `b`'s references in `state`; `freed` are the buffers the current step
    /// freed (their `orig` reference may still be counted). Nil while the shinfo's `dataref`
    /// is not a count of this buffer's references (not initialised, a memcpy'd copy, or
    /// released).
    public init?(of b: DataBuffer, in state: SkbState, freed: [DataBuffer] = [], callRunning: Bool) {
        self.init(of: b, in: Pointers(state), freed: freed, callRunning: callRunning)
    }

    /// The same with the state's pointers gathered once, for drawing every buffer of a state.
    public init?(of b: DataBuffer, in pointers: Pointers, freed: [DataBuffer] = [], callRunning: Bool) {
        guard b.shinfo == .live else { return nil }
        var holders: [Holder] = []
        var all = 0, payload = 0
        for s in pointers.skbs[b.id] ?? [] where !s.released {
            holders.append(.skb(name: s.name ?? s.ref, payload: s.nohdr))
            all += 1
            if s.nohdr { payload += 1 }
        }
        for c in pointers.children[b.id] ?? [] where c.id != b.id && Self.holdsOrig(c) {
            holders.append(.orig(data: c.id))
            all += 1
            payload += 1
        }
        for c in freed.sorted(by: { $0.id < $1.id }) where c.orig == b.id {
            holders.append(.pendingOrig(data: c.id))
            all += 1
            payload += 1
        }
        let restAll = Int(b.allRefs) - all, restPayload = Int(b.payloadRefs) - payload
        if restAll != 0 || restPayload != 0 {
            holders.append(.rest(count: restAll, payload: restPayload, callRunning: callRunning))
        }
        self.holders = holders
        var behind: [String] = [], seen: Set<Int> = [b.id]
        let direct = Set(holders.compactMap { h -> String? in if case .skb(let name, _) = h { name } else { nil } })
        func follow(_ id: Int) {
            guard seen.insert(id).inserted else { return }
            for s in pointers.skbs[id] ?? [] where !s.released {
                let name = s.name ?? s.ref
                if !direct.contains(name) && !behind.contains(name) { behind.append(name) }
            }
            for c in pointers.children[id] ?? [] where Self.holdsOrig(c) { follow(c.id) }
        }
        for case .orig(let d) in holders { follow(d) }
        self.behind = behind
    }

    /// Whether child buffer `c` still counts its payload reference on its `orig`.
    private static func holdsOrig(_ c: DataBuffer) -> Bool {
        [.live, .datarefCopied, .released].contains(c.shinfo)
    }

    /// What points at each buffer: the skbs whose head it is and the buffers whose `orig` it
    /// is, each in id order.
    public struct Pointers: Sendable {
        let skbs: [Int: [SkBuff]]
        let children: [Int: [DataBuffer]]

        public init(_ state: SkbState) {
            skbs = Dictionary(grouping: state.sortedSkbs, by: \.data)
            children = Dictionary(grouping: state.sortedData.filter { $0.orig != nil }, by: { $0.orig! })
        }

        /// The skbs whose head is buffer `id`, in id order.
        public func skbs(on id: Int) -> [SkBuff] { skbs[id] ?? [] }
    }

    /// `held by b (full), d2 via orig (payload)`.
    public var text: String {
        "held by " + (holders.isEmpty ? "nobody" : holders.map(Self.describe).joined(separator: ", "))
    }

    /// The names a data destructor waits for: `b, d2 (and through it for c)`, or nil when
    /// nothing holds the buffer. References nobody holds after a call come last, said as
    /// such (`x1, d2 (and through it for c), and 1 reference nobody holds (leaked)`), so that
    /// "through it" names the buffer before it.
    public var waitsFor: String? {
        var leaked = 0
        let names = holders.compactMap { h -> String? in
            switch h {
            case .skb(let name, _): return name
            case .orig(let d), .pendingOrig(let d): return "d\(d)"
            case .rest(_, _, true): return "the running call"
            case .rest(let count, _, false):
                leaked = count
                return nil
            }
        }
        let origs = holders.filter { if case .orig = $0 { true } else { false } }.count
        let held = names.isEmpty ? "" : names.joined(separator: ", ")
            + (behind.isEmpty ? "" : " (and through \(origs == 1 ? "it" : "them") for \(behind.joined(separator: ", ")))")
        guard leaked > 0 else { return names.isEmpty ? nil : held }
        let lost = "\(leaked) reference\(leaked == 1 ? "" : "s") nobody holds (leaked)"
        return held.isEmpty ? lost : held + ", and " + lost
    }

    private static func describe(_ h: Holder) -> String {
        switch h {
        case .skb(let name, let payload): payload ? "\(name) (payload, nohdr)" : "\(name) (full)"
        case .orig(let d): "d\(d) via orig (payload)"
        case .pendingOrig(let d): "d\(d) via orig (payload; d\(d) is freed, pending: shinfo_put drops it next)"
        case .rest(let count, let payload, let running):
            "\(count) more" + (payload != 0 ? " (\(payload) payload)" : "") + (running ? " held by the running call" : ": nobody (leaked)")
        }
    }
}
