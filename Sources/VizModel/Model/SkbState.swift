/// Everything allocated at one moment, and what the scenario holds and has named.
///
/// A value: a step is a set of `Delta`s on it, so stepping back applies them in reverse.
public struct SkbState: Hashable, Sendable {
    public var skbs: [Int: SkBuff] = [:]
    public var data: [Int: DataBuffer] = [:]
    public var pages: [String: Page] = [:]
    public var bindings: [String: Binding] = [:]
    public var freed: [String: Int] = [:]
    public var counters = Counters()

    public init() {}

    public subscript(key: ObjectKey) -> ObjectValue? {
        get {
            switch key {
            case .skb(let id): skbs[id].map(ObjectValue.skb)
            case .data(let id): data[id].map(ObjectValue.data)
            case .page(let name): pages[name].map(ObjectValue.page)
            case .binding(let name): bindings[name].map(ObjectValue.binding)
            case .freed(let ref): freed[ref].map(ObjectValue.line)
            case .counters: .counters(counters)
            }
        }
        set {
            switch (key, newValue) {
            case (.skb(let id), .skb(let v)?): skbs[id] = v
            case (.skb(let id), _): skbs[id] = nil
            case (.data(let id), .data(let v)?): data[id] = v
            case (.data(let id), _): data[id] = nil
            case (.page(let name), .page(let v)?): pages[name] = v
            case (.page(let name), _): pages[name] = nil
            case (.binding(let name), .binding(let v)?): bindings[name] = v
            case (.binding(let name), _): bindings[name] = nil
            case (.freed(let ref), .line(let v)?): freed[ref] = v
            case (.freed(let ref), _): freed[ref] = nil
            case (.counters, .counters(let v)?): counters = v
            case (.counters, _): counters = Counters()
            }
        }
    }

    /// Applies a step's deltas forward (redo) or backward (undo).
    public mutating func apply(_ deltas: [Delta], forward: Bool) {
        if forward {
            for d in deltas { self[d.key] = d.after }
        } else {
            for d in deltas.reversed() { self[d.key] = d.before }
        }
    }

    public var sortedSkbs: [SkBuff] { skbs.values.sorted { $0.id < $1.id } }
    public var sortedData: [DataBuffer] { data.values.sorted { $0.id < $1.id } }
    /// Pages in natural name order (`p2` before `p10`), ties in allocation order.
    public var sortedPages: [Page] {
        pages.values.sorted {
            let c = NaturalOrder.compare($0.name, $1.name)
            return c != 0 ? c < 0 : $0.serial < $1.serial
        }
    }

    /// The skbs on some live buffer's `frag_list`.
    public func isOnFragList(_ skb: Int) -> Bool {
        data.values.contains { $0.fragList.contains(skb) }
    }
}
