import Foundation
import VizModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The three files of a session log, written as a set and never overwriting one unless asked
/// to.
enum SessionFiles {
    /// The extensions of a session log, in the order they are written.
    static let extensions = ["skb", "jsonl", "txt"]

    struct Failure: Error, Equatable, CustomStringConvertible {
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

    /// Why a log cannot be written at `base` without asking (`--log`, checked at start):
    /// one of its files exists, a name is not a plain file, or the directory is missing or
    /// not writable; nil if it can.
    static func problem(withNew base: String) -> String? {
        let found = existing(base: base)
        if !found.isEmpty {
            return "\(list(found)) already exist\(found.count == 1 ? "s" : ""); remove \(found.count == 1 ? "it" : "them") or choose another path"
        }
        do { try refuseNonFiles(base: base, paths: extensions.map { "\(base).\($0)" }) } catch { return "\(error)" }
        let directory = directory(of: base)
        var info = stat()
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            return "the directory \(TerminalText.escaped(directory)) does not exist"
        }
        if access(directory, W_OK) != 0 {
            return "the directory \(TerminalText.escaped(directory)) is not writable: \(String(cString: strerror(errno)))"
        }
        return nil
    }

    /// Writes `log` to `base.skb`, `base.jsonl` and `base.txt` as a set: the three temporary
    /// files first, then the three renames, so a failed write changes no file.
    /// - Throws: `Exists` (nothing written) when one exists and not `overwrite`; `Failure`
    ///   saying what was and was not written otherwise.
    static func write(_ log: SessionLog, base: String, overwrite: Bool) throws {
        let paths = extensions.map { "\(base).\($0)" }
        do { try refuseNonFiles(base: base, paths: paths) } catch {
            throw Failure(description: "not written: \(error); no file was changed")
        }
        var info = stat()
        let directory = directory(of: base)
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            // A mistyped directory: say which, before any temporary file is tried.
            throw Failure(description: "not written: the directory \(TerminalText.escaped(directory)) does not exist; no file was changed")
        }
        if !overwrite {
            let found = existing(base: base)
            if !found.isEmpty { throw Exists(base: base, files: found) }
        }
        var files: [OutputFile] = []
        for (path, text) in zip(paths, [log.scenario, log.trace, log.transcript]) {
            do throws(OutputError) {
                let file = try OutputFile.temporary(for: path)
                files.append(file)
                file.write(text)
                try file.seal()
            } catch {
                throw Failure(description: "not written: \(error.summary); no file was changed")
            }
        }
        var placed: [String] = []
        for file in files {
            do throws(OutputError) {
                try file.place(replacing: overwrite)
                placed.append(file.name)
            } catch {
                if !overwrite {
                    // Only new files were made (by link): take them back, the set stays whole.
                    for p in placed { unlink(p) }
                    if error.code == EEXIST { throw Exists(base: base, files: [file.name]) }
                    throw Failure(description: "not written: \(error.summary); no file was changed")
                }
                let left = paths.filter { !placed.contains($0) }
                throw Failure(description: "partly written: \(error.summary); \(Self.list(placed)) written, "
                    + "\(Self.list(left)) not written")
            }
        }
    }

    /// The directory the log's files go into: what precedes the last `/`, else `.`.
    static func directory(of base: String) -> String {
        let slash = base.lastIndex(of: "/")
        return slash.map { $0 == base.startIndex ? "/" : String(base[..<$0]) } ?? "."
    }

    /// What the hint bar says once the log is written: the three names, and the directory
    /// they are in when the path was relative (`wrote x.skb, x.jsonl and x.txt in /home/me`).
    static func written(base: String, workingDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        var message = "wrote \(base).skb, \(base).jsonl and \(base).txt"
        if !base.hasPrefix("/") {
            let absolute = directory(of: base) == "." ? workingDirectory : workingDirectory + "/" + directory(of: base)
            message += " in \(absolute)"
        }
        return TerminalText.escaped(message)
    }

    private static func list(_ paths: [String]) -> String {
        paths.isEmpty ? "nothing" : paths.map(TerminalText.escaped).joined(separator: ", ")
    }

    /// Refuses a base that is a device or a directory (`/dev/null` would give
    /// `/dev/null.skb`), and a name of the set that is anything but a regular file: a
    /// symbolic link, a directory or a device there is never replaced nor followed.
    private static func refuseNonFiles(base: String, paths: [String]) throws {
        var info = stat()
        if stat(base, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            let what = (info.st_mode & S_IFMT) == S_IFDIR ? "a directory" : "a device or a FIFO"
            throw Failure(description: "\(TerminalText.escaped(base)) is \(what); the session log is three files "
                + "(PATH.skb, PATH.jsonl, PATH.txt): give a path such as out/session")
        }
        for path in paths where lstat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            let kind = info.st_mode & S_IFMT
            let what = kind == S_IFLNK ? "a symbolic link" : kind == S_IFDIR ? "a directory" : "a device or a FIFO"
            throw Failure(description: "\(TerminalText.escaped(path)) is \(what), not replaced")
        }
    }

    struct Exists: Error, CustomStringConvertible {
        var base: String
        var files: [String]
        var description: String { "\(files.joined(separator: ", ")) already exist\(files.count == 1 ? "s" : "")" }
    }
}
