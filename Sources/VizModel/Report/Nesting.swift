/// How a step's nesting is drawn, in `run`'s walk, transcripts and the viewer's steps pane:
/// two columns a level up to `shownLevels`. A step nested deeper (a `frag_list` of lists,
/// each freed by `skb_drop_list` inside the `kfree_skb` of its holder) stays at that indent
/// and says its depth, so that its text stays on the screen and a line of a transcript stays
/// short: drawn whole, a list 10,000 deep pushed its steps 20,000 columns to the right.
public enum Nesting {
    /// The deepest level drawn by its indent (no demo or conformance case goes past 3).
    public static let shownLevels = 8

    /// The indent of a step at `depth`.
    public static func indent(_ depth: Int) -> String {
        String(repeating: "  ", count: min(max(depth, 0), shownLevels))
    }

    /// What a step past `shownLevels` says before its text: `depth 204: `.
    public static func label(_ depth: Int) -> String {
        depth > shownLevels ? "depth \(depth): " : ""
    }
}
