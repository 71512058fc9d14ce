/// A call's resolved arguments, read by parameter (`a.skb(.skb)`, `a.integer(.len)`).
///
/// The runner resolves the arguments against the call's own parameters, so each value is
/// there and of its parameter's kind: asking for another parameter, or another kind, is a
/// mistake in the call table, never a consequence of the scenario.
struct Arguments {
    let parameters: [Parameter]
    let values: [ArgumentValue]
    /// The name the statement binds the call's result to.
    let binding: String?

    /// The kind is compared before the name: most of a call's parameters differ in kind, an
    /// integer's comparison, where comparing two names is a string's.
    private func value(_ p: Parameter) -> ArgumentValue {
        for i in parameters.indices where parameters[i].kind == p.kind && parameters[i].name == p.name { return values[i] }
        preconditionFailure("the call has no parameter \(p.name)")
    }

    func skb(_ p: Parameter) -> Int {
        guard case .skb(let id) = value(p) else { preconditionFailure("\(p.name) is not an skb") }
        return id
    }

    func page(_ p: Parameter) -> Int {
        guard case .page(let id) = value(p) else { preconditionFailure("\(p.name) is not a page") }
        return id
    }

    func integer(_ p: Parameter) -> Int {
        guard case .integer(let v) = value(p) else { preconditionFailure("\(p.name) is not an integer") }
        return v
    }

    func function(_ p: Parameter) -> String {
        guard case .function(let name) = value(p) else { preconditionFailure("\(p.name) is not a function") }
        return name
    }
}
