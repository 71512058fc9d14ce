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
            return .failure(Diagnostic("unterminated string", at: SourceLocation(line: number, column: stringStart + 1)))
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
                guard let (value, overflow, next) = integer(bytes, from: digits) else {
                    return fail("malformed integer", start)
                }
                i = next
                if i < bytes.endIndex && isIdentifierByte(bytes[i]) {
                    return fail("malformed integer", start)
                }
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
            } else if b < 0x80 {
                return fail("unexpected '\(String(UnicodeScalar(b)))'", start)
            } else {
                return fail("unexpected byte 0x\(String(b, radix: 16)) outside a string or comment", start)
            }
        }
        return .success(tokens)
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
