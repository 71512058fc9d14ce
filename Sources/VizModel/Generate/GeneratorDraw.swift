/// What a call's generator hint draws from: the random source, fresh numbers for the names of
/// results, and the state the call would run on (what the scenario holds).
struct GeneratorDraw {
    var rng: SplitMix64
    /// The last number given to a result's name.
    var counter: Int
    let state: SkbState
    /// Whether the design has zero-copy completion objects (`set_data_destructor` may then
    /// name `sock_zerocopy_callback`).
    let zerocopy: Bool

    /// A number for a new name, never given before.
    mutating func fresh() -> Int {
        counter += 1
        return counter
    }

    mutating func below(_ n: Int) -> Int { rng.below(n) }

    /// From 0 to `n` (0 when `n` is negative).
    mutating func upTo(_ n: Int) -> Int { rng.below(max(0, n) + 1) }

    /// One of `items`, or nil when there is none.
    mutating func any<T>(_ items: [T]) -> T? {
        items.isEmpty ? nil : items[rng.below(items.count)]
    }

    var heldPages: [Page] { state.heldPages }

    /// One of the skbs the scenario holds that pass `filter`.
    mutating func anySkb(_ filter: (SkBuff) -> Bool = { _ in true }) -> (name: String, skb: SkBuff)? {
        any(state.heldSkbs.filter { filter($0.skb) })
    }
}

extension SkbState {
    /// A scenario name for every skb the scenario holds (a held skb was bound, so it has one).
    var heldSkbs: [(name: String, skb: SkBuff)] {
        sortedSkbs.compactMap { s in s.held > 0 ? s.name.map { ($0, s) } : nil }
    }

    /// The pages the scenario holds a reference to.
    var heldPages: [Page] { sortedPages.filter { $0.held > 0 } }
}
