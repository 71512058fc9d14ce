/// A key script could not be read.
public struct KeyScriptError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, naming the offending text.
    public let message: String

    public var description: String { "key script: \(message)" }
}

extension Key {
    /// Reads a key script such as `5n G <Tab> <Esc> ?` into keys, for headless runs.
    ///
    /// Every character outside angle brackets is one key; whitespace only separates and is
    /// never a key. A name in angle brackets (case-insensitive) is one named key: `<Up>`,
    /// `<Down>`, `<Left>`, `<Right>`, `<PgUp>`, `<PgDn>`, `<Home>`, `<End>`, `<Tab>`,
    /// `<S-Tab>`, `<Enter>`, `<Esc>`, `<BS>`, `<Del>`, `<F1>`…`<F12>`, `<Resize>`, `<C-c>`,
    /// `<C-a>`…`<C-z>` (Ctrl and a letter),
    /// `<Space>` and `<lt>` (a literal `<`), plus a few longer aliases.
    /// - Throws: `KeyScriptError` on an unknown name or a `<` without its `>`.
    public static func parse(script: String) throws -> [Key] {
        var keys: [Key] = []
        var rest = Substring(script)
        while let character = rest.first {
            rest = rest.dropFirst()
            if character.isWhitespace { continue }
            guard character == "<" else {
                keys.append(.character(character))
                continue
            }
            guard let close = rest.firstIndex(of: ">") else {
                throw KeyScriptError(message: "`<` without `>` in `<\(rest)`")
            }
            let name = String(rest[..<close])
            guard let key = named(name) else {
                throw KeyScriptError(message: "unknown key `<\(name)>`; the names are \(knownNames)")
            }
            keys.append(key)
            rest = rest[rest.index(after: close)...]
        }
        return keys
    }

    /// Every name a script knows, each key once in its first spelling, then the numbered ones:
    /// what the error for an unknown name lists, so the writer of a script can pick one.
    public static var knownNames: String {
        var seen: [Key] = []
        var out: [String] = []
        for (name, key) in names where !seen.contains(key) {
            seen.append(key)
            out.append("<\(name)>")
        }
        return (out + ["<F1>…<F12>", "<C-a>…<C-z>"]).joined(separator: " ")
    }

    private static func named(_ name: String) -> Key? {
        let lowered = name.lowercased()
        if let entry = names.first(where: { $0.name.lowercased() == lowered }) {
            return entry.key
        }
        let digits = lowered.dropFirst()
        if lowered.first == "f", digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let number = Int(digits), (1...12).contains(number)
        {
            return .function(number)
        }
        if lowered.count == 3, lowered.hasPrefix("c-"), let letter = lowered.last, letter.isASCII, letter.isLetter {
            return .control(letter)
        }
        return nil
    }
}
