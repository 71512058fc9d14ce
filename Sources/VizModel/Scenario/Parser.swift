/// Reads `.skb` scenarios (scenario-language.md): every reading error at once, in order.
public struct Parser {
    /// What a bound name stands for, as far as reading can tell.
    public enum NameKind: Hashable, Sendable {
        case skb, page, list
        /// Bound by a statement whose call is unknown or returns nothing: not checked further.
        case unknown
    }

    /// A bound name: its kind and the line that bound it.
    public struct Name: Hashable, Sendable {
        public var kind: NameKind
        public var line: Int

        public init(kind: NameKind, line: Int) {
            self.kind = kind
            self.line = line
        }
    }

    /// The names bound so far.
    public private(set) var names: [String: Name]
    private var errors: [Diagnostic] = []
    private var title: (String, Int)?
    private var design: (Design, Int)?
    private var designSeen: Int?
    private var sawCall = false
    private var pendingNotes: [Note] = []
    private var calls: [CallStatement] = []
    /// Whether a call's binding goes into `names` for the statements after it: not for one
    /// call parsed alone (`parseCall`), whose parser is dropped at once; writing it copied the
    /// whole table of names handed in, which `skbviz gen` grows by one name a call.
    private var recordsBindings = true

    public init(names: [String: Name] = [:]) {
        self.names = names
    }

    /// Parses a whole file.
    public static func parse(_ text: String, file: String) -> Program {
        parse(bytes: Array(text.utf8), file: file)
    }

    /// Parses a whole file given as bytes (which need not be valid UTF-8).
    public static func parse(bytes: [UInt8], file: String) -> Program {
        var parser = Parser()
        let lines = SourceLines(bytes)
        for i in lines.indices {
            parser.statement(Array(lines.bytes(ofLine: i)), number: i + 1)
        }
        return Program(
            file: file, title: parser.title?.0, design: parser.design?.0, calls: parser.calls,
            closingNotes: parser.pendingNotes,
            errors: parser.errors.sorted { $0.location < $1.location },
            source: lines)
    }

    /// Parses one call typed at a prompt, against the names a session has bound.
    ///
    /// `title`, `design` and `note` are not calls and are refused.
    public static func parseCall(_ text: String, line: Int, names: [String: Name]) -> Result<CallStatement, ReadingErrors> {
        var parser = Parser(names: names)
        parser.sawCall = true
        parser.recordsBindings = false
        parser.statement(Array(text.utf8), number: line)
        if !parser.errors.isEmpty { return .failure(ReadingErrors(diagnostics: parser.errors.sorted { $0.location < $1.location })) }
        guard let call = parser.calls.first else {
            return .failure(ReadingErrors(diagnostics: [Diagnostic("type a call, such as kfree_skb(a)", at: SourceLocation(line: line, column: 1))]))
        }
        return .success(call)
    }

    // MARK: Statements

    private mutating func statement(_ bytes: [UInt8], number: Int) {
        let content: ArraySlice<UInt8>
        switch Lexer.cut(bytes, number: number) {
        case .failure(let d):
            errors.append(d)
            return
        case .success(let c):
            content = c
        }
        if let keyword = designKeyword(content) {
            designStatement(content, keyword: keyword, number: number)
            return
        }
        if taggedNote(content, number: number) { return }
        let lexed: LexedLine
        switch Lexer.lex(content: content, number: number) {
        case .failure(let d):
            errors.append(d)
            return
        case .success(let l):
            lexed = l
        }
        let t = lexed.tokens
        guard let first = t.first else { return }
        func at(_ column: Int) -> SourceLocation { SourceLocation(line: number, column: column) }
        if case .identifier(let word) = first.kind, word == "title" || word == "note",
           t.count > 1, case .string(let text) = t[1].kind {
            guard t.count == 2 else { return syntax("\(t[2].unexpected) after the string", at(t[2].column)) }
            if word == "note" {
                pendingNotes.append(Note(text))
            } else if let (_, line) = title {
                errors.append(Diagnostic("title given twice (first at line \(line))", at: at(first.column)))
            } else {
                title = (text, number)
            }
            return
        }
        callStatement(lexed, number: number)
    }

    /// Where a `design` statement's keyword starts: `design` as a whole word, followed by
    /// neither `=` nor `(` (else it is an ordinary name).
    private func designKeyword(_ content: ArraySlice<UInt8>) -> Int? {
        let word = Self.designWord
        guard content.first == word[0], content.starts(with: word) else { return nil }
        var rest = content.dropFirst(word.count)
        if let b = rest.first, Lexer.isIdentifierByte(b) { return nil }
        while let b = rest.first, Lexer.isBlank(b) { rest = rest.dropFirst() }
        if rest.first == 0x3D || rest.first == 0x28 { return nil }
        return content.startIndex + 1
    }

    private static let designWord = Array("design".utf8)
    private static let noteWord = Array("note".utf8)

    private mutating func designStatement(_ content: ArraySlice<UInt8>, keyword: Int, number: Int) {
        let at = SourceLocation(line: number, column: keyword)
        var rest = content.dropFirst(6)
        while let b = rest.first, Lexer.isBlank(b) { rest = rest.dropFirst() }
        let nameColumn = rest.startIndex + 1
        let name = String(decoding: rest, as: UTF8.self)
        if rest.isEmpty { return syntax("design needs a name: \(Design.names("or"))", at) }
        // The trailing `;` is cut already: any other is a syntax error, and the line is dropped.
        if let semicolon = rest.firstIndex(of: 0x3B) {
            return syntax("unexpected ';'", SourceLocation(line: number, column: semicolon + 1))
        }
        // The keyword's error (given twice, else after a call) and the name's are two errors,
        // at their own columns.
        var placed = false
        if let line = designSeen {
            errors.append(Diagnostic("design given twice (first at line \(line))", at: at))
        } else if sawCall {
            errors.append(Diagnostic("design must come before the first call", at: at))
        } else {
            placed = true
        }
        designSeen = designSeen ?? number
        guard let d = Design(rawValue: name) else {
            errors.append(Diagnostic("unknown design '\(name)': \(Design.names("or"))", at: SourceLocation(line: number, column: nameColumn)))
            return
        }
        if placed { design = (d, number) }
    }

    /// Reads `note DESIGN "…"` or `note [DESIGN, …] "…"`; false when the line is no tagged
    /// note (an untagged `note "…"`, or `note` as an ordinary name), which is read as before.
    private mutating func taggedNote(_ content: ArraySlice<UInt8>, number: Int) -> Bool {
        func at(_ index: Int) -> SourceLocation { SourceLocation(line: number, column: index + 1) }
        func skipBlanks(_ s: inout ArraySlice<UInt8>) { while let b = s.first, Lexer.isBlank(b) { s = s.dropFirst() } }
        let word = Self.noteWord
        guard content.first == word[0], content.starts(with: word) else { return false }
        var rest = content.dropFirst(word.count)
        guard let b = rest.first, Lexer.isBlank(b) else { return false }
        skipBlanks(&rest)
        // Each name of the tag with the index it starts at.
        var names: [(ArraySlice<UInt8>, Int)] = []
        func isNameByte(_ b: UInt8) -> Bool { Lexer.isIdentifierByte(b) || b == 0x2D }
        if rest.first == 0x5B {
            let open = rest.startIndex
            guard let close = rest.firstIndex(of: 0x5D) else {
                syntax("a note's tag ends with ']'", at(open))
                return true
            }
            var inside = rest[(open + 1)..<close]
            while true {
                skipBlanks(&inside)
                let start = inside.startIndex
                while let b = inside.first, isNameByte(b) { inside = inside.dropFirst() }
                guard inside.startIndex > start else {
                    syntax("a note's tag is [DESIGN, …]: \(Design.names("or"))", at(start == close ? close : start))
                    return true
                }
                names.append((content[start..<inside.startIndex], start))
                skipBlanks(&inside)
                if inside.isEmpty { break }
                guard inside.first == 0x2C else {
                    syntax("expected ',' or ']' in a note's tag", at(inside.startIndex))
                    return true
                }
                inside = inside.dropFirst()
            }
            rest = rest[(close + 1)...]
            skipBlanks(&rest)
            guard rest.first == 0x22 else {
                syntax("expected a string after the note's tag", at(rest.isEmpty ? close : rest.startIndex))
                return true
            }
        } else {
            let start = rest.startIndex
            guard let first = rest.first, Lexer.isIdentifierStart(first) else { return false }
            while let b = rest.first, isNameByte(b) { rest = rest.dropFirst() }
            names.append((content[start..<rest.startIndex], start))
            skipBlanks(&rest)
            guard rest.first == 0x22 else { return false }
        }
        // A tag's first wrong name is the line's one error: a line read as a note has at most
        // one, as a syntax error would (scenario-language.md, Errors).
        var designs: [Design] = []
        for (bytes, start) in names {
            let name = String(decoding: bytes, as: UTF8.self)
            guard let d = Design(rawValue: name) else {
                errors.append(Diagnostic("unknown design '\(name)' in a note's tag: \(Design.names("or"))", at: at(start)))
                return true
            }
            if designs.contains(d) {
                errors.append(Diagnostic("design '\(name)' named twice in a note's tag", at: at(start)))
                return true
            }
            designs.append(d)
        }
        switch Lexer.lex(content: rest, number: number) {
        case .failure(let d):
            errors.append(d)
        case .success(let lexed):
            let t = lexed.tokens
            guard t.count == 1, case .string(let text) = t[0].kind else {
                syntax(t.count > 1 ? "\(t[1].unexpected) after the string" : "unexpected text after the string",
                       at(t.count > 1 ? t[1].column - 1 : rest.startIndex))
                return true
            }
            pendingNotes.append(Note(text, designs: designs))
        }
        return true
    }

    private mutating func syntax(_ message: String, _ at: SourceLocation, subject: Diagnostic.Subject? = nil) {
        errors.append(Diagnostic("syntax error: \(message)", at: at, subject: subject))
    }

    private mutating func callStatement(_ lexed: LexedLine, number: Int) {
        let t = lexed.tokens
        func at(_ column: Int) -> SourceLocation { SourceLocation(line: number, column: column) }
        var i = 0
        var binding: (String, Int)?
        if t.count > 1, case .identifier(let name) = t[0].kind, t[1].kind == .punctuation(0x3D) {
            binding = (name, t[0].column)
            i = 2
        }
        guard i < t.count, case .identifier(let callName) = t[i].kind else {
            return syntax(i < t.count ? "expected a call, not \(t[i].shown)" : "expected a call after '='", at(i < t.count ? t[i].column : t[i - 1].column))
        }
        let callColumn = t[i].column
        let call = CallName(rawValue: callName)
        i += 1
        guard i < t.count, t[i].kind == .punctuation(0x28) else {
            guard let call else { return unknownCall(callName, callColumn, binding: binding, number: number) }
            return syntax("expected '(' after \(callName)", at(i < t.count ? t[i].column : callColumn), subject: .arguments(call))
        }
        i += 1
        var arguments: [CallArgument] = []
        if i < t.count, t[i].kind == .punctuation(0x29) {
            i += 1
        } else {
            while true {
                guard i < t.count else { return syntax("expected ')' to close \(callName)(", at(t[i - 1].column)) }
                let column = t[i].column
                switch t[i].kind {
                case .identifier(let name):
                    if i + 1 < t.count, t[i + 1].kind == .punctuation(0x5B) {
                        guard i + 3 < t.count, case .integer(let index, let overflow) = t[i + 2].kind,
                              t[i + 3].kind == .punctuation(0x5D) else {
                            return syntax("a list element is name[INDEX], with an integer index", at(t[i + 1].column))
                        }
                        guard index >= 0 else {
                            return syntax("a list index must be at least 0", at(t[i + 2].column))
                        }
                        arguments.append(CallArgument(value: .element(name, overflow ? Lexer.maxInteger + 1 : index), column: column))
                        i += 4
                    } else {
                        arguments.append(CallArgument(value: .name(name), column: column))
                        i += 1
                    }
                case .integer(let value, let overflow):
                    arguments.append(CallArgument(value: .integer(overflow ? (value < 0 ? -(Lexer.maxInteger + 1) : Lexer.maxInteger + 1) : value), column: column))
                    i += 1
                case .string(let s):
                    arguments.append(CallArgument(value: .string(s), column: column))
                    i += 1
                case .punctuation:
                    return syntax("expected an argument, not \(t[i].shown)", at(column))
                }
                guard i < t.count else { return syntax("expected ')' to close \(callName)(", at(t[i - 1].column)) }
                if t[i].kind == .punctuation(0x29) { i += 1; break }
                guard t[i].kind == .punctuation(0x2C) else { return syntax("expected ',' or ')', not \(t[i].shown)", at(t[i].column)) }
                i += 1
            }
        }
        guard i == t.count else { return syntax("\(t[i].unexpected) after the call", at(t[i].column)) }
        guard let call else { return unknownCall(callName, callColumn, binding: binding, number: number) }
        sawCall = true
        let statement = CallStatement(
            call: call, binding: binding?.0, arguments: arguments, line: number, column: callColumn,
            text: String(decoding: lexed.content, as: UTF8.self), notes: pendingNotes)
        pendingNotes = []
        check(statement, bindingColumn: binding?.1)
        calls.append(statement)
    }

    /// A kernel call pasted with its allocation flags (`skb_clone(a, GFP_ATOMIC)`): one
    /// argument too many, the last a `GFP_` word. Says why, after the count.
    private static func gfpHint(_ s: CallStatement) -> String {
        guard s.arguments.count == s.call.parameters.count + 1, case .name(let flags)? = s.arguments.last?.value,
              flags.hasPrefix("GFP_") else { return "" }
        return "; the scenario language leaves out the kernel's gfp_mask: drop \(flags)"
    }

    private mutating func unknownCall(_ name: String, _ column: Int, binding: (String, Int)?, number: Int) {
        sawCall = true
        let nearest = CallName.nearest(to: name)
        let hint = nearest.map { ": did you mean '\($0.rawValue)'?" } ?? ""
        errors.append(Diagnostic("unknown call '\(name)'\(hint)", at: SourceLocation(line: number, column: column),
                                 subject: .unknownCall(nearest: nearest)))
        if let (b, c) = binding {
            if let earlier = names[b] {
                errors.append(Diagnostic("name '\(b)' is already bound (line \(earlier.line))", at: SourceLocation(line: number, column: c)))
            } else if recordsBindings {
                names[b] = Name(kind: .unknown, line: number)
            }
        }
    }

    // MARK: Meaning

    private mutating func check(_ s: CallStatement, bindingColumn: Int?) {
        let call = s.call
        func at(_ column: Int) -> SourceLocation { SourceLocation(line: s.line, column: column) }
        var bindAs: NameKind?
        if let name = s.binding, let column = bindingColumn {
            if let earlier = names[name] {
                errors.append(Diagnostic("name '\(name)' is already bound (line \(earlier.line))", at: at(column)))
            } else if call.returns == .nothing {
                // Bound all the same, to nothing known (as the result of an unknown call): its
                // uses are not errors of their own, binding it again is.
                errors.append(Diagnostic("\(call.rawValue) returns nothing to bind", at: at(column)))
                bindAs = .unknown
            } else {
                bindAs = Self.kind(of: call.returns)
            }
        } else if let message = call.entry.unboundError {
            errors.append(Diagnostic(message, at: at(s.column)))
        }
        let params = call.parameters
        if params.count != s.arguments.count {
            let n = params.count
            errors.append(Diagnostic("\(call.rawValue) takes \(n) argument\(n == 1 ? "" : "s"), not \(s.arguments.count)\(Self.gfpHint(s))",
                                     at: at(s.column), subject: .arguments(call)))
        } else {
            for (index, (param, arg)) in zip(params, s.arguments).enumerated() {
                if let message = problem(arg, param.kind, call: call, position: index + 1) {
                    errors.append(Diagnostic(message, at: at(arg.column), subject: unbound(arg).map { .unboundName($0) } ?? .arguments(call)))
                }
            }
        }
        if recordsBindings, let kind = bindAs, let name = s.binding {
            names[name] = Name(kind: kind, line: s.line)
        }
    }

    /// What a name bound to a call's result stands for (nil: the call returns nothing).
    static func kind(of returns: ReturnKind) -> NameKind? {
        switch returns {
        case .skb: .skb
        case .page: .page
        case .list: .list
        case .nothing: nil
        }
    }

    /// The name a valid call statement binds, and what it stands for.
    public static func binding(of statement: CallStatement) -> (name: String, bound: Name)? {
        guard let name = statement.binding, let kind = kind(of: statement.call.returns) else { return nil }
        return (name, Name(kind: kind, line: statement.line))
    }

    /// What is wrong with one argument, if anything.
    private func problem(_ arg: CallArgument, _ kind: ArgumentKind, call: CallName, position: Int) -> String? {
        var what: String { "argument \(position) of \(call.rawValue)" }
        switch (kind, arg.value) {
        case (.count, .integer(let v)), (.signed, .integer(let v)):
            if kind == .count && v < 0 { return "\(what) may not be negative" }
            if v > Lexer.maxInteger { return "\(what) is above 2147483647" }
            if v < -Lexer.maxInteger { return "\(what) is below -2147483647" }
            return nil
        case (.count, _), (.signed, _):
            return "\(what) must be an integer, not \(describe(arg.value))"
        case (.function, .name):
            return nil
        case (.function, _):
            return "the function of \(call.rawValue) must be a plain identifier, not \(describe(arg.value))"
        case (.skb, .name(let n)), (.page, .name(let n)):
            return nameProblem(n, element: false, kind, what: what)
        case (.skb, .element(let n, _)), (.page, .element(let n, _)):
            return nameProblem(n, element: true, kind, what: what)
        case (.skb, _), (.page, _):
            return "\(what) must be \(kind == .skb ? "an skb" : "a page"), not \(describe(arg.value))"
        }
    }

    /// The name `arg` uses when no earlier line binds it.
    private func unbound(_ arg: CallArgument) -> String? {
        switch arg.value {
        case .name(let n), .element(let n, _): names[n] == nil ? n : nil
        default: nil
        }
    }

    private func nameProblem(_ name: String, element: Bool, _ kind: ArgumentKind, what: @autoclosure () -> String) -> String? {
        guard let bound = names[name] else {
            return "name '\(name)' is not bound before this line" + (nearestName(to: name).map { ": did you mean '\($0)'?" } ?? "")
        }
        switch bound.kind {
        case .unknown:
            return nil
        case .list:
            if !element { return "'\(name)' is a list of skbs: name one of them, as \(name)[0]" }
            return kind == .skb ? nil : "\(what()) must be a page, but \(name)[…] is an skb"
        case .skb, .page:
            if element { return "'\(name)' is not a list: it takes no index" }
            if bound.kind == .skb && kind == .page { return "\(what()) must be a page, but '\(name)' is an skb" }
            if bound.kind == .page && kind == .skb { return "\(what()) must be an skb, but '\(name)' is a page" }
            return nil
        }
    }

    /// The bound name an unbound one was most likely meant to be (`sbk` or `SKB` for `skb`):
    /// one edit away, or two from 6 bytes on, ignoring case; the nearest, then the first
    /// alphabetically. None for a name of 1 or 2 bytes, which every other short name is near,
    /// nor a numbered sibling (`s5` for `s59`, `x25` for `x35`): numbers name different objects.
    /// Only the first `nearestNameLimit` errors look for one (each looks at every bound name):
    /// a broken generated file has thousands, and `run` prints 100.
    private func nearestName(to typed: String) -> String? {
        let word = Array(typed.lowercased().utf8)
        guard word.count >= 3, errors.count < Self.nearestNameLimit else { return nil }
        let limit = word.count >= 6 ? 2 : 1
        let letters = word.filter { !Lexer.isDigit($0) }
        var best: (name: String, distance: Int)?
        for name in names.keys where abs(name.utf8.count - word.count) <= limit {
            let other = Array(name.lowercased().utf8)
            if other != word && other.filter({ !Lexer.isDigit($0) }) == letters { continue }
            let d = CallName.editDistance(word, other)
            if d <= limit, best.map({ (d, name) < ($0.distance, $0.name) }) ?? true { best = (name, d) }
        }
        return best?.name
    }

    static let nearestNameLimit = 100

    private func describe(_ v: CallArgument.Value) -> String {
        switch v {
        case .integer: "an integer"
        case .name(let n): "the name '\(n)'"
        case .element(let n, let i): "the list element \(n)[\(i)]"
        case .string: "a string"
        }
    }
}
