import CNcurses
import VizModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns the terminal while the viewer runs: sets curses up, draws grids, reads keys, and
/// restores the terminal on every way out.
///
/// Create one, `defer { session.shutdown() }`, then `run`. A SIGINT, SIGTERM, SIGHUP or
/// SIGQUIT (or Ctrl-C read as a key) ends `run` with the terminal restored; what can still be
/// done (the session log) is done before `shutdown` re-raises the signal, so the process exits
/// with 130, 143, 129 or 131.
final class TerminalSession {
    /// Whether grids are drawn in colour; when not, the layout must mark changes in text too.
    let usesColor: Bool
    /// Box drawing when the locale does UTF-8, ASCII otherwise.
    let glyphs: GlyphSet
    /// The window's size, updated on resize.
    private(set) var size: Size

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var painter: Painter
    private let keys: KeyReader
    private var isRestored = false

    /// Takes over the terminal.
    /// - Parameter color: The `--color` choice, weighed against `NO_COLOR` and the terminal.
    /// - Throws: `TerminalError` when standard input or output is not a terminal or `$TERM` is
    ///   unset, unknown or cannot move the cursor (`dumb`); the terminal is left untouched then.
    init(color: ColorChoice) throws {
        guard skbviz_isatty(STDIN_FILENO) == 1, skbviz_isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError.notATerminal
        }
        guard let term = TerminalSession.environment("TERM"), !term.isEmpty else {
            throw TerminalError.noTerminalType
        }
        let isUTF8 = skbviz_setlocale_from_environment() == 1 || skbviz_setlocale_ctype("C.UTF-8") == 1
        glyphs = isUTF8 ? .unicode : .ascii

        PendingSignal.install()
        if let report = TerminalSession.crashReportPath() { skbviz_fatal_report(report) }
        skbviz_fatal_prepare()
        guard let screen = skbviz_newterm(nil) else {
            skbviz_fatal_disarm()
            PendingSignal.uninstallAndReraise()
            throw TerminalError.unknownTerminal(term)
        }
        guard skbviz_can_address_cursor() == 1 else {
            // TERM=dumb and the like: everything would be drawn on one line.
            endwin()
            delscreen(screen)
            skbviz_fatal_disarm()
            PendingSignal.uninstallAndReraise()
            throw TerminalError.cannotMoveCursor(term)
        }
        self.screen = screen
        skbviz_fatal_arm()
        window = skbviz_stdscr()
        cbreak()
        noecho()
        keypad(window, true)
        set_escdelay(25)
        wtimeout(window, KeyReader.wait)
        curs_set(0)
        mousemask(0, nil)

        usesColor = color.usesColor(noColor: TerminalSession.environment("NO_COLOR"), terminalHasColors: has_colors())
        var hasDefaultColors = false
        if usesColor {
            start_color()
            hasDefaultColors = use_default_colors() == OK
        }
        painter = Painter(window: window, usesColor: usesColor, hasDefaultColors: hasDefaultColors)
        keys = KeyReader(window: window)
        size = TerminalSession.size(of: window)
    }

    /// Draws and reads keys until `handle` returns `false` or a terminating signal arrives.
    ///
    /// Each round handles a key already waiting, if any; else it draws `render(size)` if
    /// anything happened since the last frame, then waits up to 100 ms for a key. So the keys
    /// of a paste are handled one after the other and the screen is drawn once they are done
    /// (8,000 characters pasted at the `:` prompt drew 8,000 screens, about 7 s). A resize
    /// updates `size` and is passed on as `.resize`; Ctrl-C read as a key counts as SIGINT and
    /// is not passed on. `handle` gets the key and the screen's size. After a signal, `run` restores the terminal and returns; `shutdown` then
    /// ends the process by that signal.
    func run(render: (Size) -> Grid, handle: (Key, Size) throws -> Bool) rethrows {
        var needsDrawing = true
        while !isRestored {
            if PendingSignal.current != nil {
                restore()
                return
            }
            var waiting: Key?
            if needsDrawing {
                waiting = keys.readWaiting()
                if waiting == nil {
                    painter.paint(render(size))
                    needsDrawing = false
                }
            }
            guard let key = waiting ?? keys.read() else { continue }
            switch key {
            case .interrupt:
                PendingSignal.record(SIGINT)
                continue
            case .resize:
                size = TerminalSession.size(of: window)
            default:
                break
            }
            guard try handle(key, size) else { return }
            needsDrawing = true
        }
    }

    /// Gives the terminal back (the signal that ended the session, if any, stays pending).
    /// Idempotent.
    func restore() {
        guard !isRestored else { return }
        isRestored = true
        endwin()
        skbviz_fatal_disarm()
        delscreen(screen)
    }

    /// Restores the terminal; then, if a signal ended the session, re-raises it. Idempotent.
    func shutdown() {
        restore()
        PendingSignal.uninstallAndReraise()
    }

    private static func size(of window: UnsafeMutablePointer<WINDOW>) -> Size {
        var rows: Int32 = 0
        var columns: Int32 = 0
        skbviz_getmaxyx(window, &rows, &columns)
        return Size(width: Int(columns), height: Int(rows))
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Where a crash of this viewer writes its report: `crash-PID.txt` in
    /// `$XDG_STATE_HOME/skbviz` (else `~/.local/state/skbviz`), made private if missing; nil
    /// when neither can be made (the crash then ends with the terminal restored and no report).
    static func crashReportPath() -> String? {
        let state = environment("XDG_STATE_HOME").flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? environment("HOME").flatMap { $0.hasPrefix("/") ? $0 + "/.local/state" : nil }
        guard let state else { return nil }
        var path = ""
        for part in (state + "/skbviz").split(separator: "/") {
            path += "/" + part
            if mkdir(path, 0o700) != 0 && errno != EEXIST { return nil }
        }
        return path + "/crash-\(getpid()).txt"
    }
}
