/// One `struct page`, named by the scenario.
public struct Page: Hashable, Sendable {
    public var name: String
    /// `page_count()`.
    public var count: Int
    /// References the scenario holds (the rest are owned by frag slots).
    public var held: Int
    /// Allocation order, which breaks ties of the natural name order.
    public var serial: Int

    public init(name: String, serial: Int) {
        self.name = name
        self.count = 1
        self.held = 1
        self.serial = serial
    }
}
