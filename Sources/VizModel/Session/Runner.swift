/// Runs call statements on a state, one at a time: resolves names to objects, checks what the
/// scenario holds, and records the steps of each call. A call that fails changes nothing.
public struct Runner: Sendable {
    public private(set) var state: SkbState
    public let design: Design
    /// Whether the steps keep their pseudo-code texts (false when nothing will show them).
    public let texts: Bool
    /// Whether the steps are kept at all (false when nothing will look at them: no step, event
    /// or checker finding is then recorded, and `run(_:)` returns no step).
    public let keepsSteps: Bool

    public init(design: Design, state: SkbState = SkbState(), texts: Bool = true, keepsSteps: Bool = true) {
        self.design = design
        self.state = state
        self.texts = texts
        self.keepsSteps = keepsSteps
    }

    /// Runs one call; on success the state has moved on and the steps are returned.
    public mutating func run(_ statement: CallStatement) -> Result<[Step], Diagnostic> {
        if let reserved = statement.reservedNameError(in: design) { return .failure(reserved) }
        let entry = statement.call.entry
        let arguments: Arguments
        switch resolve(statement) {
        case .failure(let d): return .failure(d)
        case .success(let values): arguments = Arguments(parameters: entry.parameters, values: values, binding: statement.binding)
        }
        // The machine works on the state itself (swapped in, not copied): a copy would make
        // every call cost as much as the whole state.
        var machine = Machine(state: SkbState(), design: design, call: CallSite(line: statement.line, text: statement.text), texts: texts, keepsSteps: keepsSteps)
        swap(&state, &machine.state)
        defer { swap(&state, &machine.state) }
        do throws(KernelError) {
            let results = try entry.run(&machine, arguments)
            machine.bindResults(results, returns: entry.returns, to: statement.binding)
        } catch {
            machine.rollBack()
            let column = error.argument.flatMap { entry.parameters.firstIndex(of: $0) }.map { statement.arguments[$0].column }
            return .failure(Diagnostic(error.message, at: SourceLocation(line: statement.line, column: column ?? statement.column)))
        }
        return .success(machine.finish())
    }

    /// The steps `statement` takes on `state`, texts included, leaving `state` as it was (or
    /// why it fails): how the viewer renders the texts of the call on screen.
    public static func replay(_ statement: CallStatement, on state: inout SkbState, design: Design) -> Result<[Step], Diagnostic> {
        var runner = Runner(design: design)
        swap(&runner.state, &state)
        defer { swap(&runner.state, &state) }
        let result = runner.run(statement)
        if case .success(let steps) = result { runner.revert(steps) }
        return result
    }

    /// Takes back calls that completed, newest first: their steps' deltas in reverse.
    public mutating func revert(_ steps: [Step]) {
        for step in steps.reversed() { state.apply(step.deltas, forward: false) }
    }

    /// Names to objects, refusing freed objects, skbs the scenario does not hold, and list
    /// indexes past the end.
    private func resolve(_ s: CallStatement) -> Result<[ArgumentValue], Diagnostic> {
        var values: [ArgumentValue] = []
        for (param, arg) in zip(s.call.parameters, s.arguments) {
            let at = SourceLocation(line: s.line, column: arg.column)
            switch (param.kind, arg.value) {
            case (.count, .integer(let v)), (.signed, .integer(let v)):
                values.append(.integer(v))
            case (.function, .name(let n)):
                values.append(.function(n))
            case (.page, .name(let n)):
                guard case .page(let id)? = state.bindings[n] else { return .failure(Diagnostic("name '\(n)' is not bound", at: at)) }
                guard state.pages[id] != nil else {
                    return .failure(Diagnostic("use after free: page \(n) was freed \(lastReference(n))", at: at))
                }
                values.append(.page(id))
            case (.skb, .name(let n)), (.skb, .element(let n, _)):
                let id: Int
                switch (state.bindings[n], arg.value) {
                case (.skb(let v)?, .name):
                    id = v
                case (.list(let ids)?, .element(_, let index)):
                    guard index < ids.count else {
                        // The lexer saturates an index past 2147483647: it is not shown as a number it is not.
                        let shown = index > Lexer.maxInteger ? "\(n)[an index past \(Lexer.maxInteger)]:" : "\(n)[\(index)]:"
                        return .failure(Diagnostic("\(shown) skb_segment gave \(n) only \(ids.count) segment\(ids.count == 1 ? "" : "s")", at: at))
                    }
                    id = ids[index]
                default:
                    return .failure(Diagnostic("name '\(n)' does not name an skb here", at: at))
                }
                guard let skb = state.skbs[id] else {
                    let label = arg.value == .name(n) ? n : "\(n)[\(index(arg))]"
                    return .failure(Diagnostic("use after free: \(label) (s\(id)) was freed \(lastReference("s\(id)"))", at: at))
                }
                guard skb.held > 0 else { return .failure(Diagnostic(notHeld(skb), at: at)) }
                values.append(.skb(id))
            default:
                return .failure(Diagnostic("argument \(values.count + 1) of \(s.call.rawValue) has the wrong kind", at: at))
            }
        }
        return .success(values)
    }

    /// `at line 3 by kfree_skb(a)`: the call that freed `ref` (`sN` or a page's name), or
    /// that gave up the scenario's last reference to it, as the state remembers it (`earlier`
    /// when it does not: a state built by hand).
    private func lastReference(_ ref: String) -> String {
        state.freed[ref]?.described ?? "earlier"
    }

    /// Why the scenario may not name `skb`, which lives on without a reference of the
    /// scenario's: the buffers whose `frag_list` holds it (`skb_shinfo(skb)->frag_list`), and
    /// the call that gave up the scenario's last reference (`skb_frag_list_add`, or a
    /// `kfree_skb` while a list held it too).
    private func notHeld(_ skb: SkBuff) -> String {
        let lists = state.fragListHolders(of: skb.id).map { "d\($0.buffer)" }
        let place = lists.isEmpty ? skb.label : "\(skb.label) is on \(Describe.fragLists(of: lists))"
        return "\(place): the scenario gave up its last reference to it \(lastReference(skb.ref))"
    }

    private func index(_ arg: CallArgument) -> Int {
        if case .element(_, let i) = arg.value { i } else { 0 }
    }
}
