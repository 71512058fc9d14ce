/// What a step changed, as every drawing of the objects marks it: the fields it changed
/// (`d1.dataref`) and the objects it created (`.object(…)`), from `Step.changes(in:)`, and the
/// objects it freed, drawn once more where they were, marked freed. The objects pane and the
/// pictures read this one value.
struct StepMarks {
    /// Fields the step changed, and objects it created or freed.
    let changed: Set<FieldPath>
    let freedSkbs: [SkBuff]
    let freedData: [DataBuffer]
    let freedPages: [Page]

    /// The marks of `step` on `state`, the state after it (none for no step).
    init(step: Step?, state: SkbState) {
        var changed = Set(step?.changes(in: state).map(\.field) ?? [])
        // Two fields the trace leaves out change what the screen says: an skb's released
        // reference and how far a shinfo is its buffer's own.
        for d in step?.deltas ?? [] {
            switch (d.before, d.after) {
            case (.skb(let a)?, .skb(let b)?) where a.released != b.released: changed.insert(.skb(b.id, .released))
            case (.data(let a)?, .data(let b)?) where a.shinfo != b.shinfo: changed.insert(.data(b.id, .shinfo))
            default: break
            }
        }
        self.changed = changed
        var skbs: [SkBuff] = [], data: [DataBuffer] = [], pages: [Page] = []
        for d in step?.deltas ?? [] where d.after == nil {
            switch d.before {
            case .skb(let s)? where state.skbs[s.id] == nil: skbs.append(s)
            case .data(let b)? where state.data[b.id] == nil: data.append(b)
            case .page(let p)? where state.pages[p.id] == nil: pages.append(p)
            default: break
            }
        }
        freedSkbs = skbs
        freedData = data
        freedPages = pages
    }
}
