/// Where a field of an object is shown.
public enum FieldUse: Sendable {
    /// In the trace's `state` record and in step changes.
    case state
    /// In the `state` record only when it has a value, and in step changes (a msg
    /// completion object's `lo`, `len`, `zerocopy`).
    case stateIfSet
    /// In the `state` record of a zero-copy design (model-later.md §8) and in step changes.
    case zerocopy
    /// In step changes only: the scenario's bookkeeping (`held`, `in_flight`).
    case changes
    /// Nowhere: the history keeps it so that a decoded object equals the one encoded.
    case history
}

/// One field of an object kind, as its field list names it: the typed path a step change
/// carries and the viewer asks, with the trace's name for it as its raw value.
public protocol ObjectField: RawRepresentable<String>, CaseIterable, Hashable, Sendable {
    var use: FieldUse { get }
}

/// A field whose value is one of a few names: the trace writes the name, the history a code.
protocol FieldChoice: RawRepresentable<String> {
    var code: UInt { get }
    init(code: UInt)
}

/// What walks the fields of one object kind: the history's byte encoder and decoder, the
/// trace's `state` writer and the step changes. An object lists its fields once
/// (`FieldListed.visitFields`), in the trace's order, each with its value in place, so a
/// visitor reads it or sets it.
protocol FieldVisitor<Field> {
    associatedtype Field: ObjectField
    mutating func int(_ field: Field, _ value: inout Int)
    mutating func bool(_ field: Field, _ value: inout Bool)
    /// A number some objects of the kind do not have.
    mutating func int(_ field: Field, _ value: inout Int?)
    /// A flag some objects of the kind do not have.
    mutating func bool(_ field: Field, _ value: inout Bool?)
    mutating func text(_ field: Field, _ value: inout String?)
    /// A page id, which the trace writes as the page's name (`"p1"`).
    mutating func page(_ field: Field, _ value: inout Int)
    mutating func choice<C: FieldChoice>(_ field: Field, _ value: inout C)
    /// The raw 32-bit `dataref`.
    mutating func word(_ field: Field, _ value: inout UInt32)
    /// An object id the trace writes as `prefix` and the number (`"d5"`); 0 stands for none.
    mutating func ref(_ field: Field, _ prefix: StaticString, _ value: inout Int)
    /// An object id or none.
    mutating func ref(_ field: Field, _ prefix: StaticString, _ value: inout Int?)
    mutating func refs(_ field: Field, _ prefix: StaticString, _ value: inout ArraySlice<Int>)
    mutating func frags(_ field: Field, _ value: inout [Frag])
    /// A value the trace shows and the model derives from other fields (nil: not shown on this
    /// object); the history does not keep it.
    mutating func derived(_ field: Field, int value: Int?)
}

/// An object kind with one field list: the only description of its fields that the history,
/// the trace and the changes use.
protocol FieldListed {
    associatedtype Field: ObjectField
    /// Hands every field, in `Field`'s order, to `visitor`.
    mutating func visitFields<V: FieldVisitor<Field>>(_ visitor: inout V)
}
