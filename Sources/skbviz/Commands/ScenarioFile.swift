import ArgumentParser
import Foundation
import VizModel

/// The scenario file and design override that `run` and `check` share.
struct ScenarioArguments: ParsableArguments {
    @Argument(help: "The .skb scenario file.", completion: .file(extensions: ["skb"]))
    var file: String

    @Option(help: "Run under this design instead of the file's: \(Design.names("or")).")
    var design: Design?

    /// The parsed file and the design the run uses.
    func load() throws -> (Program, Design) {
        let program = try ScenarioFile.load(file)
        return (program, ScenarioRun.design(of: program, override: design))
    }
}

/// Reading a scenario from disk, and the errors an unreadable one gives.
enum ScenarioFile {
    /// `skbviz: cannot read X: <reason>`.
    struct Unreadable: ToolError {
        var path: String
        var reason: String
        var description: String { "skbviz: cannot read \(TerminalText.escaped(path)): \(reason)" }
    }

    /// The largest scenario read (a pipe could otherwise be read forever).
    static let maximumSize = 256 << 20

    /// `render` and `picture` take a scenario file or `--demo NAME`: exactly one of them.
    static func checkOne(file: String?, demo: String?) throws {
        switch (file, demo) {
        case (nil, nil): throw ValidationError("give a scenario file or --demo NAME")
        case (.some, .some): throw ValidationError("give a scenario file or --demo NAME, not both")
        default: break
        }
    }

    /// The demo named `demo` when there is one, else the file `file` (see `checkOne`).
    static func load(_ file: String?, demo: String?) throws -> Program {
        guard let demo else { return try load(file ?? "") }
        guard let d = DemoCatalog.named(demo) else { throw ValidationError(DemoCatalog.unknownMessage(demo)) }
        return Parser.parse(d.source, file: "demos/\(d.name).skb")
    }

    /// Reads and parses `path`: a regular file, or a pipe (`<(skbviz gen)`) read to its end.
    /// A directory or a device is refused with the reason.
    static func load(_ path: String) throws -> Program {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            // `-` is standard output for --trace and --transcript; a scenario is always a path.
            let hint = path == "-" && errno == ENOENT ? " (to read standard input, give /dev/stdin)" : ""
            throw Unreadable(path: path, reason: reason + hint)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Unreadable(path: path, reason: String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO:
            break
        case S_IFDIR:
            throw Unreadable(path: path, reason: "Is a directory")
        default:
            throw Unreadable(path: path, reason: "not a regular file (a device or a socket): give a scenario file")
        }
        // Opened without blocking (a FIFO with no writer would hang the open); read blocking.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[..<n])
            if bytes.count > maximumSize {
                throw Unreadable(path: path, reason: "larger than \(maximumSize >> 20) MiB: not a scenario")
            }
        }
        return Parser.parse(bytes: bytes, file: path)
    }
}

/// Errors on stderr, with the source line and a caret when stderr is a terminal; at most
/// `limit` of them, then one line saying how many were left out.
enum ErrorOutput {
    static let limit = 100

    static func print(_ errors: [Diagnostic], program: Program) {
        let tty = isatty(2) != 0
        for d in errors.prefix(limit) {
            StandardError.line(tty ? d.formatted(file: program.file, source: program.source) : d.formatted(file: program.file))
        }
        if errors.count > limit {
            let more = errors.count - limit
            StandardError.line("\(TerminalText.escaped(program.file)): \(more) more error\(more == 1 ? "" : "s") not shown")
        }
    }
}
