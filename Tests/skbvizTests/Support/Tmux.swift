#if os(Linux)
import Foundation
import Glibc

/// A private tmux server (Linux) with one pane running the real `skbviz` binary, for the few tests
/// that need a real terminal (keys end to end, resize, signals, restore, colour).
///
/// Each instance has its own server (`tmux -L <unique> -f /dev/null`), so tests can run in
/// parallel. The program runs under a wrapper shell that, after the program exits, prints
/// `[exit N]`, then `stty -a`, then `[end]`, and stays around so the screen can be read.
/// tmux is started with `posix_spawn`, an empty signal mask and default dispositions:
/// `Foundation.Process` would pass on the test thread's blocked signals, and tmux would
/// then never reap its panes.
final class Tmux {
    /// What the wrapper shell saw when the program ended.
    struct Exit {
        /// The program's exit status as the shell reports it (128 + n for signal n).
        var status: Int
        /// The words of `stty -a` after the program ended, such as `icanon` or `-echo`.
        var terminalModes: Set<String>

        /// Whether canonical input and echo are back on.
        var isTerminalRestored: Bool { terminalModes.isSuperset(of: ["icanon", "echo"]) }
    }

    /// A tmux command failed, or the screen did not show what a test waited for.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let server: String
    private let directory: URL
    /// The server's socket, which tmux leaves behind when the server exits.
    private var socket = ""
    private var isKilled = false
    private static let target = "skbviz"

    /// How long a wait lasts by default: long, because only a failing test waits it out, and
    /// a run of the whole suite beside other heavy work once took over 30 s to draw a first
    /// screen.
    static let patience: Duration = .seconds(90)

    /// Starts `skbviz arguments…` in a detached session of the given size.
    /// - Parameters:
    ///   - environment: Variables for the program, on top of `LANG=C.UTF-8`; they win over
    ///     the ones tmux sets, such as `TERM`.
    static func start(
        _ arguments: [String], width: Int = 100, height: Int = 30, environment: [String: String] = [:]
    ) throws -> Tmux {
        try Tmux(arguments: arguments, width: width, height: height, environment: environment)
    }

    private init(arguments: [String], width: Int, height: Int, environment: [String: String]) throws {
        server = "skbviz-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(server)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let wrapper = """
            pidfile=$1; shift
            trap : INT TERM
            sh -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$@"
            status=$?
            printf '[exit %s]\\n' "$status"
            stty -a
            printf '[end]\\n'
            exec sleep 3600
            """
        // The pane outlives the program (`sleep`) for as long as a test on a starved machine may
        // take to read it; `kill()` ends it. Through env(1), because tmux sets some variables
        // (TERM) itself, after `-e`.
        let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        try startSession(["env"] + variables + ["sh", "-c", wrapper, "sh", pidFile.path, try Tmux.binary()] + arguments,
                         width: width, height: height)
    }

    /// Starts an interactive shell with job control (bash, no startup files, prompt `[shell] `)
    /// instead of the program, for what only a shell does: Ctrl-Z and `fg`. `typeLine` runs
    /// the program in it (`"$SKBVIZ" demo expand`: the binary is in `$SKBVIZ`).
    static func startShell(width: Int = 100, height: Int = 30) throws -> Tmux {
        try Tmux(shellWidth: width, height: height)
    }

    private init(shellWidth width: Int, height: Int) throws {
        server = "skbviz-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(server)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try startSession(["env", "PS1=[shell] ", "SKBVIZ=\(try Tmux.binary())", "bash", "--norc", "--noprofile", "-i"],
                         width: width, height: height)
    }

    /// The detached session of one pane running `command`, and its server's socket.
    private func startSession(_ command: [String], width: Int, height: Int) throws {
        try run(
            ["new-session", "-d", "-s", Tmux.target, "-x", "\(width)", "-y", "\(height)", "-e", "LANG=C.UTF-8", "--"]
                + command,
            capturingOutput: false)
        socket = try run(["display-message", "-p", "#{socket_path}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Types `line` as it is, then Enter.
    func typeLine(_ line: String) throws {
        try run(["send-keys", "-t", Tmux.target, "-l", line])
        try sendKeys("Enter")
    }

    deinit { kill() }

    /// Sends keys by their tmux names: `q`, `C-c`, `Escape`, `NPage`…
    func sendKeys(_ keys: String...) throws {
        try run(["send-keys", "-t", Tmux.target] + keys)
    }

    /// The visible screen as text.
    /// - Parameters:
    ///   - escapes: Keep colour and attribute escapes (`capture-pane -e`).
    ///   - joined: Join lines the terminal wrapped (`capture-pane -J`).
    ///   - history: Start at the oldest line of the scrollback instead of the top of the screen.
    func capture(escapes: Bool = false, joined: Bool = false, history: Bool = false) throws -> String {
        try run(
            ["capture-pane", "-p", "-t", Tmux.target] + (escapes ? ["-e"] : []) + (joined ? ["-J"] : [])
                + (history ? ["-S", "-"] : []))
    }

    /// Polls the screen every 50 ms until it contains `text`.
    ///
    /// The screen is read once more after each sleep, deadline passed or not: on a busy machine
    /// the test may resume long after its sleep, when the program has drawn for a while.
    /// - Returns: The screen that contained it.
    /// - Throws: `Failure` with the last screen when `timeout` passes first.
    @discardableResult
    func waitFor(
        _ text: String, timeout: Duration = Tmux.patience, joined: Bool = false, history: Bool = false
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while true {
            screen = try capture(joined: joined, history: history)
            if screen.contains(text) { return screen }
            if ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "timed out after \(timeout) waiting for \"\(text)\"; last screen:\n\(screen)")
    }

    /// Waits for `text`, then until the screen holds still for 200 ms: a capture can catch a
    /// frame half painted, so a test that compares whole screens compares settled ones.
    func waitForSettled(_ text: String, timeout: Duration = Tmux.patience) async throws -> String {
        var screen = try await waitFor(text, timeout: timeout)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            let again = try capture()
            if again == screen { return screen }
            screen = again
        }
        throw Failure(description: "the screen kept changing for \(timeout); last screen:\n\(screen)")
    }

    /// Waits for the program to end and reads what the wrapper printed.
    func waitForExit(timeout: Duration = Tmux.patience) async throws -> Exit {
        let screen = try await waitFor("[end]", timeout: timeout, joined: true, history: true)
        let tail = screen.components(separatedBy: "[exit ").last ?? ""
        guard let status = Int(tail.prefix { $0.isNumber }) else {
            throw Failure(description: "no exit status on screen:\n\(screen)")
        }
        let words = tail.drop { $0 != "\n" }.split { $0.isWhitespace || $0 == ";" }.map(String.init)
        return Exit(status: status, terminalModes: Set(words))
    }

    /// Whether the pane shows the alternate screen (a full-screen program did not leave it).
    func isAlternateScreenOn() throws -> Bool {
        try run(["display-message", "-p", "-t", Tmux.target, "#{alternate_on}"]).hasPrefix("1")
    }

    /// Polls every 50 ms until the pane is on the alternate screen (`on`) or off it.
    func waitForAlternateScreen(_ on: Bool, timeout: Duration = Tmux.patience) async throws {
        let deadline = ContinuousClock.now + timeout
        while try isAlternateScreenOn() != on {
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "timed out after \(timeout) waiting for the alternate screen to be \(on ? "on" : "off")")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Resizes the window, as a user resizing the terminal would.
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", Tmux.target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Sends `signal` to the program itself (not to the wrapper shell).
    func signal(_ signal: Int32) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while true {
            if let text = try? String(contentsOf: pidFile, encoding: .utf8),
                let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                guard Glibc.kill(pid, signal) == 0 else {
                    throw Failure(description: "kill(\(pid), \(signal)) failed: errno \(errno)")
                }
                return
            }
            if ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "the program's pid never appeared in \(pidFile.path)")
    }

    /// Stops the server and everything in it. Idempotent.
    func kill() {
        guard !isKilled else { return }
        isKilled = true
        _ = try? run(["kill-server"])
        if !socket.isEmpty { unlink(socket) }
        try? FileManager.default.removeItem(at: directory)
    }

    private var pidFile: URL { directory.appendingPathComponent("pid") }

    /// The binary under test: `$SKBVIZ_BIN`, or `skbviz` next to the test bundle.
    static func binary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["SKBVIZ_BIN"], !path.isEmpty { return path }
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("skbviz").path }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "skbviz binary not found in \(candidates); set SKBVIZ_BIN")
        }
        return path
    }

    /// Runs `tmux -L <server> -f /dev/null arguments…` and returns its output.
    ///
    /// `capturingOutput: false` sends output to /dev/null: a server started by the command
    /// inherits its output, so reading that to the end would never finish.
    @discardableResult
    private func run(_ arguments: [String], capturingOutput: Bool = true) throws -> String {
        let argv = ["tmux", "-L", server, "-f", "/dev/null"] + arguments
        var environment = ProcessInfo.processInfo.environment
        for name in ["TMUX", "TMUX_PANE", "NO_COLOR", "LINES", "COLUMNS"] {
            environment[name] = nil
        }
        environment["LANG"] = "C.UTF-8"
        let (status, output) = try Tmux.spawn(argv, environment: environment, capturingOutput: capturingOutput)
        guard status == 0 else {
            throw Failure(description: "`\(argv.joined(separator: " "))` exited with \(status): \(output)")
        }
        return output
    }

    /// `posix_spawnp` with an empty signal mask and default dispositions; returns the exit
    /// status and (if captured) standard output and error together.
    private static func spawn(
        _ argv: [String], environment: [String: String], capturingOutput: Bool
    ) throws -> (Int32, String) {
        var fds: [Int32] = [-1, -1]
        if capturingOutput {
            guard pipe(&fds) == 0 else { throw Failure(description: "pipe: errno \(errno)") }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capturingOutput {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        if capturingOutput { close(fds[1]) }
        guard spawned == 0 else {
            if capturingOutput { close(fds[0]) }
            throw Failure(description: "posix_spawnp \(argv[0]): error \(spawned)")
        }

        var output = [UInt8]()
        if capturingOutput {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(fds[0], &buffer, buffer.count)
                if count > 0 {
                    output += buffer[0..<count]
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, String(decoding: output, as: UTF8.self))
    }
}
#endif
