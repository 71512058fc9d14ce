import CNcurses
import VizModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes: standard output, or a file named on the command line
/// (`--trace`, `--transcript`, `gen -o`).
///
/// A file is written as a temporary beside it and renamed onto it by `commit()`, so a
/// failure never leaves a cut file nor replaces a good one. A symbolic link and the
/// scenario being read are refused; a device or FIFO (`/dev/null`) is written through,
/// never replaced; `-` is standard output. Writes are buffered; the first write error is
/// kept and thrown by `commit()`, and later writes are dropped. A broken pipe ends the
/// process quietly by SIGPIPE, as for any Unix filter.
final class OutputFile {
    /// The name messages give: the path, or `standard output`.
    let name: String
    private let fd: Int32
    /// The temporary file being written and the path it becomes, for a regular file.
    private let temporary: (path: String, target: String)?
    private var buffer: [UInt8] = []
    private var failure: Int32 = 0
    private var isDone = false
    private var isSealed = false

    private init(name: String, fd: Int32, temporary: (path: String, target: String)?) {
        self.name = name
        self.fd = fd
        self.temporary = temporary
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !isDone { discard() }
    }

    /// Standard output.
    static func standardOutput() -> OutputFile {
        OutputFile(name: "standard output", fd: STDOUT_FILENO, temporary: nil)
    }

    /// The output for `path` (`-` is standard output).
    /// - Parameter input: The scenario being read, which must not be overwritten.
    /// - Throws: `OutputError` for a symbolic link, a directory, the input itself, or a
    ///   temporary file that cannot be made.
    static func open(_ path: String, protecting input: String? = nil) throws(OutputError) -> OutputFile {
        if path == "-" { return standardOutput() }
        var info = stat()
        if lstat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                throw OutputError(path: path, reason: "it is a symbolic link (not followed; name the file itself)")
            case S_IFDIR:
                throw OutputError(path: path, reason: "Is a directory")
            case S_IFREG:
                if let input, FileIdentity(path: input) == FileIdentity(info) {
                    throw OutputError(path: path, reason: "it is the scenario being read")
                }
            default:
                // A device or a FIFO: written through, never replaced.
                let fd = Glibc.open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
                guard fd >= 0 else { throw OutputError(path: path, errno: errno) }
                return OutputFile(name: path, fd: fd, temporary: nil)
            }
        } else if errno != ENOENT {
            throw OutputError(path: path, errno: errno)
        }
        return try temporary(for: path)
    }

    /// A temporary file beside `path`, which `commit` (or `seal` then `place`) puts in place;
    /// the caller has checked what is at `path`.
    static func temporary(for path: String) throws(OutputError) -> OutputFile {
        let temporary = try makeTemporary(beside: path)
        return OutputFile(name: path, fd: temporary.fd, temporary: (temporary.path, path))
    }

    /// A new file `.NAME.tmp-XXXXXX` in the directory of `path`.
    private static func makeTemporary(beside path: String) throws(OutputError) -> (fd: Int32, path: String) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((directory + ".\(name).tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw OutputError(path: path, errno: errno) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let made = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (fd, made)
    }

    /// Appends `s` and a newline.
    func line(_ s: String) {
        line(bytes: Array(s.utf8))
    }

    /// Appends `bytes` and a newline.
    func line(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Appends `s` as is.
    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Writes what is buffered. A write error is kept for `commit()`.
    func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == 0, !buffer.isEmpty else { return }
        if let code = Self.writeAll(buffer, to: fd) { failure = code }
    }

    /// Flushes, then puts the file in place (renames the temporary onto the target).
    /// - Throws: `OutputError` naming the first write error; the target is then untouched.
    func commit() throws(OutputError) {
        try seal()
        try place(replacing: true)
    }

    /// Flushes and closes; a temporary file is synced and kept for `place`.
    /// - Throws: `OutputError` naming the first write error (a temporary is then removed).
    func seal() throws(OutputError) {
        flush()
        guard let temporary else {
            isDone = true
            if failure != 0 { throw OutputError(path: name, errno: failure) }
            if fd != STDOUT_FILENO, close(fd) != 0 { throw OutputError(path: name, errno: errno) }
            return
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        if failure == 0 { _ = fchmod(fd, 0o666 & ~Self.umaskValue) }
        if close(fd) != 0, failure == 0 { failure = errno }
        isSealed = true
        if failure != 0 {
            isDone = true
            unlink(temporary.path)
            throw OutputError(path: name, errno: failure)
        }
    }

    /// Renames the sealed temporary onto the target; without `replacing`, a `link` that fails
    /// with `EEXIST` when the target exists (so a file made meanwhile is not replaced).
    func place(replacing: Bool) throws(OutputError) {
        guard let temporary, !isDone else { return }
        isDone = true
        let ok = replacing ? rename(temporary.path, temporary.target) == 0 : link(temporary.path, temporary.target) == 0
        let code = errno
        if !ok || !replacing { unlink(temporary.path) }
        if !ok { throw OutputError(path: name, errno: code) }
    }

    /// Drops the output: the temporary file is removed, the target left as it was.
    func discard() {
        isDone = true
        guard let temporary else { return }
        if !isSealed { close(fd) }
        unlink(temporary.path)
    }

    /// Writes all of `bytes` to `fd`; the errno of a failure, or nil. A broken pipe raises
    /// SIGPIPE with its default action (the process ends with status 141, quietly).
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { skbviz_reraise(SIGPIPE) }
                return errno
            }
            written += n
        }
        return nil
    }

    private static var umaskValue: mode_t {
        let m = umask(0o022)
        umask(m)
        return m
    }
}

/// A directory and the missing ones above it, as `mkdir -p` makes them and with its reasons
/// (`Not a directory`, `No such file or directory`), where Foundation says only that "the
/// operation could not be completed".
enum Directories {
    /// - Throws: `OutputError` naming the first directory along `path` that cannot be made.
    static func make(_ path: String) throws(OutputError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += prefix.isEmpty || prefix.hasSuffix("/") ? String(part) : "/" + part
            if mkdir(prefix, 0o777) != 0, errno != EEXIST { throw OutputError(path: prefix, errno: errno) }
        }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { throw OutputError(path: path, errno: ENOTDIR) }
    }
}

/// `skbviz: cannot write OUT: <reason>`, exit status 1.
struct OutputError: ToolError {
    var path: String
    var reason: String
    /// The errno, 0 for a refusal of our own.
    var code: Int32 = 0

    init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, errno code: Int32) {
        self.init(path: path, reason: String(cString: strerror(code)))
        self.code = code
    }

    /// `cannot write OUT: <reason>`.
    var summary: String { "cannot write \(TerminalText.escaped(path)): \(reason)" }
    var description: String { "skbviz: " + summary }
}

/// A file's device and inode: two paths name the same file when these agree.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The file at `path` (links followed), or nil if there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }
}

/// Messages on standard error. A failure to write them is ignored: there is nowhere left to
/// say so.
enum StandardError {
    static func line(_ s: String) {
        _ = OutputFile.writeAll(Array((s + "\n").utf8), to: STDERR_FILENO)
    }
}
