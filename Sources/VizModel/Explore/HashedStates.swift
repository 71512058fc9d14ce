/// What the search knows of whether a state leaks (spec §6): a state's closing is run only
/// when a transition's judgement needs it, that is when it is the target of a transition
/// from a state that does not leak, or when it is expanded.
enum LeakKnowledge: UInt8, Sendable {
    case unknown, no, yes

    init(_ leaks: Bool) { self = leaks ? .yes : .no }

    var known: Bool? {
        switch self {
        case .unknown: nil
        case .no: false
        case .yes: true
        }
    }
}

/// The last depth's states (spec §8): judged but never expanded, so each is kept as two
/// 64-bit hashes of its key (a collision can only make the count one too small), with what is
/// known of its leak, in an open-addressing table of 16 bytes a slot.
///
/// The leak takes the second hash's two low bits; a first hash of 0 (the empty slot's mark)
/// is taken as 1.
struct HashedStates: Sendable {
    private var slots: [UInt64] = Array(repeating: 0, count: 2 << 12)
    private(set) var count = 0

    private var capacity: Int { slots.count / 2 }

    /// What is known of the leak of the state with these hashes, if it is here.
    func find(_ h1: UInt64, _ h2: UInt64) -> LeakKnowledge? {
        locate(h1, h2).map { LeakKnowledge(rawValue: UInt8(slots[2 * $0 + 1] & 3))! }
    }

    /// Adds the state (not here yet).
    mutating func insert(_ h1: UInt64, _ h2: UInt64, leak: LeakKnowledge) {
        if (count + 1) * 5 > capacity * 4 { grow() }
        place(Self.first(h1), h2 & ~3 | UInt64(leak.rawValue))
        count += 1
    }

    /// Records the leak of a state that is here.
    mutating func learn(_ h1: UInt64, _ h2: UInt64, leak: LeakKnowledge) {
        guard let at = locate(h1, h2) else { return }
        slots[2 * at + 1] = slots[2 * at + 1] & ~3 | UInt64(leak.rawValue)
    }

    /// Adds the state if it is not here: true when it was added. When it is here, what is
    /// known of its leak becomes `leak` if nothing was known before (a known leak stays).
    mutating func insertOrLearn(_ h1: UInt64, _ h2: UInt64, leak: LeakKnowledge) -> Bool {
        guard let at = locate(h1, h2) else {
            insert(h1, h2, leak: leak)
            return true
        }
        if slots[2 * at + 1] & 3 == UInt64(LeakKnowledge.unknown.rawValue) { slots[2 * at + 1] |= UInt64(leak.rawValue) }
        return false
    }

    private func locate(_ h1: UInt64, _ h2: UInt64) -> Int? {
        let a = Self.first(h1), b = h2 & ~3
        let mask = capacity - 1
        var at = Int(truncatingIfNeeded: a) & mask
        while slots[2 * at] != 0 {
            if slots[2 * at] == a && slots[2 * at + 1] & ~3 == b { return at }
            at = (at + 1) & mask
        }
        return nil
    }

    private mutating func place(_ a: UInt64, _ b: UInt64) {
        let mask = capacity - 1
        var at = Int(truncatingIfNeeded: a) & mask
        while slots[2 * at] != 0 { at = (at + 1) & mask }
        slots[2 * at] = a
        slots[2 * at + 1] = b
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        for i in stride(from: 0, to: old.count, by: 2) where old[i] != 0 { place(old[i], old[i + 1]) }
    }

    private static func first(_ h1: UInt64) -> UInt64 { h1 == 0 ? 1 : h1 }

    /// Bytes held, for the memory figures.
    var bytes: Int { slots.count * 8 }
}
