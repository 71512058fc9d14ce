/// A value behind one reference, copied when it is written while shared: copying the struct
/// that holds it retains one object, whatever the value holds.
struct CopyOnWrite<Value> {
    private final class Storage {
        var value: Value

        init(_ value: Value) {
            self.value = value
        }
    }

    private var storage: Storage

    init(_ value: Value) {
        storage = Storage(value)
    }

    var value: Value {
        _read { yield storage.value }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.value) }
            yield &storage.value
        }
    }
}

/// Shared storage is never written (a write copies it first), so a value that may cross
/// threads makes a box that may too.
extension CopyOnWrite: @unchecked Sendable where Value: Sendable {}
