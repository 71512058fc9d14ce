/// One token of a statement, with its 1-based byte column.
struct Token: Hashable {
    enum Kind: Hashable {
        case identifier(String)
        /// An integer literal; `overflow` when its magnitude is above 2147483647.
        case integer(value: Int, overflow: Bool)
        case string(String)
        case punctuation(UInt8)
    }

    var kind: Kind
    var column: Int
}

extension Token {
    /// The token as an error names it: `'extra'`, `')'`, `an integer`, `a string`.
    var shown: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .integer: "an integer"
        case .string: "a string"
        case .punctuation(let b): "'\(String(UnicodeScalar(b)))'"
        }
    }

    /// `unexpected 'extra'`, `unexpected ')'`, `unexpected integer`, `unexpected string`.
    var unexpected: String {
        switch kind {
        case .integer: "unexpected integer"
        case .string: "unexpected string"
        default: "unexpected \(shown)"
        }
    }
}

/// A line of a scenario, cut into its statement text and tokens.
struct LexedLine {
    /// The statement's bytes: comment, one trailing `;` and surrounding blanks removed.
    var content: ArraySlice<UInt8>
    /// The 1-based column of `content`'s first byte.
    var start: Int
    var tokens: [Token]
}

/// The lexical rules of scenario-language.md, on the bytes of one line.
enum Lexer {
    static let maxIdentifierBytes = 63
    static let maxInteger = 2_147_483_647

    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
    static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }
    static func isIdentifierByte(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Cuts the comment and one trailing `;`, then tokenises; a line has at most one syntax error.
    static func lex(_ line: [UInt8], number: Int) -> Result<LexedLine, Diagnostic> {
        cut(line, number: number).flatMap { lex(content: $0, number: number) }
    }

    /// Tokenises a statement already cut from its line.
    static func lex(content: ArraySlice<UInt8>, number: Int) -> Result<LexedLine, Diagnostic> {
        tokenize(content, number: number).map { LexedLine(content: content, start: content.startIndex + 1, tokens: $0) }
    }

    /// The statement's bytes: the line without its comment, one trailing `;` and the blanks around.
    static func cut(_ line: [UInt8], number: Int) -> Result<ArraySlice<UInt8>, Diagnostic> {
        var end = line.count
        var i = 0
        var inString = false
        var stringStart = 0
        while i < line.count {
            let b = line[i]
            if inString {
                if b == 0x5C && i + 1 < line.count { i += 2; continue }
                if b == 0x22 { inString = false }
            } else if b == 0x22 {
                inString = true
                stringStart = i
            } else if b == 0x23 || (b == 0x2F && i + 1 < line.count && line[i + 1] == 0x2F) {
                end = i
                break
            }
            i += 1
        }
        if inString {
            return .failure(Diagnostic("syntax error: unterminated string: close it with \" on the same line",
                                       at: SourceLocation(line: number, column: stringStart + 1)))
        }
        var lo = 0, hi = end
        while lo < hi && isBlank(line[lo]) { lo += 1 }
        while hi > lo && isBlank(line[hi - 1]) { hi -= 1 }
        if hi > lo && line[hi - 1] == 0x3B {
            hi -= 1
            while hi > lo && isBlank(line[hi - 1]) { hi -= 1 }
        }
        return .success(line[lo..<hi])
    }

    private static func tokenize(_ bytes: ArraySlice<UInt8>, number: Int) -> Result<[Token], Diagnostic> {
        var tokens: [Token] = []
        var i = bytes.startIndex
        func fail(_ message: String, _ at: Int) -> Result<[Token], Diagnostic> {
            .failure(Diagnostic("syntax error: " + message, at: SourceLocation(line: number, column: at + 1)))
        }
        while i < bytes.endIndex {
            let b = bytes[i]
            if isBlank(b) { i += 1; continue }
            let start = i
            if isIdentifierStart(b) {
                while i < bytes.endIndex && isIdentifierByte(bytes[i]) { i += 1 }
                let name = String(decoding: bytes[start..<min(i, start + maxIdentifierBytes)], as: UTF8.self)
                tokens.append(Token(kind: .identifier(name), column: start + 1))
            } else if let digits = isDigit(b) ? i : b == 0x2D ? digitAfterBlanks(bytes, from: i + 1) : nil {
                // As in C, blanks may stand between the minus and its digits (`- 3`).
                let negative = b == 0x2D
                guard let (value, overflow, next) = integer(bytes, from: digits),
                      next == bytes.endIndex || !isIdentifierByte(bytes[next]) else {
                    return fail("malformed integer \(malformed(bytes, from: start, digits: digits))", start)
                }
                i = next
                tokens.append(Token(kind: .integer(value: negative ? -value : value, overflow: overflow), column: start + 1))
            } else if b == 0x22 {
                i += 1
                var text: [UInt8] = []
                while i < bytes.endIndex && bytes[i] != 0x22 {
                    if bytes[i] == 0x5C && i + 1 < bytes.endIndex {
                        let e = bytes[i + 1]
                        guard e == 0x22 || e == 0x5C else {
                            return fail("unknown escape in string: only \\\" and \\\\ are allowed", i)
                        }
                        text.append(e)
                        i += 2
                    } else {
                        text.append(bytes[i])
                        i += 1
                    }
                }
                i += 1
                tokens.append(Token(kind: .string(String(decoding: text, as: UTF8.self)), column: start + 1))
            } else if b == 0x28 || b == 0x29 || b == 0x2C || b == 0x3D || b == 0x5B || b == 0x5D {
                tokens.append(Token(kind: .punctuation(b), column: start + 1))
                i += 1
            } else if b == 0x2D, i + 1 < bytes.endIndex, bytes[i + 1] == 0x3E {
                // C pasted in (`skb->len = 4`, `skb_shinfo(skb)->destructor = fn`, which is a call).
                let field = bytes[(i + 2)...].drop(while: isBlank).prefix(while: isIdentifierByte)
                let call = field.elementsEqual("destructor".utf8) ? " (set_data_destructor(skb, fn) for skb_shinfo(skb)->destructor = fn)" : ""
                return fail("unexpected '->': a scenario sets no field, it makes calls" + call, start)
            } else if b < 0x80 {
                return fail("unexpected '\(String(UnicodeScalar(b)))'", start)
            } else {
                return fail(nonASCII(bytes, at: start, line: number), start)
            }
        }
        return .success(tokens)
    }

    /// The malformed integer as written (`'10x'`, `'0x'`): its sign and digits and the name
    /// bytes glued to them, cut to an identifier's length.
    private static func malformed(_ bytes: ArraySlice<UInt8>, from start: Int, digits: Int) -> String {
        var end = digits
        while end < bytes.endIndex && isIdentifierByte(bytes[end]) && end - digits < maxIdentifierBytes { end += 1 }
        let sign = start == digits ? "" : "-"
        return "'\(sign)\(String(decoding: bytes[digits..<end], as: UTF8.self))'"
    }

    /// What a byte of 0x80 or more outside a string or comment is: a UTF-8 byte order mark
    /// at the start of the file (an editor's, that the spec's UTF-8 text does not have), a
    /// character shown with its code point (a name is ASCII), or a byte that is not UTF-8.
    private static func nonASCII(_ bytes: ArraySlice<UInt8>, at start: Int, line: Int) -> String {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        if line == 1 && start == 0 && bytes.starts(with: bom) {
            return "the file starts with a UTF-8 byte order mark (bytes ef bb bf): save it without one"
        }
        let tail = bytes[start..<min(bytes.endIndex, start + 4)]
        if let scalar = String(validating: tail.prefix(utf8Length(tail[start])), as: UTF8.self)?.unicodeScalars.first {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            let invisible = scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
            let what = invisible ? code : "'\(scalar)' (\(code))"
            let hint = scalar == "\u{201C}" || scalar == "\u{201D}" ? "a string is in straight quotes, \"TEXT\"" : "names and calls are ASCII"
            return "unexpected \(what) outside a string or comment: \(hint)"
        }
        return "unexpected byte 0x\(String(bytes[start], radix: 16)) outside a string or comment: not UTF-8"
    }

    /// The length of the UTF-8 sequence a lead byte starts (1 for a byte that starts none).
    private static func utf8Length(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 1
        }
    }

    /// Where the digit at `start`, or after the blanks there, is; nil when none comes.
    private static func digitAfterBlanks(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        var i = start
        while i < bytes.endIndex && isBlank(bytes[i]) { i += 1 }
        return i < bytes.endIndex && isDigit(bytes[i]) ? i : nil
    }

    /// A decimal or hex magnitude, saturated just above `maxInteger`.
    private static func integer(_ bytes: ArraySlice<UInt8>, from start: Int) -> (Int, Bool, Int)? {
        var i = start
        var value = 0
        var overflow = false
        func add(_ digit: Int, base: Int) {
            value = value * base + digit
            if value > maxInteger {
                overflow = true
                value = maxInteger + 1
            }
        }
        if bytes[i] == 0x30, i + 1 < bytes.endIndex, bytes[i + 1] == 0x78 || bytes[i + 1] == 0x58 {
            i += 2
            let digitsStart = i
            while i < bytes.endIndex, let d = hexDigit(bytes[i]) {
                add(d, base: 16)
                i += 1
            }
            if i == digitsStart { return nil }
        } else {
            while i < bytes.endIndex && isDigit(bytes[i]) {
                add(Int(bytes[i] - 0x30), base: 10)
                i += 1
            }
        }
        return (value, overflow, i)
    }

    private static func hexDigit(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: Int(b - 0x30)
        case 0x41...0x46: Int(b - 0x41 + 10)
        case 0x61...0x66: Int(b - 0x61 + 10)
        default: nil
        }
    }
}
