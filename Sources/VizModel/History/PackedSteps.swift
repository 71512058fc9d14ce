/// The steps of a run as the history keeps them: for every step, the bytes each touched
/// object lost and gained, and the step's events and violations. Nothing else.
///
/// An object that lives through a step is kept as the bytes of its encoding (`ObjectBytes`)
/// that the step changed: the runs of differing bytes when the encodings before and after have
/// the same length (the usual case), else the middle between their common prefix and suffix.
/// A `users` going 1 → 2 costs a few bytes, not two whole objects. A buffer whose `frag_list`
/// alone changed is kept as a splice of ids (`FragListSplice`), so a long list is neither
/// encoded nor compared byte by byte. Only an object created or freed is kept whole. So memory
/// grows with what changed, not with the state. Applying a step re-encodes the objects it
/// touched, splices the bytes and decodes (a list splice only splices the list).
///
/// The bytes sit in chunks of a fixed size (a call's steps never straddle two), so the store
/// grows without copying what it holds.
struct PackedSteps: Sendable {
    private var chunks: [[UInt8]] = []
    /// Where each call's first step starts: `chunk << 32 | offset`.
    private var callStarts: [Int] = []
    /// For a call of more than `markSpacing` steps, where every `markSpacing`-th step starts
    /// (offsets in the call's chunk; the first is step `markSpacing`'s): a step is then found
    /// from the nearest mark, not from the call's first step, which made a walk through a call
    /// of n steps (a `frag_list` 10,000 deep freed by one `kfree_skb`) cost n² reads.
    private var stepMarks: [Int: [Int]] = [:]
    private static let markSpacing = 64
    private static let chunkSize = 1 << 18

    /// The bytes held, for the history's checkpoint spacing.
    private(set) var byteCount = 0

    /// Appends the steps of one call.
    mutating func append(_ steps: [Step]) {
        var w = ByteWriter()
        var s = ByteWriter()
        var marks: [Int] = []
        for (i, step) in steps.enumerated() {
            if i > 0 && i % Self.markSpacing == 0 { marks.append(w.bytes.count) }
            s.bytes.removeAll(keepingCapacity: true)
            let deltas = step.deltas.filter { $0.before != nil || $0.after != nil }
            s.unsigned(UInt(deltas.count))
            for d in deltas { Self.write(d, to: &s) }
            s.unsigned(UInt(step.outcomes.count))
            for o in step.outcomes { Self.write(o, to: &s) }
            w.block(s.bytes)
        }
        if chunks.isEmpty || chunks[chunks.count - 1].count + w.bytes.count > Self.chunkSize {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(max(Self.chunkSize, w.bytes.count))
            chunks.append(chunk)
        }
        let c = chunks.count - 1
        let base = chunks[c].count
        if !marks.isEmpty { stepMarks[callStarts.count] = marks.map { base + $0 } }
        callStarts.append(c << 32 | base)
        chunks[c].append(contentsOf: w.bytes)
        byteCount += w.bytes.count
    }

    /// Keeps the first `calls` calls.
    mutating func truncate(toCalls calls: Int) {
        guard calls < callStarts.count else { return }
        let cut = callStarts[calls]
        let c = cut >> 32, offset = cut & 0xFFFF_FFFF
        for chunk in chunks[(c + 1)...] { byteCount -= chunk.count }
        chunks.removeSubrange((c + 1)...)
        byteCount -= chunks[c].count - offset
        chunks[c].removeSubrange(offset...)
        for call in calls..<callStarts.count { stepMarks[call] = nil }
        callStarts.removeSubrange(calls...)
    }

    /// Applies step `step` (0-based) of call `call` (0-based) to `state`, forward or backward.
    func apply(call: Int, step: Int, to state: inout SkbState, forward: Bool) {
        var r = reader(call: call, step: step)
        for _ in 0..<r.count() { Self.applyDelta(&r, to: &state, forward: forward) }
    }

    /// The events and violations of step `step` of call `call` (both 0-based), in order.
    func outcomes(call: Int, step: Int) -> [Outcome] {
        var r = reader(call: call, step: step)
        for _ in 0..<r.count() { Self.skipDelta(&r) }
        return (0..<r.count()).map { _ in Self.readOutcome(&r) }
    }

    /// The objects step `step` of call `call` (both 0-based) changed, created or freed.
    func keys(call: Int, step: Int) -> [ObjectKey] {
        var r = reader(call: call, step: step)
        return (0..<r.count()).map { _ in
            let start = r.at
            let key = ObjectBytes.readKey(&r)
            r.at = start
            Self.skipDelta(&r)
            return key
        }
    }

    /// The skbs, buffers and pages step `step` of call `call` created and freed, whole.
    func lifecycle(call: Int, step: Int) -> (created: [ObjectValue], freed: [ObjectValue]) {
        var r = reader(call: call, step: step)
        var created: [ObjectValue] = [], freed: [ObjectValue] = []
        for _ in 0..<r.count() {
            let start = r.at
            let key = ObjectBytes.readKey(&r)
            let kind = r.unsigned()
            if kind == 0 || kind == 3 || kind == 4 {
                r.at = start
                Self.skipDelta(&r)
                continue
            }
            let whole = r.block()
            switch key {
            case .skb, .data, .page:
                let value = ObjectBytes.decode(key, Array(r.bytes[whole]))
                if kind == 1 { created.append(value) } else { freed.append(value) }
            default:
                break
            }
        }
        return (created, freed)
    }

    /// A reader at the start of a step's record (after its length).
    private func reader(call: Int, step: Int) -> ByteReader {
        let start = callStarts[call]
        var r = ByteReader(chunks[start >> 32], at: start & 0xFFFF_FFFF)
        var from = 0
        if step >= Self.markSpacing, let marks = stepMarks[call] {
            let k = min(step / Self.markSpacing, marks.count)
            r.at = marks[k - 1]
            from = k * Self.markSpacing
        }
        for _ in from..<step { r.at = r.block().upperBound }
        _ = r.count()
        return r
    }

    // MARK: Deltas

    // A delta is its key, then its kind and what the kind needs: 0, the common prefix and
    // suffix lengths and the middles before and after; 1, the object created, whole; 2, the
    // object freed, whole; 3, runs of differing bytes of two encodings of one length, each a
    // gap, a length, the bytes before and the bytes after; 4, a buffer whose `frag_list` alone
    // changed: the numbers of members kept in front and at the back, then the members between
    // them before and after (`FragListSplice`).

    private static func write(_ d: Delta, to w: inout ByteWriter) {
        ObjectBytes.write(d.key, to: &w)
        switch (d.before, d.after) {
        case (let before?, let after?):
            if let splice = FragListSplice(before, after) {
                w.unsigned(4)
                splice.write(to: &w)
                return
            }
            let x = ObjectBytes.encode(before), y = ObjectBytes.encode(after)
            if x.count == y.count {
                // Same length (the usual case: numbers that keep their width): the runs of
                // bytes that differ, each after a gap of equal bytes.
                var runs: [(gap: Int, range: Range<Int>)] = []
                var i = 0, last = 0
                while i < x.count {
                    guard x[i] != y[i] else { i += 1; continue }
                    let start = i
                    while i < x.count, x[i] != y[i] { i += 1 }
                    runs.append((start - last, start..<i))
                    last = i
                }
                w.unsigned(3)
                w.unsigned(UInt(runs.count))
                for run in runs {
                    w.unsigned(UInt(run.gap))
                    w.unsigned(UInt(run.range.count))
                    w.bytes.append(contentsOf: x[run.range])
                    w.bytes.append(contentsOf: y[run.range])
                }
                return
            }
            var p = 0
            while p < x.count, p < y.count, x[p] == y[p] { p += 1 }
            var s = 0
            while s < x.count - p, s < y.count - p, x[x.count - 1 - s] == y[y.count - 1 - s] { s += 1 }
            w.unsigned(0)
            w.unsigned(UInt(p))
            w.unsigned(UInt(s))
            w.block(x[p..<x.count - s])
            w.block(y[p..<y.count - s])
        case (nil, let after?):
            w.unsigned(1)
            w.block(ObjectBytes.encode(after))
        case (let before?, nil):
            w.unsigned(2)
            w.block(ObjectBytes.encode(before))
        case (nil, nil):
            break
        }
    }

    private static func applyDelta(_ r: inout ByteReader, to state: inout SkbState, forward: Bool) {
        let key = ObjectBytes.readKey(&r)
        switch r.unsigned() {
        case 0:
            let p = r.count(), s = r.count()
            let before = r.block(), after = r.block()
            let current = ObjectBytes.encode(state[key]!)
            var spliced = Array(current[..<p])
            spliced.append(contentsOf: r.bytes[forward ? after : before])
            spliced.append(contentsOf: current[(current.count - s)...])
            state[key] = ObjectBytes.decode(key, spliced)
        case 1:
            let whole = r.block()
            state[key] = forward ? ObjectBytes.decode(key, Array(r.bytes[whole])) : nil
        case 4:
            let splice = FragListSplice(&r)
            guard case .data(var d)? = state[key] else { return }
            d.fragList = splice.applied(to: d.fragList, forward: forward)
            state[key] = .data(d)
        case 3:
            var bytes = ObjectBytes.encode(state[key]!)
            var at = 0
            for _ in 0..<r.count() {
                at += r.count()
                let n = r.count()
                let from = r.at + (forward ? n : 0)
                bytes.replaceSubrange(at..<at + n, with: r.bytes[from..<from + n])
                r.at += 2 * n
                at += n
            }
            state[key] = ObjectBytes.decode(key, bytes)
        default:
            let whole = r.block()
            state[key] = forward ? nil : ObjectBytes.decode(key, Array(r.bytes[whole]))
        }
    }

    private static func skipDelta(_ r: inout ByteReader) {
        _ = ObjectBytes.readKey(&r)
        switch r.unsigned() {
        case 0:
            _ = r.count()
            _ = r.count()
            _ = r.block()
            _ = r.block()
        case 3:
            for _ in 0..<r.count() {
                _ = r.count()
                r.at += 2 * r.count()
            }
        case 4:
            _ = FragListSplice(&r)
        default:
            _ = r.block()
        }
    }

    // MARK: Outcomes

    private static func write(_ o: Outcome, to w: inout ByteWriter) {
        switch o {
        case .event(.skbDestructor(let skb, let fn)): w.unsigned(0); w.int(skb); w.string(fn)
        case .event(.dataDestructor(let data, let fn)): w.unsigned(1); w.int(data); w.string(fn)
        case .event(.freeHead(let data)): w.unsigned(2); w.int(data)
        case .event(.freePage(let page)): w.unsigned(3); w.string(page)
        case .event(.freeSkb(let skb)): w.unsigned(4); w.int(skb)
        case .event(.zerocopyCallback(let u, let fn, let success, let via)):
            w.unsigned(6)
            w.int(u)
            w.string(fn)
            w.unsigned(success.map { $0 ? 2 : 1 } ?? 0)
            w.string(via.rawValue)
        case .event(.zerocopyNotify(let u, let lo, let hi, let copied, let merged)):
            w.unsigned(7)
            w.int(u)
            w.int(lo)
            w.int(hi)
            w.bool(copied)
            w.bool(merged)
        case .violation(let v):
            w.unsigned(5)
            w.string(v.kind.rawValue)
            w.string(v.message)
            w.unsigned(UInt(v.fields.count))
            for (name, value) in v.fields {
                w.string(name)
                switch value {
                case .id(let id): w.unsigned(0); w.string(id)
                case .number(let n): w.unsigned(1); w.int(n)
                }
            }
        }
    }

    private static func readOutcome(_ r: inout ByteReader) -> Outcome {
        switch r.unsigned() {
        case 0: return .event(.skbDestructor(skb: r.int(), fn: r.string()))
        case 1: return .event(.dataDestructor(data: r.int(), fn: r.string()))
        case 2: return .event(.freeHead(data: r.int()))
        case 3: return .event(.freePage(page: r.string()))
        case 4: return .event(.freeSkb(skb: r.int()))
        case 6:
            let u = r.int(), fn = r.string(), code = r.unsigned()
            return .event(.zerocopyCallback(ubuf: u, fn: fn, success: code == 0 ? nil : code == 2,
                                            via: CompletionVia(rawValue: r.string()) ?? .release))
        case 7:
            let u = r.int(), lo = r.int(), hi = r.int(), copied = r.bool()
            return .event(.zerocopyNotify(ubuf: u, lo: lo, hi: hi, copied: copied, merged: r.bool()))
        default:
            let kind = ViolationKind(rawValue: r.string()) ?? .invariant
            let message = r.string()
            let fields: [(String, ViolationField)] = (0..<r.count()).map { _ in
                let name = r.string()
                return (name, r.unsigned() == 0 ? .id(r.string()) : .number(r.int()))
            }
            return .violation(Violation(kind: kind, message: message, fields: fields))
        }
    }
}
