/// A call that cannot run: a kernel `BUG()`/panic, a scenario rule, or a model limit.
///
/// The state is left as it was before the call. `argument` says where the error points: the
/// 0-based argument of the call as written, or nil for the call's name.
public struct KernelError: Error, Hashable, Sendable {
    public var message: String
    public var argument: Int?

    public init(_ message: String, argument: Int? = nil) {
        self.message = message
        self.argument = argument
    }
}
