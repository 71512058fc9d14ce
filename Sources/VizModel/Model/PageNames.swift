/// The scenario's names of pages, by page id: the inverse of the page bindings.
public struct PageNames: Hashable, Sendable {
    var names: [Int: String] = [:]

    /// The page's scenario name; a page the scenario did not name (one a kernel call
    /// allocated) is `page` and its id.
    public func ref(_ id: Int) -> String { names[id] ?? "page\(id)" }
}
