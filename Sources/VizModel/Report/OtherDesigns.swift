/// When each data destructor fires under the other designs of the running one's family: the
/// line the viewer, `skbviz run`'s walk and the transcript show at a data destructor
/// (`other designs: vanilla: no data destructor · naive: call 9 (premature)`) and at the end
/// of a walk where one never fired.
///
/// A data destructor is `shinfo->destructor` under the 2008 designs and, under the zero-copy
/// designs, the completion callback of the `ubuf_info` that took its place (3.1 moved the
/// patch's destructor there: `tun_free` is vhost's callback). A family is the designs that
/// answer the same question of the same calls: the three 2008 designs (one 2.6.28 kernel, with
/// and without the patch), or the two zero-copy designs (one `ubuf_info` callback, in 3.1 and
/// 4.14). Across families an id names a different object (`d1`'s destructor against `u1`'s
/// callback), so only the family is listed; `skbviz compare` sets all five side by side.
///
/// Each design runs the calls once, from scratch, without step texts: the times are the runs'
/// events, never a guess.
public struct OtherDesigns: Sendable {
    /// A data destructor as the walk names it: its function and the object it is called on
    /// (`tun_free(d1)`; `tun_free(u1)` for a completion callback).
    public struct Key: Hashable, Sendable, CustomStringConvertible {
        public var fn: String
        public var object: String

        public var description: String { "\(fn)(\(object))" }

        /// The key of a data destructor event, nil for any other event.
        public init?(_ event: Event) {
            switch event {
            case .dataDestructor(let d, let fn): (self.fn, object) = (fn, "d\(d)")
            case .zerocopyCallback(let u, let fn, _, _): (self.fn, object) = (fn, "u\(u)")
            default: return nil
            }
        }
    }

    /// One data destructor firing: its call (1-based) and how.
    public struct Firing: Hashable, Sendable {
        public var key: Key
        public var call: Int
        /// The checker found the step premature (`premature_destructor`, `premature_completion`).
        public var premature: Bool
        /// The kernel function that ran a completion callback other than the last release.
        public var via: CompletionVia?
    }

    /// The firings of one design's run.
    public struct Run: Hashable, Sendable {
        public var design: Design
        public var firings: [Firing]
        /// The call that failed, when the run stopped before the end.
        public var failedCall: Int?
    }

    /// The running design.
    public let design: Design
    /// Each design of the family, the running one included, in `Design.allCases` order.
    public let runs: [Run]
    /// The data destructors that fired under another design of the family but never under
    /// this one, in the order the runs fired them: what the end of a walk lists. Found once:
    /// the viewer draws the end of the walk on every frame there, and a long run fires
    /// thousands.
    public let unfired: [Key]

    /// Runs `calls` under every design of `design`'s family.
    public init(_ calls: [CallStatement], design: Design) {
        self.design = design
        runs = Self.family(of: design).map { d in
            var firings: [Firing] = []
            let outcome = ScenarioRun.execute(calls, design: d, texts: false) { record, _ in
                firings += Self.firings(record)
            }
            if case .failed(let op, _, _) = outcome { return Run(design: d, firings: firings, failedCall: op) }
            return Run(design: d, firings: firings, failedCall: nil)
        }
        var listed = Set(runs.first { $0.design == design }?.firings.map(\.key) ?? [])
        var unfired: [Key] = []
        for run in runs where run.design != design {
            for f in run.firings where listed.insert(f.key).inserted { unfired.append(f.key) }
        }
        self.unfired = unfired
    }

    /// The designs compared with `design`: the 2008 designs, or the zero-copy ones.
    public static func family(of design: Design) -> [Design] {
        Design.allCases.filter { ($0.zerocopy == nil) == (design.zerocopy == nil) }
    }

    /// The data destructor firings of one call, in order.
    public static func firings(_ record: CallRecord) -> [Firing] {
        var out: [Firing] = []
        for step in record.steps {
            let premature = step.violations.contains { $0.kind == .prematureDestructor || $0.kind == .prematureCompletion }
            for event in step.events {
                guard let key = Key(event) else { continue }
                var via: CompletionVia?
                if case .zerocopyCallback(_, _, _, let v) = event, v != .release { via = v }
                out.append(Firing(key: key, call: record.op, premature: premature, via: via))
            }
        }
        return out
    }

    /// Whether `event` is a data destructor (or a completion callback) firing.
    public static func isDataDestructor(_ event: Event) -> Bool { Key(event) != nil }

    /// `vanilla: no data destructor · naive: call 9 (premature)`: when `key` fires under each
    /// other design of the family; `separator` between designs (ASCII text uses `; `).
    public func others(_ key: Key, separator: String = " · ") -> String {
        runs.filter { $0.design != design }.map { "\($0.design.rawValue): " + Self.when(key, in: $0) }
            .joined(separator: separator)
    }

    /// The line under a data destructor event.
    public func line(_ key: Key, separator: String = " · ") -> String {
        "other designs: " + others(key, separator: separator)
    }

    /// The lines for the end of the walk: one for each data destructor that fired under
    /// another design of the family but never under this one
    /// (`tun_free(d1) never fired under vanilla (no data destructor); naive: call 9 …`).
    public func endLines(separator: String = " · ") -> [String] {
        unfired.map { key in
            "\(key) never fired under \(design.rawValue)" + (Self.hasDataDestructor(design) ? "" : " (no data destructor)")
                + "; " + others(key, separator: separator)
        }
    }

    /// Whether a design has a data destructor or a completion callback to fire.
    static func hasDataDestructor(_ design: Design) -> Bool { design.hasDataDestructor || design.zerocopy != nil }

    /// `call 9 (premature)`, `calls 10 (skb_copy_ubufs), 12`, `call 7 (2 times)`, `no data
    /// destructor`, `never fires`, `not reached (call 8 fails)`: each call once, with how its
    /// own firings ran.
    static func when(_ key: Key, in run: Run) -> String {
        guard hasDataDestructor(run.design) else { return "no data destructor" }
        let mine = run.firings.filter { $0.key == key }
        guard !mine.isEmpty else {
            return run.failedCall.map { "not reached (call \($0) fails)" } ?? "never fires"
        }
        var calls: [Int] = []
        for f in mine where calls.last != f.call { calls.append(f.call) }
        let texts = calls.map { call in
            let here = mine.filter { $0.call == call }
            var how: [String] = []
            if here.count > 1 { how.append("\(here.count) times") }
            if here.contains(where: \.premature) { how.append("premature") }
            for via in Set(here.compactMap(\.via)).sorted(by: { $0.rawValue < $1.rawValue }) {
                how.append(via.function)
            }
            return "\(call)" + (how.isEmpty ? "" : " (\(how.joined(separator: ", ")))")
        }
        return (calls.count > 1 ? "calls " : "call ") + texts.joined(separator: ", ")
    }
}
