/// Every stored field of a state object as a short byte string, and back.
///
/// The history keeps a step's change of an object as the bytes that differ between its
/// encodings before and after (`PackedSteps`), so the encoding holds every field the model
/// keeps, bookkeeping included, and decoding gives back an equal value. Both walk the object's
/// field list (`FieldListed`), so they cannot fall out of step.
enum ObjectBytes {
    static func write(_ key: ObjectKey, to w: inout ByteWriter) {
        switch key {
        case .skb(let id): w.unsigned(0); w.int(id)
        case .data(let id): w.unsigned(1); w.int(id)
        case .page(let id): w.unsigned(2); w.int(id)
        case .binding(let name): w.unsigned(3); w.string(name)
        case .freed(let ref): w.unsigned(4); w.string(ref)
        case .counters: w.unsigned(5)
        case .ubuf(let id): w.unsigned(6); w.int(id)
        case .socket: w.unsigned(7)
        }
    }

    static func readKey(_ r: inout ByteReader) -> ObjectKey {
        switch r.unsigned() {
        case 0: .skb(r.int())
        case 1: .data(r.int())
        case 2: .page(r.int())
        case 3: .binding(r.string())
        case 4: .freed(r.string())
        case 6: .ubuf(r.int())
        case 7: .socket
        default: .counters
        }
    }

    /// The value's encoding (its kind is the key's, so it is not written).
    static func encode(_ value: ObjectValue) -> [UInt8] {
        var w = ByteWriter()
        switch value {
        case .skb(let s): return fields(of: s)
        case .data(let d): return fields(of: d)
        case .page(let p): return fields(of: p)
        case .ubuf(let u): return fields(of: u)
        case .socket(let s):
            w.int(s.zckey)
            w.unsigned(UInt(s.errqueue.count))
            for n in s.errqueue {
                w.int(n.lo)
                w.int(n.hi)
                w.bool(n.copied)
            }
        case .binding(.skb(let id)): w.unsigned(0); w.int(id)
        case .binding(.page(let id)): w.unsigned(1); w.int(id)
        case .binding(.list(let ids)): w.unsigned(2); w.ints(ids)
        case .site(let site): w.int(site.line); w.string(site.text)
        case .counters(let c):
            w.int(c.lastSkb)
            w.int(c.lastData)
            w.int(c.lastPage)
            w.int(c.lastUbuf)
            w.int(c.lastKernelPage)
            w.int(c.lastOrigin)
        }
        return w.bytes
    }

    /// The value of kind `key` that `bytes` encode.
    static func decode(_ key: ObjectKey, _ bytes: [UInt8]) -> ObjectValue {
        var r = ByteReader(bytes)
        switch key {
        case .skb: return .skb(read(SkBuff(id: 0, data: 0, size: 0), &r))
        case .data: return .data(read(DataBuffer(id: 0, size: 0), &r))
        case .page: return .page(read(Page(id: 0), &r))
        case .ubuf: return .ubuf(read(UbufInfo(id: 0, kind: .ubuf, fn: ""), &r))
        case .socket:
            var s = ZerocopySocket()
            s.zckey = r.int()
            s.errqueue = (0..<r.count()).map { _ in
                let lo = r.int(), hi = r.int()
                return ZerocopySocket.Notification(lo: lo, hi: hi, copied: r.bool())
            }
            return .socket(s)
        case .binding:
            switch r.unsigned() {
            case 0: return .binding(.skb(r.int()))
            case 1: return .binding(.page(r.int()))
            default: return .binding(.list(r.ints()))
            }
        case .freed:
            let line = r.int()
            return .site(CallSite(line: line, text: r.string()))
        case .counters:
            var c = Counters()
            c.lastSkb = r.int()
            c.lastData = r.int()
            c.lastPage = r.int()
            c.lastUbuf = r.int()
            c.lastKernelPage = r.int()
            c.lastOrigin = r.int()
            return .counters(c)
        }
    }

    private static func fields<T: FieldListed>(of object: T) -> [UInt8] {
        var object = object
        var v = FieldWriter<T.Field>()
        object.visitFields(&v)
        return v.w.bytes
    }

    /// `blank` with every field read from `r`.
    private static func read<T: FieldListed>(_ blank: T, _ r: inout ByteReader) -> T {
        var object = blank
        var v = FieldReader<T.Field>(r: r)
        object.visitFields(&v)
        r = v.r
        return object
    }
}

/// An object's fields as bytes: every field its list holds, derived ones left out.
private struct FieldWriter<Field: ObjectField>: FieldVisitor {
    var w = ByteWriter()

    mutating func int(_ field: Field, _ value: inout Int) { w.int(value) }
    mutating func bool(_ field: Field, _ value: inout Bool) { w.bool(value) }
    mutating func int(_ field: Field, _ value: inout Int?) { w.optional(value) }
    mutating func bool(_ field: Field, _ value: inout Bool?) { w.unsigned(value.map { $0 ? 2 : 1 } ?? 0) }
    mutating func text(_ field: Field, _ value: inout String?) { w.optional(value) }
    mutating func page(_ field: Field, _ value: inout Int) { w.int(value) }
    mutating func choice<C: FieldChoice>(_ field: Field, _ value: inout C) { w.unsigned(value.code) }
    mutating func word(_ field: Field, _ value: inout UInt32) { w.unsigned(UInt(value)) }
    mutating func ref(_ field: Field, _ prefix: StaticString, _ value: inout Int) { w.int(value) }
    mutating func ref(_ field: Field, _ prefix: StaticString, _ value: inout Int?) { w.optional(value) }
    mutating func refs(_ field: Field, _ prefix: StaticString, _ value: inout ArraySlice<Int>) { w.ints(value) }

    mutating func frags(_ field: Field, _ value: inout [Frag]) {
        w.unsigned(UInt(value.count))
        for f in value {
            w.int(f.page)
            w.int(f.off)
            w.int(f.size)
            let links = f.lineage.all
            w.unsigned(UInt(links.count))
            for l in links {
                w.int(l.buffer)
                w.unsigned(l.how.map { UInt($0.slot) << 4 | UInt(Lineage.Handoff.Call.allCases.firstIndex(of: $0.call)!) << 1 | ($0.moved ? 1 : 0) + 1 } ?? 0)
            }
            w.bool(f.owned)
            w.int(f.origin)
        }
    }

    mutating func derived(_ field: Field, int value: Int?) {}
}

/// An object's fields read back, in the order `FieldWriter` wrote them.
private struct FieldReader<Field: ObjectField>: FieldVisitor {
    var r: ByteReader

    mutating func int(_ field: Field, _ value: inout Int) { value = r.int() }
    mutating func bool(_ field: Field, _ value: inout Bool) { value = r.bool() }
    mutating func int(_ field: Field, _ value: inout Int?) { value = r.optionalInt() }

    mutating func bool(_ field: Field, _ value: inout Bool?) {
        let code = r.unsigned()
        value = code == 0 ? nil : code == 2
    }
    mutating func text(_ field: Field, _ value: inout String?) { value = r.optionalString() }
    mutating func page(_ field: Field, _ value: inout Int) { value = r.int() }
    mutating func choice<C: FieldChoice>(_ field: Field, _ value: inout C) { value = C(code: r.unsigned()) }
    mutating func word(_ field: Field, _ value: inout UInt32) { value = UInt32(truncatingIfNeeded: r.unsigned()) }
    mutating func ref(_ field: Field, _ prefix: StaticString, _ value: inout Int) { value = r.int() }
    mutating func ref(_ field: Field, _ prefix: StaticString, _ value: inout Int?) { value = r.optionalInt() }
    mutating func refs(_ field: Field, _ prefix: StaticString, _ value: inout ArraySlice<Int>) { value = r.ints()[...] }

    mutating func frags(_ field: Field, _ value: inout [Frag]) {
        let n = r.count()
        value.removeAll(keepingCapacity: true)
        value.reserveCapacity(n)
        for _ in 0..<n {
            let page = r.int(), off = r.int(), size = r.int()
            var lineage = Lineage()
            for _ in 0..<r.count() {
                let buffer = r.int(), code = r.unsigned()
                lineage.append(buffer, code == 0 ? nil : Lineage.Handoff(
                    slot: Int((code - 1) >> 4), moved: (code - 1) & 1 == 1, call: Lineage.Handoff.Call.allCases[Int((code - 1) >> 1 & 7)]))
            }
            let owned = r.bool()
            value.append(Frag(page: page, off: off, size: size, lineage: lineage, owned: owned, origin: r.int()))
        }
    }

    mutating func derived(_ field: Field, int value: Int?) {}
}
