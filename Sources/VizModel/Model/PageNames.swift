/// How pages are called, by page id: the scenario's names (the inverse of the page bindings)
/// and the kernel's own pages `k1, k2, …` of the zero-copy designs.
public struct PageNames: Hashable, Sendable {
    var names: IdTable<String> = [:]
    /// `kN` of each kernel page ever allocated. Kept when the page goes (its events and its
    /// freed line use the name) and after an undo (a later page of the same id replaces it),
    /// so it is not part of equality: `names` and the pages decide that.
    var kernel: IdTable<String> = [:]

    /// The page's scenario name; a kernel page's `kN`; any other page the kernel allocated
    /// is `page` and its id.
    public func ref(_ id: Int) -> String { names[id] ?? kernel[id] ?? "page\(id)" }

    public static func == (a: PageNames, b: PageNames) -> Bool { a.names == b.names }

    public func hash(into h: inout Hasher) { h.combine(names) }
}
