import ArgumentParser
import Foundation
import VizModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `skbviz explore`: bounded exhaustive search for a destructor that fires too early or never
/// (spec explore.md), each class's shortest counterexample written as a scenario.
struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search every sequence of calls up to a depth for a premature data destructor, a leak or a broken invariant.",
        discussion: """
            Breadth-first over a fixed alphabet of 18 call templates and small bounds (4 skbs, 4 buffers, \
            2 pages, 2 frags). Each class (kind, call) gets its shortest counterexample, first in the alphabet's \
            order, as DIR/<design>/<kind>-<call>.skb, plus classes.tsv and depths.tsv. Exits 0 when the search \
            ran to its depth, 2 when --seconds or --memory stopped it (the last depth is marked incomplete; \
            the classes found are exact), 64 on bad arguments (as any usage error), 1 when a file \
            cannot be written.
            """
    )

    /// A design, or all of them in turn.
    enum DesignChoice: ExpressibleByArgument, Equatable {
        case one(Design)
        case all

        init?(argument: String) {
            if argument == "all" { self = .all } else if let d = Design(rawValue: argument) { self = .one(d) } else { return nil }
        }

        static var allValueStrings: [String] { Design.allCases.map(\.rawValue) + ["all"] }

        var defaultValueDescription: String {
            switch self {
            case .one(let d): d.rawValue
            case .all: "all"
            }
        }

        var designs: [Design] {
            switch self {
            case .one(let d): [d]
            case .all: Design.allCases
            }
        }
    }

    @Option(help: "The design to explore, or all of them in turn.")
    var design: DesignChoice = .one(.standard)

    @Option(help: "The number of calls in the longest sequence.")
    var depth: Int = 6

    @Option(help: "Where the counterexamples go (DIR/<design>/).")
    var out: String = "explore-out"

    @Option(help: "Threads expanding a depth, by default the number of cores; the results never depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Stop each design's search cleanly after this many seconds.")
    var seconds: Double?

    @Option(help: "Stop cleanly when the resident memory passes SIZE (bytes, or with K, M or G: 500M, 1.2G, 1GB, 1GiB).")
    var memory: String?

    @Option(help: "For testing: merge no states, identical ones, or ones equal up to renaming (the files are the same).")
    var dedup: ExploreDedup = .canonical

    func validate() throws {
        guard depth >= 1 else { throw ValidationError("--depth must be at least 1 (the initial state is depth 0)") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let seconds, !(seconds > 0) { throw ValidationError("--seconds must be above 0") }
        if let memory, Self.bytes(memory) == nil {
            throw ValidationError("--memory '\(memory)': a size from 1 byte to \(Self.largestSize >> 30) G: bytes, or a number "
                                  + "followed by K, M or G (e.g. 500M; 500MB and 500MiB are the same)")
        }
    }

    /// The largest `--memory`: far above any machine's memory, and an `Int` with room to spare.
    static let largestSize = 1 << 50

    /// `500M`, `1.2G`, `4096`: bytes; K, M and G count by 1024, and may be followed by `B` or
    /// `iB` (`1GB` and `1GiB` are `1G`; `100B` is 100). Nil for no number, or for less than a byte or more
    /// than `largestSize` (a value an `Int` could not hold would trap).
    static func bytes(_ text: String) -> Int? {
        let units: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024]
        var number = Substring(text.uppercased())
        if number.hasSuffix("B") { number = number.dropLast() }
        if number.hasSuffix("I"), let u = number.dropLast().last, units[u] != nil { number = number.dropLast() }
        var scale = 1.0
        if let last = number.last, let u = units[last] {
            scale = u
            number.removeLast()
        }
        guard let v = Double(number), v.isFinite else { return nil }
        let size = v * scale
        guard size >= 1, size <= Double(largestSize) else { return nil }
        return Int(size)
    }

    func run() throws {
        let limit = memory.flatMap(Self.bytes)
        var interrupted = false
        for d in design.designs {
            let dir = (out as NSString).appendingPathComponent(d.rawValue)
            do {
                try Directories.make(dir)
            } catch {
                throw fail("cannot create \(TerminalText.escaped(error.path)): \(error.reason)")
            }
            guard FileManager.default.isWritableFile(atPath: dir) else { throw fail("cannot write in \(dir)") }
            let progress = Progress(enabled: isatty(STDERR_FILENO) == 1)
            var explorer = Explorer(options: ExploreOptions(design: d, depth: depth, jobs: jobs, dedup: dedup))
            let started = Date()
            let result = explorer.run(monitor: { p in
                let rss = Self.residentBytes()
                progress.show("\(d.rawValue) depth \(p.depth): \(p.new) new, \(Int(Double(p.new) / max(p.seconds, 1e-9))) states/s, "
                              + "tables \(p.bytes >> 20) MB, resident \(rss >> 20) MB")
                if let seconds, Date().timeIntervalSince(started) >= seconds { return "--seconds \(Self.number(seconds)) reached" }
                if let limit, rss >= limit { return "--memory \(memory ?? "") reached (\(rss >> 20) MB resident)" }
                return nil
            }, finished: { row in
                progress.clear()
                let rate = row.seconds > 0 ? Int(Double(row.new) / row.seconds) : 0
                print("\(d.rawValue) depth \(row.depth): \(row.new) new, \(row.total) total, \(row.transitions) transitions, "
                      + String(format: "%.2f s, ", row.seconds) + "\(rate) states/s" + (row.complete ? "" : " (incomplete)"))
            })
            if result.stored > 0 {
                print("\(d.rawValue): \(result.stored) states stored, \(result.storedBytes / result.stored) bytes each; "
                      + "\(result.hashed) states of the last depth kept as two hashes, \(result.hashedBytes >> 20) MB")
            }
            if let why = result.stopped {
                print("\(d.rawValue): stopped at depth \((result.depths.last?.depth ?? 0)): \(why); the classes below are exact, \"not found\" is inconclusive")
                interrupted = true
            }
            try write(result, to: dir)
        }
        if interrupted { throw ExitCode(2) }
    }

    /// Writes every class's file, classes.tsv and depths.tsv, and prints the class lines.
    private func write(_ result: ExploreResult, to dir: String) throws {
        let examples = result.found.map { Counterexample(design: result.design, exploreClass: $0.key, path: $0.value) }
            .sorted { $0.length != $1.length ? $0.length < $1.length : Self.rowKey($0).lexicographicallyPrecedes(Self.rowKey($1)) }
        var classes = "kind\tcall\tlength\tfile\n"
        for e in examples {
            let path = (dir as NSString).appendingPathComponent(e.exploreClass.fileName)
            try save(e.text, to: path)
            classes += "\(e.exploreClass.kind.rawValue)\t\(e.exploreClass.call.rawValue)\t\(e.length)\t\(e.exploreClass.fileName)\n"
            print("\(e.exploreClass.kind.rawValue)\t\(e.exploreClass.call.rawValue)\t\(e.length)\t\(path)\topen: skbviz \(path)")
        }
        if examples.isEmpty { print("\(result.design.rawValue): no class found up to depth \((result.depths.last?.depth ?? 0))") }
        if result.exhausted { print("\(result.design.rawValue): no new state at depth \((result.depths.last?.depth ?? 0)): every state within the bounds was reached") }
        var depths = "depth\tnew\ttotal\ttransitions\tseconds\n"
        for row in result.depths where row.complete {
            depths += "\(row.depth)\t\(row.new)\t\(row.total)\t\(row.transitions)\t" + String(format: "%.3f", row.seconds) + "\n"
        }
        try save(classes, to: (dir as NSString).appendingPathComponent("classes.tsv"))
        try save(depths, to: (dir as NSString).appendingPathComponent("depths.tsv"))
    }

    /// classes.tsv's order after the length: kind, then call, as bytes.
    private static func rowKey(_ e: Counterexample) -> [UInt8] {
        Array(e.exploreClass.kind.rawValue.utf8) + [0] + Array(e.exploreClass.call.rawValue.utf8)
    }

    private func save(_ text: String, to path: String) throws {
        do {
            let file = try OutputFile.open(path)
            file.write(text)
            try file.commit()
        } catch {
            throw fail(error.summary)
        }
    }

    private func fail(_ message: String) -> ExitCode {
        StandardError.line("skbviz: explore: \(message)")
        return ExitCode(1)
    }

    private static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    /// The process's resident set size, from /proc/self/statm (0 where there is none).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The progress line on standard error, on a terminal only.
    final class Progress {
        let enabled: Bool
        private var shown = false

        init(enabled: Bool) { self.enabled = enabled }

        func show(_ text: String) {
            guard enabled else { return }
            _ = OutputFile.writeAll(Array("\r\u{1b}[K\(text)".utf8), to: STDERR_FILENO)
            shown = true
        }

        func clear() {
            guard shown else { return }
            _ = OutputFile.writeAll(Array("\r\u{1b}[K".utf8), to: STDERR_FILENO)
            shown = false
        }
    }
}

extension ExploreDedup: ExpressibleByArgument {}
