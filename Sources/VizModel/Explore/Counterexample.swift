/// A class's counterexample as a scenario file (spec explore.md §5, §9): the path's calls
/// replayed on the model with their binding names, notes in kernel words, and the closing.
public struct Counterexample: Sendable {
    public let design: Design
    public let exploreClass: ExploreClass
    /// The counterexample's calls, as written.
    public private(set) var calls: [String] = []
    /// The closing sequence's calls, as written.
    public private(set) var closing: [String] = []
    private var before: [String] = []
    private var after: [String] = []
    private var opening: String = ""

    public var length: Int { calls.count }

    /// Replays `path` (letter indexes from the initial state) and describes what it shows.
    public init(design: Design, exploreClass: ExploreClass, path: [Int]) {
        self.design = design
        self.exploreClass = exploreClass
        var state = SkbState()
        var skbNames: [Int: String] = [:], pageNames: [Int: String] = [:]
        var counts: [String: Int] = [:]
        var caveats: [String] = []
        var allocated: Set<Int> = []
        var lastViolations: [Violation] = []
        var lastState = state
        for (n, index) in path.enumerated() {
            let letters = ExploreLetter.letters(of: state, design: design)
            let letter = letters[index]
            let handles = state.sortedSkbs.filter { $0.held > 0 }
            let pages = state.pages.values.filter { $0.held > 0 }.sorted { $0.id < $1.id }
            let prefix: String? = switch letter.call {
            case .allocSkb, .skbClone, .skbCopy, .pskbCopy: "x"
            case .skbSegment: "g"
            case .allocPage: "p"
            default: nil
            }
            let result = prefix.map { p -> String in
                counts[p, default: 0] += 1
                return "\(p)\(counts[p]!)"
            }
            caveats += Self.caveats(letter, handles: handles, names: skbNames, allocated: allocated, state: state, design: design)
            calls.append(letter.text(skbNames: handles.map { skbNames[$0.id]! }, pageNames: pages.map { pageNames[$0.id]! },
                                     result: result, design: design))
            lastState = state
            lastViolations = letter.run(on: &state, design: design, name: result) ?? []
            let newSkbs = state.sortedSkbs.filter { $0.held > 0 && skbNames[$0.id] == nil }
            if letter.call == .allocSkb { allocated.formUnion(newSkbs.map(\.id)) }
            if let result {
                if letter.call == .allocPage, let p = state.pages.keys.max(), pageNames[p] == nil { pageNames[p] = result }
                for (i, s) in newSkbs.enumerated() {
                    skbNames[s.id] = letter.call == .skbSegment ? "\(result)[\(i)]" : result
                }
            }
            if n == path.count - 1 { break }
        }
        let name = { (id: Int) in skbNames[id].map { "\($0) (s\(id))" } ?? "s\(id)" }
        let holders = { (s: SkbState, d: Int) -> String in
            let heads = s.sortedSkbs.filter { $0.data == d }.map { name($0.id) }
            return heads.isEmpty ? "d\(d)" : "d\(d) (the head of \(heads.joined(separator: ", ")))"
        }
        let kind = exploreClass.kind
        let call = exploreClass.call.rawValue
        opening = "explore (\(design.rawValue)): the shortest sequence of the alphabet, first in its order, whose last call \(call) "
            + Self.phrase(kind) + "; \(path.count) call\(path.count == 1 ? "" : "s")."
        if !caveats.isEmpty {
            opening += " It relies on API use that \(design.kernel)'s callers never make: " + Array(Set(caveats)).sorted().joined(separator: "; ") + "."
        }
        switch kind {
        case .prematureDestructor:
            // One sentence a buffer whose destructor fired and page, naming every holder of it.
            var held: [String: (fired: String, page: String, holders: Set<Int>)] = [:]
            for v in lastViolations where v.kind == .prematureDestructor {
                let fields = Dictionary(v.fields.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
                if case .id(let fired)? = fields["data"], case .id(let holder)? = fields["holder"],
                   case .id(let page)? = fields["page"], let d = Int(fired.dropFirst()), let h = Int(holder.dropFirst()) {
                    // Whichever reference it is: an skb's own (dataref 1, or not cloned) or,
                    // in orig-chain, a child buffer's payload reference.
                    let fn = lastState.data[d]?.destructor ?? "tun_free"
                    let firing = "the last reference to \(holders(lastState, d)) is released, so its data destructor \(fn) fires, while"
                    let copied = "page \(page) copied out of d\(d): the user pages are still in flight"
                    held[firing + copied, default: (firing, copied, [])].holders.insert(h)
                }
            }
            before = [held.keys.sorted().compactMap { held[$0] }.map { group in
                let names = group.holders.sorted().map { holders(state, $0) }
                let who = names.listed + (names.count == 1 ? " still holds" : " still hold")
                return "\(group.fired) \(who) \(group.page)"
            }.joined(separator: "; ")]
        case .leakCycle, .leakLost:
            var changes: [String] = []
            for b in state.sortedData {
                let was = lastState.data[b.id]
                if b.orig != was?.orig, let o = b.orig {
                    changes.append("it sets d\(b.id).orig = d\(o)" + (was?.orig.map { " (it was d\($0), whose payload reference is dropped with it)" } ?? " (a payload reference on d\(o))"))
                }
                if let was, b.orig == was.orig, b.payloadRefs > was.payloadRefs {
                    changes.append("d\(b.id) takes another payload reference (dataref \(was.allRefs) → \(b.allRefs), payload \(was.payloadRefs) → \(b.payloadRefs))")
                }
                if b.fragList != (was?.fragList ?? []), !b.fragList.isEmpty {
                    changes.append("it sets d\(b.id).frag_list = " + b.fragList.map { name($0) }.joined(separator: ", "))
                }
            }
            let what = changes.isEmpty ? "" : "In this call " + changes.joined(separator: "; ") + ". "
            before = ["\(what)After this call, giving back every reference the scenario holds no longer frees everything (before it, it did)"]
        case .invariant:
            before = ["after this call an ownership rule of the model is broken: a model bug"]
        case .prematureCompletion, .doubleCompletion, .orphanIncomplete, .kernelWarn:
            let messages = lastViolations.filter { $0.kind.rawValue == kind.rawValue }.map(\.message)
            before = [Array(Set(messages)).sorted().joined(separator: "; ")]
            if kind == .doubleCompletion || kind == .prematureCompletion,
               let runs = Self.completionRuns(calls, design: design, lastState: lastState, violations: lastViolations, kind: kind) {
                before = [runs]
            }
        }
        for (c, id) in ExploreJudge.closing(of: state) {
            closing.append(c == .putPage ? "put_page(\(pageNames[id] ?? "p?"))" : "kfree_skb(\(skbNames[id] ?? "s\(id)"))")
        }
        let left = ExploreJudge.closed(state, design: design)
        after = [Self.leftDescription(left, name: name)]
    }

    /// The note before the last call of a completion class: which callback runs in that call,
    /// through which kernel function, what still holds its user pages, and when it ran before,
    /// from a run of the calls by the model (`u1's callback tun_free runs in this call
    /// (skb_release_data) while d2 and d3 still hold page p1 with its user data`; `… has run
    /// before, at call 4, pskb_expand_head(x1, 0, 0) (skb_copy_ubufs), and runs again in this
    /// call (skb_release_data)`). Nil when the run does not show it (the model's message stays).
    private static func completionRuns(_ calls: [String], design: Design, lastState: SkbState, violations: [Violation],
                                       kind: ExploreKind) -> String? {
        var ran: [Int: [(call: Int, via: CompletionVia)]] = [:]
        _ = ScenarioRun.execute(Parser.parse(calls.joined(separator: "\n"), file: "explore.skb"), design: design,
                                texts: false) { record, _ in
            for case .zerocopyCallback(let u, _, _, let via) in record.steps.flatMap(\.events) {
                ran[u, default: []].append((record.op, via))
            }
        }
        // The pages still held, by completion object: holder buffers by page.
        var held: [Int: [String: Set<Int>]] = [:]
        for v in violations where v.kind == .prematureCompletion {
            let fields = Dictionary(v.fields.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
            if case .id(let ubuf)? = fields["ubuf"], case .id(let holder)? = fields["holder"], case .id(let page)? = fields["page"],
               let u = Int(ubuf.dropFirst()), let h = Int(holder.dropFirst()) {
                held[u, default: [:]][page, default: []].insert(h)
            }
        }
        let last = calls.count
        let sentences = ran.keys.sorted().compactMap { u -> String? in
            let runs = ran[u]!
            let now = runs.filter { $0.call == last }.map(\.via.function)
            guard !now.isEmpty else { return nil }
            let fn = lastState.ubufs[u]?.fn ?? "its callback"
            let earlier = runs.filter { $0.call < last }.map { "at call \($0.call), \(calls[$0.call - 1]) (\($0.via.function))" }
            var text = "u\(u)'s callback \(fn) runs"
            if kind == .doubleCompletion, !earlier.isEmpty {
                return "u\(u)'s callback \(fn) has run before, " + earlier.listed
                    + ", and runs again in this call (\(now.joined(separator: ", ")))"
            }
            text += " in this call (\(now.joined(separator: ", ")))"
            let pages = (held[u] ?? [:]).keys.sorted().map { page in
                let holders = held[u]![page]!.sorted().map { "d\($0)" }
                return holders.listed + (holders.count == 1 ? " still holds" : " still hold") + " page \(page)"
            }
            if !pages.isEmpty { text += " while " + pages.joined(separator: ", and ") + " with its user data" }
            if !earlier.isEmpty { text += "; it ran before " + earlier.listed }
            return text
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: "; ")
    }

    private static func phrase(_ kind: ExploreKind) -> String {
        switch kind {
        case .prematureDestructor: "fires a data destructor while another buffer still holds a page copied out of that buffer"
        case .leakCycle: "leaves objects that the closing cannot free because they hold each other in a cycle"
        case .leakLost: "leaves an object counted that nothing reaches any more: a reference was lost"
        case .invariant: "breaks an ownership rule of the model"
        case .prematureCompletion: "runs a zero-copy completion while a buffer still holds a page with its user data"
        case .doubleCompletion: "runs a zero-copy completion a second time"
        case .orphanIncomplete: "is an skb_orphan_frags_rx that returns success while the buffer still carries its completion object"
        case .kernelWarn: "hits the kernel's WARN_ON_ONCE in skb_zerocopy_clone"
        }
    }

    /// What is still allocated after the closing, and for a cycle the cycle's references.
    private static func leftDescription(_ left: SkbState, name: (Int) -> String) -> String {
        let lostObjects = left.listedUbufs.map { "completion object \($0.ref) (\($0.fn)) never completes" }
        if left.skbs.isEmpty && left.data.isEmpty && left.pages.isEmpty {
            return lostObjects.isEmpty ? "after the closing nothing is left allocated" : "after the closing " + lostObjects.joined(separator: "; ")
        }
        var parts: [String] = []
        for s in left.sortedSkbs { parts.append("\(name(s.id)) with users \(s.users) on d\(s.data)") }
        for b in left.sortedData {
            var what = "d\(b.ref.dropFirst()) with dataref \(b.allRefs) (payload \(b.payloadRefs))"
            if b.destructor != nil { what += ", its data destructor never fired" }
            parts.append(what)
        }
        for p in left.sortedPages { parts.append("page \(left.pageRef(p.id)) with count \(p.count)") }
        parts += lostObjects
        var text = "still allocated after the closing: " + parts.joined(separator: "; ")
        var edges: [String] = []
        for b in left.sortedData {
            if let o = b.orig, left.data[o] != nil { edges.append("d\(b.id).orig = d\(o)") }
            for m in b.fragList where left.skbs[m] != nil { edges.append("d\(b.id).frag_list holds s\(m) (on d\(left.skbs[m]!.data))") }
        }
        if ExploreJudge.leftHasCycle(left) {
            text += ". They hold each other: " + edges.joined(separator: ", ") + ", so no release ever reaches zero"
        } else {
            var pointed: Set<String> = []
            for s in left.skbs.values { pointed.insert("d\(s.data)") }
            for b in left.data.values {
                if let o = b.orig { pointed.insert("d\(o)") }
                for m in b.fragList { pointed.insert("s\(m)") }
                for f in b.frags { pointed.insert("page \(left.pageRef(f.page))") }
            }
            let lost = left.sortedSkbs.map(\.ref).filter { !pointed.contains($0) }
                + left.sortedData.map(\.ref).filter { !pointed.contains($0) }
                + left.sortedPages.map { "page \(left.pageRef($0.id))" }.filter { !pointed.contains($0) }
            if !edges.isEmpty { text += ". References left: " + edges.joined(separator: ", ") }
            if !lost.isEmpty {
                text += ". Nothing points at " + lost.joined(separator: ", ") + " any more, yet it is still counted: the reference that counted it was lost"
            }
        }
        return text
    }

    /// The ways `letter` goes beyond what the kernel's callers do (spec §10).
    /// - Parameter allocated: the skbs `alloc_skb` made (not copies, clones or segments).
    private static func caveats(_ letter: ExploreLetter, handles: [SkBuff], names: [Int: String], allocated: Set<Int>,
                                state: SkbState, design: Design) -> [String] {
        guard let i = letter.skb else { return [] }
        let x = handles[i], xName = names[x.id] ?? x.ref
        var out: [String] = []
        switch letter.call {
        case .skbPut, .skbAddRxFrag:
            if x.cloned { out.append("\(letter.call.rawValue) on \(xName), whose data is shared (cloned)") }
            if letter.call == .skbAddRxFrag && xName.hasPrefix("g") { out.append("frags added to the segment \(xName)") }
        case .skbSplit:
            // tcp_fragment and its kin split into an skb they have just allocated.
            let t = handles[letter.other!], tb = state.data[t.data]
            let tName = names[t.id] ?? t.ref
            if tb?.zc == true {
                out.append("skb_split into \(tName), which already carries a zero-copy completion object")
            } else if !allocated.contains(t.id) || t.cloned || t.users > 1 || tb?.destructor != nil || tb?.orig != nil {
                out.append("skb_split into \(tName), which is not a fresh skb from alloc_skb")
            }
        case .setDataDestructor:
            // Shared: another buffer holds a frag copied out of x's, or (zero-copy designs) a
            // frag from the same skb_add_rx_frag as one of x's, however it got there.
            let origins = Set(state.data[x.data]?.frags.map(\.origin) ?? []).subtracting([0])
            let shared = state.data.values.contains { b in
                b.id != x.data && b.frags.contains { $0.lineage.contains(x.data) || origins.contains($0.origin) }
            }
            if shared || x.cloned {
                out.append("set_data_destructor on \(xName) after a copy or clone already shares its data (\(Self.attacher(design)) as it builds the skb)")
            }
        case .skbFragListAdd:
            out.append("skb_frag_list_add of a held skb onto another (\(design.kernel) links frag_list by hand, in ip_frag_reasm and the like)")
        default:
            break
        }
        return out
    }

    /// Who attaches the data destructor or completion object under `design`, to an skb it is
    /// building: the seed patch's tun, 3.1's macvtap (`SKBTX_DEV_ZEROCOPY`), 4.14's MSG_ZEROCOPY
    /// send (`skb_zerocopy_iter_stream`: explore attaches a `sock_zerocopy_callback` object).
    private static func attacher(_ design: Design) -> String {
        switch design.zerocopy {
        case nil: "tun sets it"
        case .copyOnShare?: "macvtap sets it"
        case .refcounted?: "a MSG_ZEROCOPY send sets it, in skb_zerocopy_iter_stream,"
        }
    }

    /// The first line (spec §9).
    public var header: String {
        let k = exploreClass.kind
        return "# explore: design=\(design.rawValue) kind=\(k.headerKind)" + (k.shape.map { " shape=\($0)" } ?? "")
            + " call=\(exploreClass.call.rawValue) length=\(length)"
    }

    /// The whole file.
    public var text: String {
        var lines = [header,
                     "title \(Self.quote("explore: \(exploreClass.kind.rawValue) at \(exploreClass.call.rawValue) (\(design.rawValue), \(length) call\(length == 1 ? "" : "s"))"))",
                     "design \(design.rawValue)",
                     "note \(Self.quote(opening))"]
        lines += calls.dropLast()
        lines += before.map { "note \(Self.quote($0))" }
        lines += calls.suffix(1)
        lines.append("note \(Self.quote("closing: give back every reference the scenario still holds, in creation order"))")
        lines += closing
        lines += after.map { "note \(Self.quote($0))" }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quote(_ s: String) -> String {
        var out = "\""
        for c in s {
            if c == "\\" || c == "\"" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }
}
