/// Every stored field of a state object as a short byte string, and back.
///
/// The history keeps a step's change of an object as the bytes that differ between its
/// encodings before and after (`PackedSteps`), so the encoding holds every field the model
/// keeps, bookkeeping included, and decoding gives back an equal value.
enum ObjectBytes {
    static func write(_ key: ObjectKey, to w: inout ByteWriter) {
        switch key {
        case .skb(let id): w.unsigned(0); w.int(id)
        case .data(let id): w.unsigned(1); w.int(id)
        case .page(let name): w.unsigned(2); w.string(name)
        case .binding(let name): w.unsigned(3); w.string(name)
        case .freed(let ref): w.unsigned(4); w.string(ref)
        case .counters: w.unsigned(5)
        }
    }

    static func readKey(_ r: inout ByteReader) -> ObjectKey {
        switch r.unsigned() {
        case 0: .skb(r.int())
        case 1: .data(r.int())
        case 2: .page(r.string())
        case 3: .binding(r.string())
        case 4: .freed(r.string())
        default: .counters
        }
    }

    /// The value's encoding (its kind is the key's, so it is not written).
    static func encode(_ value: ObjectValue) -> [UInt8] {
        var w = ByteWriter()
        switch value {
        case .skb(let s): write(s, to: &w)
        case .data(let d): write(d, to: &w)
        case .page(let p):
            w.string(p.name)
            w.int(p.count)
            w.int(p.held)
            w.int(p.serial)
        case .binding(.skb(let id)): w.unsigned(0); w.int(id)
        case .binding(.page(let name)): w.unsigned(1); w.string(name)
        case .binding(.list(let ids)): w.unsigned(2); w.ints(ids)
        case .line(let line): w.int(line)
        case .counters(let c):
            w.int(c.lastSkb)
            w.int(c.lastData)
            w.int(c.lastPage)
        }
        return w.bytes
    }

    /// The value of kind `key` that `bytes` encode.
    static func decode(_ key: ObjectKey, _ bytes: [UInt8]) -> ObjectValue {
        var r = ByteReader(bytes)
        switch key {
        case .skb: return .skb(readSkb(&r))
        case .data: return .data(readData(&r))
        case .page:
            var p = Page(name: r.string(), serial: 0)
            p.count = r.int()
            p.held = r.int()
            p.serial = r.int()
            return .page(p)
        case .binding:
            switch r.unsigned() {
            case 0: return .binding(.skb(r.int()))
            case 1: return .binding(.page(r.string()))
            default: return .binding(.list(r.ints()))
            }
        case .freed:
            return .line(r.int())
        case .counters:
            var c = Counters()
            c.lastSkb = r.int()
            c.lastData = r.int()
            c.lastPage = r.int()
            return .counters(c)
        }
    }

    private static func write(_ s: SkBuff, to w: inout ByteWriter) {
        w.int(s.id)
        w.optional(s.name)
        w.int(s.users)
        w.bool(s.cloned)
        w.bool(s.nohdr)
        w.unsigned(s.fclone == .none ? 0 : s.fclone == .orig ? 1 : 2)
        w.optional(s.companion)
        w.optional(s.pairOrig)
        w.int(s.headroom)
        w.int(s.headlen)
        w.int(s.tailroom)
        w.int(s.len)
        w.int(s.dataLen)
        w.int(s.truesize)
        w.optional(s.destructor)
        w.int(s.data)
        w.int(s.held)
        w.int(s.inFlight)
    }

    private static func readSkb(_ r: inout ByteReader) -> SkBuff {
        var s = SkBuff(id: r.int(), data: 0, size: 0)
        s.name = r.optionalString()
        s.users = r.int()
        s.cloned = r.bool()
        s.nohdr = r.bool()
        switch r.unsigned() {
        case 0: s.fclone = .none
        case 1: s.fclone = .orig
        default: s.fclone = .clone
        }
        s.companion = r.optionalInt()
        s.pairOrig = r.optionalInt()
        s.headroom = r.int()
        s.headlen = r.int()
        s.tailroom = r.int()
        s.len = r.int()
        s.dataLen = r.int()
        s.truesize = r.int()
        s.destructor = r.optionalString()
        s.data = r.int()
        s.held = r.int()
        s.inFlight = r.int()
        return s
    }

    private static func write(_ d: DataBuffer, to w: inout ByteWriter) {
        w.int(d.id)
        w.int(d.size)
        w.unsigned(UInt(d.dataref))
        w.unsigned(UInt(d.frags.count))
        for f in d.frags {
            w.string(f.page)
            w.int(f.off)
            w.int(f.size)
            w.ints(f.lineage)
            w.bool(f.owned)
        }
        w.ints(d.fragList)
        w.bool(d.fragListOwned)
        w.optional(d.orig)
        w.optional(d.destructor)
    }

    private static func readData(_ r: inout ByteReader) -> DataBuffer {
        var d = DataBuffer(id: r.int(), size: 0)
        d.size = r.int()
        d.dataref = UInt32(truncatingIfNeeded: r.unsigned())
        let n = r.count()
        d.frags.reserveCapacity(n)
        for _ in 0..<n {
            let page = r.string(), off = r.int(), size = r.int(), lineage = r.ints()
            d.frags.append(Frag(page: page, off: off, size: size, lineage: lineage, owned: r.bool()))
        }
        d.fragList = r.ints()
        d.fragListOwned = r.bool()
        d.orig = r.optionalInt()
        d.destructor = r.optionalString()
        return d
    }
}
