/// One `struct page`, identified by its allocation: the scenario's name for it, if any, is a
/// binding (`SkbState.pageNames`), not part of the page.
public struct Page: Hashable, Sendable {
    /// The allocation's number (`Counters.lastPage`): ids grow with allocation and are never reused.
    public var id: Int
    /// `page_count()`.
    public var count = 1
    /// References the scenario holds (the rest are owned by frag slots).
    public var held = 1

    public init(id: Int) {
        self.id = id
    }
}

extension Page: FieldListed {
    /// The fields of a page, in the trace's order; the trace's name is the raw value.
    public enum Field: String, ObjectField {
        case id, count, held

        public var use: FieldUse { self == .held ? .changes : .state }
    }

    mutating func visitFields<V: FieldVisitor<Field>>(_ v: inout V) {
        v.page(.id, &id)
        v.int(.count, &count)
        v.int(.held, &held)
    }
}
