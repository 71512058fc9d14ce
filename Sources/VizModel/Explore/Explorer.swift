import Dispatch
import Synchronization

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
/// parallel against the tables as they were before the batch, then the results are merged in
/// order, so the result is the one of a single thread.
public struct Explorer: Sendable {
    let options: ExploreOptions
    private var table = StateTable()
    /// Per stored state: the state it was first reached from, the letter, what is known of its leak.
    private var parents: [UInt32] = []
    private var letters: [UInt8] = []
    private var leaks: [LeakKnowledge] = []
    /// The last depth's states, as hashes, in two halves by the second hash's top bit: a
    /// batch's updates to them are merged one half a worker (updates to different halves
    /// commute, and each half takes its own in batch order).
    private var last = [HashedStates(), HashedStates()]
    private var found: [ExploreClass: [Int]] = [:]

    public init(options: ExploreOptions) {
        self.options = options
    }

    /// How many source states a batch expands.
    private static let batch = 2048

    /// The states of a depth to expand: each one's stored index and concrete code.
    private struct Frontier: Sendable {
        var indexes: [UInt32] = []
        var codes = CodeArena()

        var count: Int { indexes.count }

        mutating func append(_ index: Int, _ code: [UInt8]) {
            indexes.append(UInt32(index))
            codes.append(code)
        }
    }

    /// Runs the search; `monitor` is called before each batch and stops the search by
    /// returning a reason; `finished` gets each depth as it ends (a cut one marked incomplete).
    public mutating func run(monitor: (ExploreProgress) -> String? = { _ in nil },
                             finished: (ExploreDepth) -> Void = { _ in }) -> ExploreResult {
        let clock = ContinuousClock()
        var depths: [ExploreDepth] = []
        let initial = SkbState()
        var room = Room()
        let initialKey = locate(initial, last: false, room: &room).key
        _ = store(initialKey, parent: 0, letter: 0, leak: .no)
        depths.append(ExploreDepth(depth: 0, new: 1, total: 1, transitions: 0, seconds: 0, complete: true))
        finished(depths[0])
        var frontier = Frontier()
        frontier.append(0, initialKey.code)
        var total = 1
        var stopped: String?
        for depth in 1...max(1, options.depth) {
            let start = clock.now
            let isLast = depth == options.depth
            var next = Frontier()
            var new = 0, transitions = 0
            var at = 0
            while at < frontier.count {
                if let reason = monitor(ExploreProgress(depth: depth, new: new, seconds: seconds(clock.now - start), bytes: bytes + next.codes.bytes)) {
                    stopped = reason
                    break
                }
                let end = min(frontier.count, at + Self.batch)
                let outs = expand(frontier, at..<end, last: isLast)
                if isLast && options.dedup != .none { new += mergeLast(outs) }
                for (k, out) in outs.enumerated() {
                    let source = Int(frontier.indexes[at + k])
                    leaks[source] = LeakKnowledge(out.sourceLeaks)
                    for t in out.transitions {
                        transitions += 1
                        for kind in t.kinds {
                            let c = ExploreClass(kind: kind, call: t.call)
                            if found[c] == nil {
                                found[c] = path(to: source) + [Int(t.letter)]
                            }
                        }
                        switch t.target {
                        case .stored(let j):
                            if leaks[j] == .unknown { leaks[j] = t.leak }
                        case .hashed:
                            break  // `mergeLast` took it
                        case .fresh where isLast:
                            // `mergeLast` took it; without merging, every one is new.
                            if options.dedup == .none { new += 1 }
                        case .fresh:
                            if options.dedup != .none, let j = table.find(t.key.key, hash: t.key.h1) {
                                if leaks[j] == .unknown { leaks[j] = t.leak }
                            } else {
                                let i = store(t.key, parent: source, letter: t.letter, leak: t.leak)
                                next.append(i, t.key.code)
                                new += 1
                            }
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
                             storedBytes: storedBytes, hashed: last[0].count + last[1].count,
                             hashedBytes: lastBytes)
    }

    /// Bytes the stored states' tables hold.
    private var storedBytes: Int {
        table.bytes + parents.capacity * 4 + letters.capacity + leaks.capacity
    }

    /// Bytes the search's tables hold.
    var bytes: Int { storedBytes + lastBytes }

    /// Bytes the last depth's halves hold.
    private var lastBytes: Int { last[0].bytes + last[1].bytes }

    /// The half of `last` a state with this second hash is in.
    private static func half(_ h2: UInt64) -> Int { Int(h2 >> 63) }

    /// Merges a batch of the last depth into `last` (what `run`'s loop does for the other
    /// depths' transitions): a state no earlier batch met is added, or what the worker learnt
    /// of its leak recorded. One half a worker when there are jobs, the halves one after the
    /// other otherwise: the tables end the same either way. Returns how many states were new.
    private mutating func mergeLast(_ outs: [Expansion]) -> Int {
        let halves = [LastHalf(last[0]), LastHalf(last[1])]
        // The boxes hold the only references, so that their tables are written in place.
        last = []
        let merge = { @Sendable (h: Int) in
            let half = halves[h]
            for k in outs.indices {
                for i in outs[k].transitions.indices where Self.half(outs[k].transitions[i].key.h2) == h {
                    let (target, h1, h2, leak) = (outs[k].transitions[i].target, outs[k].transitions[i].key.h1,
                                                  outs[k].transitions[i].key.h2, outs[k].transitions[i].leak)
                    switch target {
                    case .hashed where outs[k].transitions[i].learned: half.states.learn(h1, h2, leak: leak)
                    case .fresh: if half.states.insertOrLearn(h1, h2, leak: leak) { half.new += 1 }
                    case .hashed, .stored: break
                    }
                }
            }
        }
        if options.jobs > 1 {
            DispatchQueue.concurrentPerform(iterations: 2, execute: merge)
        } else {
            merge(0)
            merge(1)
        }
        last = halves.map(\.states)
        return halves[0].new + halves[1].new
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

    private mutating func store(_ key: Key, parent: Int, letter: UInt8, leak: LeakKnowledge) -> Int {
        let i: Int
        if options.dedup == .none {
            i = parents.count
        } else {
            i = table.insert(key.key, hash: key.h1)
        }
        parents.append(UInt32(parent))
        letters.append(letter)
        leaks.append(leak)
        return i
    }

    /// A state's key for merging, with its hashes; its bytes, and the concrete code the
    /// frontier keeps, only for a state the merge may store (empty otherwise).
    struct Key {
        var key: [UInt8]
        var h1: UInt64
        var h2: UInt64
        var code: [UInt8]
    }

    /// The key of `state`, with its hashes, where it leads as the tables were before the
    /// batch, and what they know of its leak. The bytes are copied out of the scratch they are
    /// written in only for a state the merge may store: one in no table and not of the last
    /// depth (a state of the last depth is never expanded, so it needs no concrete code).
    /// - Parameter room: room for reading and writing the state, reused from state to state.
    private func locate(_ state: SkbState, last isLast: Bool, room: inout Room) -> (key: Key, target: Target, leak: LeakKnowledge) {
        let dedup = options.dedup
        let (concrete, canonical) = StateCode.write(state, canonical: dedup == .canonical, concrete: !isLast || dedup == .concrete,
                                                    storage: &room.view, into: &room.codes)
        guard dedup != .none else { return (Key(key: [], h1: 0, h2: 0, code: Array(room.codes[concrete])), .fresh, .unknown) }
        let range = dedup == .canonical ? canonical : concrete
        let (h1, h2, stored) = room.codes.withUnsafeBufferPointer { codes in
            let key = UnsafeBufferPointer(rebasing: codes[range])
            let (h1, h2) = StateHash.both(key)
            return (h1, h2, table.find(key, hash: h1))
        }
        var (target, leak) = (Target.fresh, LeakKnowledge.unknown)
        if let j = stored {
            (target, leak) = (.stored(j), leaks[j])
        } else if let known = last[Self.half(h2)].find(h1, h2) {
            (target, leak) = (.hashed, known)
        }
        guard target == .fresh && !isLast else { return (Key(key: [], h1: h1, h2: h2, code: []), target, leak) }
        let bytes = Array(room.codes[range])
        return (Key(key: bytes, h1: h1, h2: h2, code: dedup == .concrete ? bytes : Array(room.codes[concrete])), target, leak)
    }

    /// Room a worker reads states and writes their codes in, kept from state to state.
    struct Room {
        var view: [Int] = []
        var codes: [UInt8] = []
    }

    /// Where a transition leads, as the tables were before its batch.
    enum Target: Equatable {
        /// A stored state, by index.
        case stored(Int)
        /// A state of the last depth.
        case hashed
        /// A state in neither table (or any state, without merging).
        case fresh
    }

    /// One transition from a source state.
    struct Transition {
        var letter: UInt8
        var call: CallName
        var kinds: [ExploreKind]
        var target: Target
        var key: Key
        /// What is known of the target's leak (unknown when the source leaks and nobody asked).
        var leak: LeakKnowledge
        /// Whether `leak` is known from this batch (the target's closing, or the worker's
        /// cache) rather than from the tables: only then has the merge something to record.
        var learned = false
    }

    /// A source state's expansion: whether it leaks, and its transitions.
    struct Expansion {
        var sourceLeaks = false
        var transitions: [Transition] = []
    }

    /// Expands the frontier's states in `range`, in parallel when `jobs` > 1; `last`: they are
    /// the sources of the last depth.
    private func expand(_ frontier: Frontier, _ range: Range<Int>, last: Bool) -> [Expansion] {
        let box = ResultBox(count: range.count)
        let jobs = min(options.jobs, range.count)
        let knownKeepRules = !found.keys.contains { $0.kind == .invariant }
        let work = { @Sendable (k: Int, seen: inout HashedStates) in
            let i = range.lowerBound + k
            box[k] = self.expand(Array(frontier.codes[i]), leak: self.leaks[Int(frontier.indexes[i])], last: last,
                                 knownKeepRules: knownKeepRules, seen: &seen)
        }
        if jobs <= 1 {
            var seen = HashedStates()
            for k in 0..<range.count { work(k, &seen) }
        } else {
            // One worker a job, each taking the next source as it is free: the load stays
            // even, and each worker's leak cache covers every source it expands.
            DispatchQueue.concurrentPerform(iterations: jobs) { _ in
                var seen = HashedStates()
                while let k = box.take() { work(k, &seen) }
            }
        }
        return box.results
    }

    /// Every transition from the state of `code`, judged.
    /// - Parameters:
    ///   - leak: what is known of the state's own leak (its closing is run when unknown).
    ///   - knownKeepRules: whether every state reached before this batch keeps the ownership
    ///     rules (no `invariant` class found yet): each was checked when first reached, so a
    ///     transition to one of them needs no check (§6 judges the state after the call).
    ///   - seen: whether the states this batch's part closed so far leak, by their key's
    ///     hashes (as the last depth keeps its states), so that a state reached again before
    ///     the merge is closed and checked only once; a state that breaks a rule is not kept.
    func expand(_ code: [UInt8], leak: LeakKnowledge, last isLast: Bool = false, knownKeepRules: Bool = false,
                seen: inout HashedStates) -> Expansion {
        let design = options.design
        let base = StateCode.decode(code)
        let sourceLeaks = leak.known ?? ExploreJudge.leaks(base, design: design)
        let handles = ExploreLetter.Handles(base)
        var out = Expansion(sourceLeaks: sourceLeaks)
        let letters = ExploreLetter.letters(of: base, design: design, handles: handles)
        out.transitions.reserveCapacity(letters.count)
        var machine = ExploreLetter.machine(design: design, names: false, rollsBack: false)
        var closing = ExploreJudge.closingMachine(design: design)
        var room = Room()
        // A letter that mirrors an earlier one reaches the same state up to renaming: when
        // states merge up to renaming, its transition is its image's (the other merges keep
        // the concrete states apart).
        let mirrors = options.dedup == .canonical ? ExploreLetter.mirrors(letters, handles: handles, twins: StateCode.twins(base))
            : [Int?](repeating: nil, count: letters.count)
        // Each letter's transition, by index in `out.transitions`.
        var made = [Int?](repeating: nil, count: letters.count)
        for (i, letter) in letters.enumerated() {
            if let m = mirrors[i] {
                if let k = made[m] {
                    var t = out.transitions[k]
                    t.letter = UInt8(i)
                    made[i] = out.transitions.count
                    out.transitions.append(t)
                }
                continue
            }
            if ExploreJudge.mustExceedBounds(letter.call, in: base) { continue }
            var s = base
            guard var violations = letter.run(on: &s, handles: handles, machine: &machine, invariants: false),
                  ExploreJudge.withinBounds(s) else { continue }
            let (k, target, known) = locate(s, last: isLast, room: &room)
            var afterLeak = known
            var learned = false
            // §6's invariant is the state's after the call: a state known before the batch, or
            // one this worker met and checked in it, is not checked again.
            var checked = target != .fresh && knownKeepRules
            if afterLeak == .unknown, options.dedup != .none, let cached = seen.find(k.h1, k.h2) {
                afterLeak = cached
                learned = true
                checked = true
            }
            if !checked {
                // Appending an empty list still went through the array's generic append.
                let broken = machine.invariantViolations(in: s)
                if !broken.isEmpty { violations += broken }
            }
            // A leak is judged only on a transition from a state that does not leak (§6). The
            // state is not needed after its code, so it is closed in place.
            var closed = false
            if afterLeak == .unknown && !sourceLeaks {
                ExploreJudge.close(&s, machine: &closing)
                closed = true
                let leaks = ExploreJudge.isLeft(s)
                // Only a state that keeps the rules: one met again skips its check.
                if options.dedup != .none && !violations.contains(where: { $0.kind == .invariant }) {
                    seen.insert(k.h1, k.h2, leak: LeakKnowledge(leaks))
                }
                afterLeak = LeakKnowledge(leaks)
                learned = true
            }
            let kinds = ExploreJudge.kinds(violations: violations, sourceLeaks: sourceLeaks, afterLeaks: afterLeak == .yes,
                                           left: closed ? s : ExploreJudge.closed(s, design: design))
            made[i] = out.transitions.count
            out.transitions.append(Transition(letter: UInt8(i), call: letter.call, kinds: kinds, target: target, key: k, leak: afterLeak,
                                              learned: learned))
        }
        return out
    }
}

/// One half of the last depth's table while a batch is merged into it, with how many states
/// the batch added; written by one worker only.
private final class LastHalf: @unchecked Sendable {
    var states: HashedStates
    var new = 0

    init(_ states: HashedStates) {
        self.states = states
    }
}

/// The per-source results of a batch, written by the workers at distinct indexes of one
/// allocation (no array is modified from two threads), and the next source to take.
private final class ResultBox: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Explorer.Expansion>
    private let next = Atomic<Int>(0)

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: Explorer.Expansion())
    }

    /// The index of a source no worker has taken yet, if any.
    func take() -> Int? {
        let k = next.add(1, ordering: .relaxed).oldValue
        return k < slots.count ? k : nil
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    subscript(i: Int) -> Explorer.Expansion {
        get { slots[i] }
        set { slots[i] = newValue }
    }

    var results: [Explorer.Expansion] { Array(slots) }
}
