/// Values by object id, for a state's skbs, buffers, pages and completion objects: a
/// dictionary's use without its hashing.
///
/// Ids are allocated increasing and never reused, and a state holds few objects at once, so
/// the values sit in one array in id order, found by a short scan or a binary search. A new
/// object takes the next id, so an insert appends; an undo may put an older id back, in place.
/// Removing the last entry, or any entry of a small table, closes the gap at once; in a large
/// table (a `frag_list` thousands deep, freed member by member) a removal leaves a hole, and
/// the holes go once they are as many as the values, so a removal costs O(1) amortized.
///
/// Iteration, `keys` and `values` go in id order. Two tables are equal when they hold the same
/// values under the same ids, as two dictionaries are, wherever their holes are.
public struct IdTable<Value> {
    /// One id and its value; nil: a hole a removal left.
    struct Entry {
        var id: Int
        var value: Value?
    }

    /// The entries in increasing id order; the last one is never a hole.
    private var entries: [Entry] = []
    /// How many values the table holds (the entries that are not holes).
    public private(set) var count = 0

    /// A table of at most this many entries closes the gap of a removal at once.
    private static var smallTable: Int { 16 }

    public init() {}

    public var isEmpty: Bool { count == 0 }

    /// The position of `id` among the entries, or where it would go.
    ///
    /// - Complexity: O(1) for a new id past the last, O(log n) otherwise.
    private func position(of id: Int) -> (index: Int, found: Bool) {
        // Through a buffer pointer, which reads an entry's id in place, also unoptimised.
        entries.withUnsafeBufferPointer { e in
            let n = e.count
            if n <= 8 {
                var i = 0
                while i < n {
                    if e[i].id >= id { return (i, e[i].id == id) }
                    i += 1
                }
                return (n, false)
            }
            if e[n - 1].id < id { return (n, false) }
            var lo = 0, hi = n - 1
            while lo < hi {
                let mid = (lo + hi) >> 1
                if e[mid].id < id { lo = mid + 1 } else { hi = mid }
            }
            return (lo, e[lo].id == id)
        }
    }

    /// The value under `id`; nil: none. Setting nil removes it; changing it through the
    /// subscript (`table[id]!.users += 1`) changes it in place.
    public subscript(id: Int) -> Value? {
        get {
            let (i, found) = position(of: id)
            return found ? entries[i].value : nil
        }
        _modify {
            // No value is kept across the yield: a coroutine frame that holds one is allocated.
            let (i, found) = position(of: id)
            let had = found && !isHole(i)
            if !found { makeHole(id, at: i) }
            defer { settle(at: i, had: had) }
            yield &entries[i].value
        }
    }

    /// Changes the value under `id`, which must be there, in place: `table[id]!` written
    /// without the subscript's hole and settling, which a value that stays needs not.
    mutating func update<R>(_ id: Int, _ body: (inout Value) throws -> R) rethrows -> R {
        let (i, found) = position(of: id)
        precondition(found && !isHole(i), "IdTable.update: no value under id \(id)")
        return try body(&entries[i].value!)
    }

    /// Makes room for `n` entries at once: a decoded state knows how many objects each table
    /// gets, and growing one append at a time reallocated its storage.
    mutating func reserveCapacity(_ n: Int) {
        entries.reserveCapacity(n)
    }

    /// Puts `value` under `id`, which is past every id in the table: an allocation's append,
    /// without the subscript's search and optional (a decoded state fills its tables this way).
    /// `value` is taken, not copied (a copy retained a buffer's arrays and released them again).
    public mutating func append(_ id: Int, _ value: consuming Value) {
        precondition(entries.last.map { $0.id < id } ?? true, "IdTable.append: id \(id) is not past the last id")
        entries.append(Entry(id: id, value: value))
        count += 1
    }

    /// Puts `value` under `id`: `table[id] = value`, appended at once when `id` is past every
    /// id in the table (a new object's, the common case), without the subscript's search, hole
    /// and settling; `value` is taken, as `append`'s.
    public mutating func put(_ id: Int, _ value: consuming Value) {
        guard entries.last.map({ $0.id < id }) ?? true else { return self[id] = value }
        entries.append(Entry(id: id, value: value))
        count += 1
    }

    /// Removes the value under `id`, if any: `table[id] = nil` without the optional the
    /// subscript's write goes through (whose generic destruction cost more than the removal).
    public mutating func removeValue(_ id: Int) {
        let (i, found) = position(of: id)
        guard found, !isHole(i) else { return }
        count -= 1
        drop(at: i)
    }

    /// What `body` makes of the value under `id` or its absence (nil), borrowed where it is:
    /// for a question in which a missing value is an answer (a value before and after a
    /// change). To read a value that is there, `read` lends the value itself; unwrapping this
    /// optional copies it.
    public func withValue<R>(_ id: Int, _ body: (Value?) throws -> R) rethrows -> R {
        let (i, found) = position(of: id)
        guard found else { return try body(nil) }
        return try entries.withUnsafeBufferPointer { try body($0[i].value) }
    }

    /// What `body` reads of the value under `id`, borrowed where the table holds it (nil: no
    /// value there): reading a field or two copies nothing.
    @discardableResult
    public func read<R>(_ id: Int, _ body: (Value) throws -> R) rethrows -> R? {
        let (i, found) = position(of: id)
        guard found else { return nil }
        return try entries.withUnsafeBufferPointer { e in
            isHole(e, i) ? nil : try body(Self.payload(e, i).pointee)
        }
    }

    /// Calls `body` with each value in id order, borrowed where the table holds it: a walk
    /// that reads a field or two of each value retains nothing (iterating `values` copies
    /// each one, retaining the arrays and strings inside it).
    public func forEachValue(_ body: (Value) throws -> Void) rethrows {
        try entries.withUnsafeBufferPointer { e in
            for i in e.indices where !isHole(e, i) { try body(Self.payload(e, i).pointee) }
        }
    }

    /// Calls `body` with where each value is, in id order, for a walk whose closure writes
    /// what it finds: lent such a closure, `forEachValue`'s value is copied first (the
    /// compiler cannot see that the writes leave the table alone), where the fields read
    /// through the pointer are read in place. The pointer is valid during the call only.
    func forEachAddress(_ body: (UnsafePointer<Value>) throws -> Void) rethrows {
        try entries.withUnsafeBufferPointer { e in
            for i in e.indices where !isHole(e, i) { try body(Self.payload(e, i)) }
        }
    }

    /// What `body` makes of where the value under `id` is (nil: no value), for a closure that
    /// writes what it finds, as `forEachAddress`'s.
    func withAddress<R>(_ id: Int, _ body: (UnsafePointer<Value>?) throws -> R) rethrows -> R {
        let (i, found) = position(of: id)
        return try entries.withUnsafeBufferPointer { e in
            try body(found && !isHole(e, i) ? Self.payload(e, i) : nil)
        }
    }

    /// Whether some value satisfies `predicate`, each value borrowed as in `forEachValue`.
    public func containsValue(where predicate: (Value) throws -> Bool) rethrows -> Bool {
        try entries.withUnsafeBufferPointer { e in
            for i in e.indices where !isHole(e, i) {
                if try predicate(Self.payload(e, i).pointee) { return true }
            }
            return false
        }
    }

    /// Whether entry `i` is a hole: asked of the entry only when the table has holes (most
    /// never do), where reading an optional's tag went through a function of its own for every
    /// entry a walk or a lookup met.
    @inline(__always)
    private func isHole(_ e: UnsafeBufferPointer<Entry>, _ i: Int) -> Bool {
        count != e.count && e[i].value == nil
    }

    /// `isHole` of entry `i` of `entries`.
    @inline(__always)
    private func isHole(_ i: Int) -> Bool {
        count != entries.count && entries[i].value == nil
    }

    /// The value of entry `i` (not a hole) where the entries hold it. Unwrapping the entry's
    /// optional (`if let`) copied the whole value, a skb's some 170 bytes or a buffer's arrays
    /// retained, for a walk that reads a field or two; an `Optional`'s payload is at its start
    /// (a single-payload enum keeps its tag after the payload), so the value is read in place.
    @inline(__always)
    private static func payload(_ e: UnsafeBufferPointer<Entry>, _ i: Int) -> UnsafePointer<Value> {
        let entry = UnsafeRawPointer(e.baseAddress! + i)
        return (entry + MemoryLayout<Entry>.offset(of: \Entry.value)!).assumingMemoryBound(to: Value.self)
    }

    /// The value under `id`, or `defaultValue` put under it when changed.
    public subscript(id: Int, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[id] ?? defaultValue() }
        _modify {
            let (i, found) = position(of: id)
            if !found || isHole(i) { insert(defaultValue(), id: id, at: i) }
            yield &entries[i].value!
        }
    }

    /// Puts a hole for `id`, which has no entry, at its position `i`: a hole already there
    /// takes the id (the order allows it), else a new entry.
    private mutating func makeHole(_ id: Int, at i: Int) {
        if i == entries.count {
            entries.append(Entry(id: id, value: nil))
        } else if entries[i].value == nil {
            entries[i].id = id
        } else {
            entries.insert(Entry(id: id, value: nil), at: i)
        }
    }

    /// Counts the value put in or taken out at entry `i`, which had one (`had`) before, and
    /// drops the entry when it is left a hole.
    private mutating func settle(at i: Int, had: Bool) {
        switch (had, entries[i].value != nil) {
        case (false, true): count += 1
        case (true, false):
            count -= 1
            drop(at: i)
        case (false, false): drop(at: i)
        case (true, true): break
        }
    }

    /// Puts `value` under `id`, which has no value, at its position `i`.
    private mutating func insert(_ value: Value, id: Int, at i: Int) {
        count += 1
        if i == entries.count {
            entries.append(Entry(id: id, value: value))
        } else if entries[i].value == nil {
            entries[i] = Entry(id: id, value: value)
        } else {
            entries.insert(Entry(id: id, value: value), at: i)
        }
    }

    /// Lets entry `i` go, with its value if it still has one: at once when it is last (with
    /// the holes before it) or the table is small, else it is left a hole, and the holes go
    /// when they are as many as the values.
    private mutating func drop(at i: Int) {
        if i == entries.count - 1 || entries.count <= Self.smallTable {
            entries.remove(at: i)
            // Holes are left only when there are entries without a value.
            while entries.count != count, let last = entries.indices.last, entries[last].value == nil { entries.removeLast() }
        } else {
            entries[i].value = nil
            if entries.count - count > count { entries.removeAll { $0.value == nil } }
        }
    }

    /// The table with every value transformed, under the same ids.
    public func mapValues<T>(_ transform: (Value) throws -> T) rethrows -> IdTable<T> {
        var t = IdTable<T>()
        t.entries.reserveCapacity(count)
        for (id, v) in self { t.entries.append(IdTable<T>.Entry(id: id, value: try transform(v))) }
        t.count = count
        return t
    }

    /// The table of the ids and values that satisfy `isIncluded`.
    public func filter(_ isIncluded: ((key: Int, value: Value)) throws -> Bool) rethrows -> IdTable {
        var t = IdTable()
        for e in self where try isIncluded(e) { t.entries.append(Entry(id: e.key, value: e.value)) }
        t.count = t.entries.count
        return t
    }

    /// The ids, in increasing order.
    public var keys: Keys { Keys(table: self) }

    /// The values, in id order.
    public var values: Values { Values(table: self) }

    /// The position of the first value at or after entry `i` (`entries.count`: none).
    fileprivate func live(from i: Int) -> Int {
        if count == entries.count { return i }
        return entries.withUnsafeBufferPointer { e in
            var i = i
            while i < e.count && e[i].value == nil { i += 1 }
            return i
        }
    }

    /// The position of the last value before entry `i`.
    fileprivate func live(before i: Int) -> Int {
        var i = i - 1
        while entries[i].value == nil { i -= 1 }
        return i
    }

    fileprivate var endPosition: Int { entries.count }
    fileprivate func id(at i: Int) -> Int { entries[i].id }
    fileprivate func value(at i: Int) -> Value { entries[i].value! }
}

/// A table's ids or values, in id order: its live entries, read by position.
public protocol IdTableColumn: BidirectionalCollection where Index == Int {
    associatedtype Stored
    /// The table read.
    var table: IdTable<Stored> { get }
}

extension IdTableColumn {
    public var startIndex: Int { table.live(from: 0) }
    public var endIndex: Int { table.endPosition }
    public var count: Int { table.count }
    public var isEmpty: Bool { table.isEmpty }
    public func index(after i: Int) -> Int { table.live(from: i + 1) }
    public func index(before i: Int) -> Int { table.live(before: i) }
}

extension IdTable {
    /// The ids of a table, in increasing order.
    public struct Keys: IdTableColumn {
        public let table: IdTable
        public subscript(i: Int) -> Int { table.id(at: i) }
    }

    /// The values of a table, in id order.
    public struct Values: IdTableColumn {
        public let table: IdTable
        public subscript(i: Int) -> Value { table.value(at: i) }
    }
}

extension IdTable: Sequence {
    /// The ids and values in id order.
    public struct Iterator: IteratorProtocol {
        fileprivate let entries: [Entry]
        fileprivate var position = 0

        public mutating func next() -> (key: Int, value: Value)? {
            while position < entries.count {
                defer { position += 1 }
                if let v = entries[position].value { return (entries[position].id, v) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(entries: entries) }
    public var underestimatedCount: Int { count }
}

extension IdTable: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (Int, Value)...) {
        for (id, v) in elements { self[id] = v }
    }
}

extension IdTable.Entry: Equatable where Value: Equatable {}
extension IdTable.Entry: Sendable where Value: Sendable {}
extension IdTable: Sendable where Value: Sendable {}

extension IdTable: Equatable where Value: Equatable {
    public static func == (a: IdTable, b: IdTable) -> Bool {
        guard a.count == b.count else { return false }
        if a.entries.count == a.count && b.entries.count == b.count { return a.entries == b.entries }
        return a.elementsEqual(b) { $0.key == $1.key && $0.value == $1.value }
    }
}

extension IdTable: Hashable where Value: Hashable {
    public func hash(into h: inout Hasher) {
        h.combine(count)
        for (id, v) in self {
            h.combine(id)
            h.combine(v)
        }
    }
}
