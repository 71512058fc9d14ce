/// A place in a scenario file: 1-based line and 1-based byte column.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// An error with its place: `FILE:LINE:COLUMN: error: MESSAGE`.
public struct Diagnostic: Hashable, Sendable, Error {
    public var location: SourceLocation
    public var message: String
    /// What a reading error is about, for a reader that goes on to say what to do next (the
    /// viewer's prompt); nil for the others.
    public var subject: Subject?

    /// The reading errors whose next step can be said.
    public enum Subject: Hashable, Sendable {
        /// A name no earlier line binds.
        case unboundName(String)
        /// A call given the wrong arguments, or written without its parentheses.
        case arguments(CallName)
        /// A word that is no call, with the call the message offers instead, if any.
        case unknownCall(nearest: CallName?)
    }

    public init(_ message: String, at location: SourceLocation, subject: Subject? = nil) {
        self.message = message
        self.location = location
        self.subject = subject
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE`.
    /// Control characters of the file name and the message are escaped (`TerminalText`).
    public func formatted(file: String) -> String {
        TerminalText.escaped("\(file):\(location.line):\(location.column): error: \(message)")
    }

    /// The formatted line, then the source line and a caret under the offending text.
    public func formatted(file: String, source: SourceLines) -> String {
        let head = formatted(file: file)
        guard location.line >= 1, location.line <= source.count else { return head }
        // A CRLF file's CR is a blank (scenario-language.md), not text to show as `\r`.
        var line = source[location.line - 1]
        if line.hasSuffix("\r") { line.removeLast() }
        let text = TerminalText.escaped(line)
        // The caret goes under the column's byte: pad with one cell per cell of what comes
        // before it (tabs kept, so the terminal expands them alike).
        let before = TerminalText.escaped(String(decoding: line.utf8.prefix(max(0, location.column - 1)), as: UTF8.self))
        let pad = before.map { $0 == "\t" ? "\t" : String(repeating: " ", count: Grid.width(of: $0)) }.joined()
        return head + "\n" + text + "\n" + pad + "^"
    }
}

/// The reading errors of a typed call, in order.
public struct ReadingErrors: Error, Hashable, Sendable {
    public var diagnostics: [Diagnostic]
}

/// One argument of a call as written.
public struct CallArgument: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case name(String)
        /// `segs[0]`.
        case element(String, Int)
        case integer(Int)
        /// Only ever an error: no call takes a string.
        case string(String)
    }

    public var value: Value
    public var column: Int
}

/// One call line of a scenario.
public struct CallStatement: Hashable, Sendable {
    public var call: CallName
    public var binding: String?
    public var arguments: [CallArgument]
    public var line: Int
    /// Where the call's name starts (after `x = `).
    public var column: Int
    /// The line without blanks around it, its comment and one trailing `;`.
    public var text: String
    /// The `note` lines just before this call: shown while the walk is on it.
    public var notes: [Note]
}

/// A parsed scenario: its title, design and calls, or the reading errors that stop it.
public struct Program: Hashable, Sendable {
    public var file: String
    public var title: String?
    public var design: Design?
    public var calls: [CallStatement]
    /// Notes after the last call.
    public var closingNotes: [Note]
    /// Reading errors, in order of line and column; when there are any, nothing runs.
    public var errors: [Diagnostic]
    /// The file's lines, for carets under errors.
    public var source: SourceLines
}
