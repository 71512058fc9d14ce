/// One `struct page`, named by the scenario.
public struct Page: Hashable, Sendable {
    public var name: String
    /// `page_count()`.
    public var count = 1
    /// References the scenario holds (the rest are owned by frag slots).
    public var held = 1
    /// Allocation order, which breaks ties of the natural name order.
    public var serial: Int

    public init(name: String, serial: Int) {
        self.name = name
        self.serial = serial
    }
}

extension Page: FieldListed {
    /// The fields of a page, in the trace's order; the trace's name is the raw value.
    public enum Field: String, ObjectField {
        case id, count, held, name, serial

        public var use: FieldUse {
            switch self {
            case .id, .count: .state
            case .held: .changes
            case .name, .serial: .history
            }
        }
    }

    mutating func visitFields<V: FieldVisitor<Field>>(_ v: inout V) {
        v.derived(.id, text: name)
        v.int(.count, &count)
        v.int(.held, &held)
        v.string(.name, &name)
        v.int(.serial, &serial)
    }
}
