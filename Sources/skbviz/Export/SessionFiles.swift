import Foundation
import VizModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files atomically (a temporary file in the same directory, then a rename), and the
/// three files of a session log, never overwriting one unless asked to.
enum SessionFiles {
    /// The extensions of a session log, in the order they are written.
    static let extensions = ["skb", "jsonl", "txt"]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `skbviz-session-YYYYmmdd-HHMMSS` for `date`, in local time.
    static func defaultBase(at date: Date = Date()) -> String {
        var t = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "skbviz-session-\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    }

    /// The path without a log extension the user may have typed (`x.skb` is `x`), with `~/`
    /// expanded.
    static func base(of path: String) -> String {
        var p = path
        if p.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] { p = home + p.dropFirst(1) }
        for e in extensions where p.hasSuffix("." + e) && p.count > e.count + 1 { return String(p.dropLast(e.count + 1)) }
        return p
    }

    /// Which of the log's files exist (anything at the path: file, directory, device).
    static func existing(base: String) -> [String] {
        extensions.map { "\(base).\($0)" }.filter { path in
            var info = stat()
            return lstat(path, &info) == 0
        }
    }

    /// Writes `log` to `base.skb`, `base.jsonl` and `base.txt`.
    /// - Throws: `Exists` (nothing written) when one exists and not `overwrite`; `Failure`
    ///   when a file cannot be written.
    static func write(_ log: SessionLog, base: String, overwrite: Bool) throws {
        if !overwrite {
            let found = existing(base: base)
            if !found.isEmpty { throw Exists(base: base, files: found) }
        }
        for (e, text) in zip(extensions, [log.scenario, log.trace, log.transcript]) {
            try writeAtomically(text, to: "\(base).\(e)", overwrite: overwrite)
        }
    }

    struct Exists: Error, CustomStringConvertible {
        var base: String
        var files: [String]
        var description: String { "\(files.joined(separator: ", ")) already exist\(files.count == 1 ? "s" : "")" }
    }

    /// Writes `text` to a temporary file next to `path`, then renames it onto `path`.
    ///
    /// Without `overwrite`, the rename is a `link` that fails when `path` exists, so a file
    /// made meanwhile is not replaced either. Only a regular file (or nothing) is ever
    /// replaced: a device, a directory or a FIFO at `path` is refused (never rename onto
    /// `/dev/null`).
    static func writeAtomically(_ text: String, to path: String, overwrite: Bool) throws {
        var info = stat()
        if lstat(path, &info) == 0 {
            guard overwrite else { throw Exists(base: path, files: [path]) }
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                throw Failure(description: "skbviz: \(path) is not a regular file: not replaced")
            }
        }
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/.\(name).tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw Failure(description: "skbviz: cannot write in \(directory.isEmpty ? "." : directory): \(String(cString: strerror(errno)))") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = true
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; ok = false; break }
            written += n
        }
        if fsync(fd) != 0 { ok = false }
        fchmod(fd, 0o644 & ~currentUmask())
        close(fd)
        guard ok else {
            unlink(temporary)
            throw Failure(description: "skbviz: cannot write \(path): \(String(cString: strerror(errno)))")
        }
        if overwrite {
            guard rename(temporary, path) == 0 else {
                let message = String(cString: strerror(errno))
                unlink(temporary)
                throw Failure(description: "skbviz: cannot write \(path): \(message)")
            }
        } else {
            if link(temporary, path) != 0 {
                let code = errno
                unlink(temporary)
                if code == EEXIST { throw Exists(base: path, files: [path]) }
                throw Failure(description: "skbviz: cannot write \(path): \(String(cString: strerror(code)))")
            }
            unlink(temporary)
        }
    }

    private static func currentUmask() -> mode_t {
        let m = umask(0o022)
        umask(m)
        return m
    }
}
