/// Text from a scenario or a file name made safe to print: a title, a note or a path may hold
/// control characters (`ESC ] 0 ; … BEL` sets a window title, `ESC [ 2 J` clears the screen),
/// and a newline in a path would split a `FILE:LINE:COL:` line in two.
///
/// Every line the command-line tool prints from such text goes through `escaped`: `run`,
/// `compare`, `check`, transcripts and error messages.
public enum TerminalText {
    /// `s` with each control character spelled out: `\e` for ESC, `\n`, `\r`, and
    /// `\xHH` for the other C0 characters and DEL; C1 characters (U+0080…U+009F) as `\u{HH}`.
    /// A tab (harmless, and kept for the caret under a source line) and anything else, a
    /// backslash included, are kept as is.
    public static func escaped(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            guard isControl(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x1B: out += "\\e"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x80...: out += "\\u{" + hex(scalar.value) + "}"
            default: out += "\\x" + hex(scalar.value)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar.value != 0x09) || (0x7F...0x9F).contains(scalar.value)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : digits
    }
}
