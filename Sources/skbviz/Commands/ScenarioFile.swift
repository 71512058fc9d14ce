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

/// Reading a scenario from disk, and the error a missing file gives.
enum ScenarioFile {
    struct Unreadable: Error, CustomStringConvertible {
        var path: String
        var description: String { "skbviz: cannot read \(path)" }
    }

    static func load(_ path: String) throws -> Program {
        guard let data = FileManager.default.contents(atPath: path) else { throw Unreadable(path: path) }
        return Parser.parse(bytes: [UInt8](data), file: path)
    }
}

/// Text written to a file or to stdout in large chunks (traces can be long).
final class OutputSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    /// A file (created or truncated), or stdout for `-`.
    convenience init(path: String) throws {
        if path == "-" {
            self.init(handle: FileHandle.standardOutput)
            return
        }
        // open(2) with O_TRUNC writes through the path: FileManager.createFile would replace
        // it by a new file (and so turn /dev/null into a regular file).
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Unwritable(path: path) }
        self.init(handle: FileHandle(fileDescriptor: fd, closeOnDealloc: true))
    }

    struct Unwritable: Error, CustomStringConvertible {
        var path: String
        var description: String { "skbviz: cannot write \(path)" }
    }

    func line(_ s: String) {
        line(bytes: Array(s.utf8))
    }

    func line(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Errors on stderr, with the source line and a caret when stderr is a terminal.
enum ErrorOutput {
    static func print(_ d: Diagnostic, program: Program) {
        let text = isatty(2) != 0 ? d.formatted(file: program.file, source: program.source) : d.formatted(file: program.file)
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
