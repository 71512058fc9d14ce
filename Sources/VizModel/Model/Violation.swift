/// What the checker found wrong.
public enum ViolationKind: String, Hashable, Sendable {
    case prematureDestructor = "premature_destructor"
    case leak
    case invariant
    /// A zero-copy completion ran while a live buffer still holds its user data.
    case prematureCompletion = "premature_completion"
    /// A zero-copy completion ran a second time.
    case doubleCompletion = "double_completion"
    /// `skb_orphan_frags(_rx)` returned success but the buffer still carries the object.
    case orphanIncomplete = "orphan_incomplete"
    /// The kernel's `WARN_ON_ONCE` in `skb_zerocopy_clone` (from `skb_split`).
    case kernelWarn = "kernel_warn"
}

/// A violation of the ownership rules or of the destructor's promise.
public struct Violation: Hashable, Sendable {
    public var kind: ViolationKind
    public var message: String
    /// The ids involved, as trace fields: `data`, `page`, `holder`, `frag`, `skb`.
    public var fields: [(String, ViolationField)]

    public init(kind: ViolationKind, message: String, fields: [(String, ViolationField)] = []) {
        self.kind = kind
        self.message = message
        self.fields = fields
    }

    public static func == (a: Violation, b: Violation) -> Bool {
        a.kind == b.kind && a.message == b.message && a.fields.map(\.0) == b.fields.map(\.0)
            && a.fields.map(\.1) == b.fields.map(\.1)
    }

    public func hash(into h: inout Hasher) {
        h.combine(kind)
        h.combine(message)
    }

    /// The object a `leak` names (`s2`, `d1`, `p1`, `u1`): the trace's `end` record lists
    /// these, and the viewer says them when `v` stops at the end; nil for other kinds.
    public var leaked: String? {
        guard kind == .leak, case .id(let id)? = fields.first?.1 else { return nil }
        return id
    }

    /// `VIOLATION kind: message`, the line every report, export and pane shows for it.
    public var line: String { "VIOLATION \(kind.rawValue): \(message)" }
}

/// A field value of a violation record: an id string or a number.
public enum ViolationField: Hashable, Sendable {
    case id(String)
    case number(Int)
}
