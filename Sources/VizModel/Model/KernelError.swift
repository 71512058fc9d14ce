/// A call that cannot run: a kernel `BUG()`/panic, a scenario rule, or a model limit.
///
/// The state is left as it was before the call. `argument` says where the error points: the
/// argument of the running call for this parameter, or the call's name when nil.
public struct KernelError: Error, Hashable, Sendable {
    public var message: String
    public var argument: Parameter?

    public init(_ message: String, argument: Parameter? = nil) {
        self.message = message
        self.argument = argument
    }
}
