/// Why the interactive viewer could not take over the terminal.
enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, a CI log).
    case notATerminal
    /// `$TERM` is unset or empty.
    case noTerminalType
    /// `$TERM` names a terminal that terminfo does not know.
    case unknownTerminal(String)
    /// `$TERM` names a terminal that cannot move the cursor, such as `dumb`.
    case cannotMoveCursor(String)

    var description: String {
        let alternative = "to step through a scenario without a terminal, use `skbviz run`"
        switch self {
        case .notATerminal:
            return "the viewer needs a terminal, but standard input or output is not one; \(alternative)"
        case .noTerminalType:
            return "TERM is not set, so the viewer cannot drive the terminal; set TERM (for example TERM=xterm-256color), or \(alternative)"
        case .unknownTerminal(let name):
            return "unknown terminal type TERM=\(name) (no terminfo entry); set TERM to a type this system knows (for example xterm-256color), or \(alternative)"
        case .cannotMoveCursor(let name):
            return "the terminal type TERM=\(name) cannot move the cursor, so the viewer cannot draw its screen; set TERM to a full-screen type (for example xterm-256color), or \(alternative)"
        }
    }
}
