/// One call that ran: its statement, its number, and its steps.
public struct CallRecord: Hashable, Sendable {
    /// 1-based call number.
    public var op: Int
    public var statement: CallStatement
    public var steps: [Step]

    public init(op: Int, statement: CallStatement, steps: [Step]) {
        self.op = op
        self.statement = statement
        self.steps = steps
    }
}
