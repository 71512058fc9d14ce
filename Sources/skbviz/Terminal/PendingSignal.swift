import CNcurses
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last terminating signal received while the viewer runs, 0 if none.
///
/// Signal handlers may do nothing but store here; the key loop polls it.
private let pendingSignal = Atomic<Int32>(0)

/// The signals that end the viewer and make it restore the terminal: SIGINT, SIGTERM, SIGHUP,
/// SIGQUIT (Ctrl-\\, which would otherwise start the runtime's backtracer over the screen).
///
/// Our own handlers go in before `newterm`, so ncurses (which only installs its handlers
/// over default dispositions) never exits the process behind Swift's back. After shutdown
/// the signal is raised again with its default disposition, so the exit status says which
/// signal it was (130, 143, 129, 131).
enum PendingSignal {
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Installs the handlers.
    static func install() {
        _ = pendingSignal.load(ordering: .relaxed)
        for signal in handled {
            _ = skbviz_install_handler(signal) { pendingSignal.store($0, ordering: .relaxed) }
        }
    }

    /// Records `signal` as if it had been delivered (Ctrl-C read as a key).
    static func record(_ signal: Int32) {
        pendingSignal.store(signal, ordering: .relaxed)
    }

    /// The pending signal, or `nil`.
    static var current: Int32? {
        let signal = pendingSignal.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    /// Restores the default handlers, then re-raises the pending signal, if any.
    static func uninstallAndReraise() {
        for signal in handled {
            _ = skbviz_default_handler(signal)
        }
        let signal = pendingSignal.exchange(0, ordering: .relaxed)
        if signal != 0 {
            skbviz_reraise(signal)
        }
    }
}
