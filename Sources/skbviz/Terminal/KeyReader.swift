import CNcurses
import VizModel

/// Reads keys from a curses window and turns them into `Key`s.
struct KeyReader {
    let window: UnsafeMutablePointer<WINDOW>
    /// How long `read` waits for a key, in milliseconds, so that a pending signal is seen.
    static let wait: Int32 = 100

    /// The next key, or `nil` when the read timed out, was cut short by a signal, or got a
    /// key the viewer has no use for (mouse events, unmapped function keys, control characters other than Ctrl and a letter).
    func read() -> Key? {
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        return KeyReader.decode(status: status, code: UInt32(code))
    }

    /// A key already waiting (the rest of a paste, a held key's repeats), without waiting for
    /// one: `nil` when none is there.
    func readWaiting() -> Key? {
        wtimeout(window, 0)
        defer { wtimeout(window, KeyReader.wait) }
        return read()
    }

    /// Maps one `wget_wch` result to a key: `status` is `OK` for a character,
    /// `KEY_CODE_YES` for a curses key code, `ERR` for nothing.
    static func decode(status: Int32, code: UInt32) -> Key? {
        switch status {
        case OK: return character(code)
        case KEY_CODE_YES: return keyCode(Int32(bitPattern: code))
        default: return nil
        }
    }

    private static func character(_ code: UInt32) -> Key? {
        switch code {
        case 3: return .interrupt
        case 8, 127: return .backspace
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 1...26: return Unicode.Scalar(code + 96).map { .control(Character($0)) }
        case 0..<32: return nil
        default: return Unicode.Scalar(code).map { .character(Character($0)) }
        }
    }

    private static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_RESIZE: return .resize
        case skbviz_key_f(1)...skbviz_key_f(12): return .function(Int(code - skbviz_key_f(0)))
        default: return nil
        }
    }
}
