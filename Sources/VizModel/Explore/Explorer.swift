import Dispatch

/// Which states `explore` merges (spec §7): none, identical ones, or ones equal up to renaming.
/// The classes and files never depend on it; only the counts do.
public enum ExploreDedup: String, CaseIterable, Sendable {
    case none, concrete, canonical
}

/// What a search is asked to do.
public struct ExploreOptions: Sendable {
    public var design: Design
    public var depth: Int
    public var jobs: Int
    public var dedup: ExploreDedup

    public init(design: Design, depth: Int, jobs: Int = 1, dedup: ExploreDedup = .canonical) {
        self.design = design
        self.depth = depth
        self.jobs = max(1, jobs)
        self.dedup = dedup
    }
}

/// One depth of the search, as `depths.tsv` writes it.
public struct ExploreDepth: Hashable, Sendable {
    public var depth: Int
    public var new: Int
    public var total: Int
    public var transitions: Int
    public var seconds: Double
    /// False for a depth a time or memory limit cut short.
    public var complete: Bool
}

/// Where a depth is, for the progress line and the limits.
public struct ExploreProgress: Sendable {
    public var depth: Int
    /// States first reached at this depth so far.
    public var new: Int
    public var seconds: Double
    /// Bytes the search's own tables hold.
    public var bytes: Int
}

/// What a search found.
public struct ExploreResult: Sendable {
    public var design: Design
    public var depths: [ExploreDepth]
    /// Each class's counterexample, as letter indexes from the initial state.
    public var found: [ExploreClass: [Int]]
    /// Why the search stopped before its depth, if it did.
    public var stopped: String?
    /// Whether a depth reached no new state: every state within the bounds was expanded, and
    /// deeper depths would add nothing.
    public var exhausted = false
    /// States stored (all depths but the last) and the bytes their tables hold.
    public var stored = 0
    public var storedBytes = 0
    /// The last depth's states, kept as hashes only, and the bytes their set holds.
    public var hashed = 0
    public var hashedBytes = 0
}

/// Bounded breadth-first search over the model (spec explore.md §7): depth by depth, the
/// states first reached at the previous depth in that order, each state's letters in order;
/// every transition is judged; a state equal to one already reached is not expanded again.
///
/// A depth is expanded in batches of source states: the batch's states are expanded in
/// parallel against the table as it was before the batch, then the results are merged in
/// order, so the result is the one of a single thread.
public struct Explorer: Sendable {
    let options: ExploreOptions
    private var table = StateTable()
    /// Per stored state: the state it was first reached from, the letter, whether it leaks.
    private var parents: [UInt32] = []
    private var letters: [UInt8] = []
    private var leaking: [Bool] = []
    /// The last depth's states: two hashes each, and whether it leaks.
    private var last: [HashPair: Bool] = [:]
    private var found: [ExploreClass: [Int]] = [:]

    public init(options: ExploreOptions) {
        self.options = options
    }

    /// How many source states a batch expands.
    private static let batch = 2048

    /// Runs the search; `monitor` is called before each batch and stops the search by
    /// returning a reason; `finished` gets each depth as it ends (a cut one marked incomplete).
    public mutating func run(monitor: (ExploreProgress) -> String? = { _ in nil },
                             finished: (ExploreDepth) -> Void = { _ in }) -> ExploreResult {
        let clock = ContinuousClock()
        var depths: [ExploreDepth] = []
        let initial = SkbState()
        let initialKey = key(initial)
        let initialCode = initialKey.code
        _ = store(initialKey, parent: 0, letter: 0, leaks: false)
        depths.append(ExploreDepth(depth: 0, new: 1, total: 1, transitions: 0, seconds: 0, complete: true))
        finished(depths[0])
        var frontier: [(index: Int, code: [UInt8])] = [(0, initialCode)]
        var total = 1
        var stopped: String?
        for depth in 1...max(1, options.depth) {
            let start = clock.now
            let isLast = depth == options.depth
            var next: [(index: Int, code: [UInt8])] = []
            var new = 0, transitions = 0
            var at = 0
            while at < frontier.count {
                if let reason = monitor(ExploreProgress(depth: depth, new: new, seconds: seconds(clock.now - start), bytes: bytes)) {
                    stopped = reason
                    break
                }
                let end = min(frontier.count, at + Self.batch)
                let outs = expand(frontier[at..<end])
                for (k, transitionsOut) in outs.enumerated() {
                    let source = frontier[at + k].index
                    for t in transitionsOut {
                        transitions += 1
                        for kind in t.kinds {
                            let c = ExploreClass(kind: kind, call: t.call)
                            if found[c] == nil {
                                found[c] = path(to: source) + [Int(t.letter)]
                            }
                        }
                        guard let fresh = t.fresh else { continue }
                        if isLast {
                            let pair = HashPair(fresh.h1, fresh.h2)
                            if options.dedup == .none || last[pair] == nil {
                                if options.dedup != .none { last[pair] = fresh.leaks }
                                new += 1
                            }
                        } else if options.dedup == .none || table.find(fresh.key, hash: fresh.h1) == nil {
                            let i = store(fresh, parent: source, letter: t.letter, leaks: fresh.leaks)
                            next.append((i, Array(fresh.code[...])))  // exact capacity: the frontier is the biggest transient
                            new += 1
                        }
                    }
                }
                at = end
            }
            total += new
            depths.append(ExploreDepth(depth: depth, new: new, total: total, transitions: transitions,
                                       seconds: seconds(clock.now - start), complete: stopped == nil))
            finished(depths[depth])
            if stopped != nil || depth == options.depth || new == 0 { break }
            frontier = next
        }
        return ExploreResult(design: options.design, depths: depths, found: found, stopped: stopped,
                             exhausted: stopped == nil && depths.last!.new == 0, stored: parents.count,
                             storedBytes: table.bytes + parents.capacity * 4 + letters.capacity + leaking.capacity,
                             hashed: last.count, hashedBytes: last.capacity * MemoryLayout<(HashPair, Bool)>.stride)
    }

    /// Bytes the search's tables hold.
    var bytes: Int {
        table.bytes + parents.capacity * 4 + letters.capacity + leaking.capacity + last.capacity * MemoryLayout<(HashPair, Bool)>.stride
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The letters from the initial state to stored state `i`.
    private func path(to i: Int) -> [Int] {
        var out: [Int] = []
        var at = i
        while at != 0 {
            out.append(Int(letters[at]))
            at = Int(parents[at])
        }
        return out.reversed()
    }

    private mutating func store(_ key: Key, parent: Int, letter: UInt8, leaks: Bool) -> Int {
        let i: Int
        if options.dedup == .none {
            i = parents.count
        } else {
            i = table.insert(key.key, hash: key.h1)
        }
        parents.append(UInt32(parent))
        letters.append(letter)
        leaking.append(leaks)
        return i
    }

    /// A state's key for merging, with its hashes; the concrete code rides along for the frontier.
    struct Key {
        var key: [UInt8]
        var h1: UInt64
        var h2: UInt64
        var code: [UInt8]
        var leaks = false
    }

    private func key(_ state: SkbState) -> Key {
        let (concrete, canonical) = StateCode.codes(state, canonical: options.dedup == .canonical)
        let key: [UInt8]
        switch options.dedup {
        case .none: return Key(key: [], h1: 0, h2: 0, code: concrete)
        case .concrete: key = concrete
        case .canonical: key = canonical
        }
        return Key(key: key, h1: StateHash.first(key), h2: StateHash.second(key), code: concrete)
    }

    /// One transition from a source state.
    struct Transition {
        var letter: UInt8
        var call: CallName
        var kinds: [ExploreKind]
        /// The target when it was not in the tables before the batch.
        var fresh: Key?
    }

    /// Expands a batch of frontier states, in parallel when `jobs` > 1.
    private func expand(_ sources: ArraySlice<(index: Int, code: [UInt8])>) -> [[Transition]] {
        let items = Array(sources)
        let box = ResultBox(count: items.count)
        let jobs = min(options.jobs, items.count)
        if jobs <= 1 {
            var seen: [[UInt8]: Bool] = [:]
            for (k, s) in items.enumerated() { box[k] = expand(s.code, leaks: leaking[s.index], seen: &seen) }
        } else {
            let chunks = jobs * 4
            let me = self
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var k = c * items.count / chunks
                let end = (c + 1) * items.count / chunks
                var seen: [[UInt8]: Bool] = [:]
                while k < end {
                    box[k] = me.expand(items[k].code, leaks: me.leaking[items[k].index], seen: &seen)
                    k += 1
                }
            }
        }
        return box.results
    }

    /// Every transition from the state of `code`, judged.
    /// - Parameter seen: whether the states this batch's part reached so far leak, by key,
    ///   so that a state reached again before the merge is closed only once.
    func expand(_ code: [UInt8], leaks: Bool, seen: inout [[UInt8]: Bool]) -> [Transition] {
        let design = options.design
        let base = StateCode.decode(code)
        let handles = ExploreLetter.Handles(base)
        var out: [Transition] = []
        for (i, letter) in ExploreLetter.letters(of: base, design: design, handles: handles).enumerated() {
            var s = base
            guard let steps = letter.run(on: &s, design: design, handles: handles), ExploreJudge.withinBounds(s) else { continue }
            var k = key(s)
            let known: Bool?
            switch options.dedup {
            case .none: known = nil
            default:
                if let j = table.find(k.key, hash: k.h1) {
                    known = leaking[j]
                } else {
                    known = last[HashPair(k.h1, k.h2)]
                }
            }
            let afterLeaks: Bool
            if let known {
                afterLeaks = known
            } else if options.dedup != .none, let cached = seen[k.key] {
                afterLeaks = cached
            } else {
                afterLeaks = ExploreJudge.leaks(s, design: design)
                if options.dedup != .none { seen[k.key] = afterLeaks }
            }
            k.leaks = afterLeaks
            let kinds = ExploreJudge.kinds(steps: steps, sourceLeaks: leaks, after: s, afterLeaks: afterLeaks, design: design)
            out.append(Transition(letter: UInt8(i), call: letter.call, kinds: kinds, fresh: known == nil ? k : nil))
        }
        return out
    }
}

/// Two 64-bit hashes of a code.
struct HashPair: Hashable, Sendable {
    var a: UInt64
    var b: UInt64

    init(_ a: UInt64, _ b: UInt64) {
        self.a = a
        self.b = b
    }
}

/// The per-source results of a batch, written by the workers at distinct indexes of one
/// allocation (no array is modified from two threads).
private final class ResultBox: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[Explorer.Transition]>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [])
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    subscript(i: Int) -> [Explorer.Transition] {
        get { slots[i] }
        set { slots[i] = newValue }
    }

    var results: [[Explorer.Transition]] { Array(slots) }
}
