import Synchronization

/// The steps pane's lines for every step of a call as it looks when the cursor is elsewhere,
/// kept from frame to frame.
///
/// Only the current step's lines change as the cursor walks through a call (its marker, bold
/// text, change marks), so the pane lays out the other steps once for the call and the pane's
/// width and glyphs, not on every frame: a call of 10,000 steps took a quarter of a second
/// a frame to wrap again. `StepTexts` makes a new memo whenever its steps change, so copies of
/// a session that share one share the same steps; the key holds the rest of what the lines
/// depend on. A cache, not state: the lines are those `make` gives, whoever asks first.
final class StepLinesMemo: Sendable {
    /// What the lines of the steps depend on beside the steps themselves.
    struct Key: Equatable {
        var width: Int
        var glyphs: GlyphSet
        /// Whether the lines include when each data destructor fires under the other designs
        /// (computed on demand, so it can arrive after the steps).
        var otherDesigns: Bool
    }

    private let stored = Mutex<(key: Key, blocks: [[StyledLine]])?>(nil)
    private let made = Atomic<Int>(0)

    /// The lines of each step for `key`, from `make` the first time they are asked for.
    func blocks(for key: Key, make: () -> [[StyledLine]]) -> [[StyledLine]] {
        if let kept = stored.withLock({ $0 }), kept.key == key { return kept.blocks }
        let blocks = make()
        made.add(1, ordering: .relaxed)
        stored.withLock { $0 = (key, blocks) }
        return blocks
    }

    /// How many times the lines were laid out (for the tests).
    var layouts: Int { made.load(ordering: .relaxed) }
}
