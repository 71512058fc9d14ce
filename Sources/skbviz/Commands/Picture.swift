import ArgumentParser
import Foundation
import VizModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `skbviz picture FILE|--demo NAME [--step K | --call K | --every] [-o OUT]`: a step as an
/// SVG diagram, or every step as files and an `index.html` that plays them.
struct PictureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "picture",
        abstract: "Draw a step as an SVG diagram (default: the last step), or every step with an index.html.",
        discussion: """
            The objects as the viewer places them: skbs, buffers to scale with their skb_shared_info, pages, \
            arrows, what the step changed highlighted, a caption and a legend of the colours, arrows and dashes. --step K is the K-th step of the whole run \
            (as the viewer's "(K/N in all)"; 0 is before the first call), --call K the end of call K. \
            Without -o the SVG goes to standard output. --every -o DIR writes DIR/step-0001.svg, … and \
            DIR/index.html (← and → step, a slider, a link to the shown step's file; no network); DIR must be new or empty. \
            Exits 1 when a call failed (the steps before it are drawn) or the file has reading errors.
            """
    )

    @Argument(help: "The .skb scenario file (or use --demo).", completion: .file(extensions: ["skb"]))
    var file: String?

    @Option(help: "A built-in demo instead of a file.")
    var demo: String?

    @Option(help: "Run under this design instead of the file's: \(Design.names("or")).")
    var design: Design?

    @Option(help: "The step to draw, counted over the whole run (0: before the first call).")
    var step: Int?

    @Option(help: "Draw the end of this call (1-based).")
    var call: Int?

    @Flag(help: "Draw every step into the directory given by -o, with an index.html.")
    var every = false

    @Option(name: [.customShort("o"), .customLong("output")], help: "The SVG file (default: standard output), or the directory for --every.",
            completion: .file())
    var output: String?

    func validate() throws {
        try ScenarioFile.checkOne(file: file, demo: demo)
        if [step != nil, call != nil, every].filter({ $0 }).count > 1 { throw ValidationError("give one of --step, --call and --every") }
        if every, output == nil || output == "-" { throw ValidationError("--every writes a directory: give it with -o DIR") }
        if let step, step < 0 { throw ValidationError("--step must be 0 or more") }
        if let call, call < 1 { throw ValidationError("--call must be 1 or more") }
    }

    func run() throws {
        let program = try ScenarioFile.load(file, demo: demo)
        var session = try ViewerLauncher.makeSession(program, design: design)
        let h = session.history
        if every {
            guard h.stepCount > 0 else { throw OutputError(path: output ?? "", reason: "the run has no step to draw: nothing written") }
            try PictureFiles.writeEvery(session, directory: output ?? "")
        } else {
            let target: Int
            if let step {
                guard step <= h.stepCount else {
                    throw ValidationError("--step \(step): the run has \(h.stepCount) steps: give 0 (before the first call) to \(h.stepCount)")
                }
                target = step
            } else if let call {
                guard call <= h.callCount else {
                    let range = h.callCount == 0 ? "no completed call" : "\(h.callCount) completed calls: give 1 to \(h.callCount)"
                    throw ValidationError("--call \(call): the run has \(range)")
                }
                target = h.end(ofCall: call)
            } else {
                target = h.stepCount
            }
            _ = session.apply(.firstStep, count: target)
            let out = try OutputFile.open(output ?? "-", protecting: file)
            out.write(Picture.svg(of: session))
            try out.commit()
        }
        if let f = session.failure {
            ErrorOutput.print([f.diagnostic], program: program)
            throw ExitCode(1)
        }
    }
}

/// Writing pictures: every step into a new directory, and the viewer's one picture with the
/// session export's rules (a path prompt, never an overwrite without a yes).
enum PictureFiles {
    /// The file exists: the viewer asks before overwriting it.
    struct Exists: Error {}

    /// Writes every step of `session`'s run as `directory/step-NNNN.svg`, and
    /// `directory/index.html`. The directory is made, or must be empty; each file is created
    /// new (`O_EXCL`), so nothing is replaced and no link is followed.
    static func writeEvery(_ session: ViewerSession, directory: String) throws {
        var info = stat()
        if lstat(directory, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw OutputError(path: directory, reason: "it exists and is not a directory (--every writes a directory)")
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [""]
            guard entries.isEmpty else {
                throw OutputError(path: directory, reason: "the directory is not empty: nothing written; give a new or empty directory")
            }
        } else if mkdir(directory, 0o777) != 0 {
            throw OutputError(path: directory, errno: errno)
        }
        let count = session.history.stepCount
        try Picture.every(session) { index, svg in
            try create(directory + "/" + Picture.fileName(step: index, of: count), svg)
        }
        let title = session.scenario.title ?? session.scenario.file
        try create(directory + "/index.html", PictureIndex.html(title: title, count: count))
    }

    /// Writes `text` to a new file at `path`.
    static func create(_ path: String, _ text: String) throws(OutputError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw OutputError(path: path, errno: errno) }
        let failure = OutputFile.writeAll(Array(text.utf8), to: fd)
        if close(fd) != 0, failure == nil { throw OutputError(path: path, errno: errno) }
        if let failure { throw OutputError(path: path, errno: failure) }
    }

    /// The picture's path: `~/` expanded, `.svg` added when missing; the default
    /// `skbviz-step-N.svg` (N the cursor's step in the whole run) for nil.
    static func path(_ typed: String?, step: Int) -> String {
        var p = typed ?? "skbviz-step-\(step).svg"
        if p.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] { p = home + p.dropFirst(1) }
        return p.hasSuffix(".svg") ? p : p + ".svg"
    }

    /// Writes `svg` at `path` through a temporary file. A symbolic link, a directory and a
    /// device are refused; an existing file is replaced only when `overwrite`.
    /// - Throws: `Exists` when the file exists and not `overwrite`; `OutputError` otherwise.
    static func write(_ svg: String, to path: String, overwrite: Bool) throws {
        var info = stat()
        if lstat(path, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFREG else {
                let what = kind == S_IFLNK ? "a symbolic link" : kind == S_IFDIR ? "a directory" : "a device or a FIFO"
                throw OutputError(path: path, reason: "it is \(what), not replaced")
            }
            if !overwrite { throw Exists() }
        }
        let file = try OutputFile.temporary(for: path)
        file.write(svg)
        try file.seal()
        do {
            try file.place(replacing: overwrite)
        } catch {
            if error.code == EEXIST { throw Exists() }
            throw error
        }
    }
}

extension ViewerLauncher {
    /// Carries out the viewer's `.picture` effect and reports back to it.
    static func picture(_ viewer: inout ViewerSession, path typed: String?, overwrite: Bool) {
        let path = PictureFiles.path(typed, step: viewer.history.cursor)
        do {
            try PictureFiles.write(Picture.svg(of: viewer), to: path, overwrite: overwrite)
            viewer.pictureWritten(path: path)
        } catch is PictureFiles.Exists {
            viewer.pictureNeedsConfirmation(path: path)
        } catch let error as OutputError {
            viewer.exportFinished("not written: \(error.summary)")
        } catch {
            viewer.exportFinished("not written: \(error)")
        }
    }
}
