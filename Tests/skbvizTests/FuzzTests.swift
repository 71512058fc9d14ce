import Foundation
import Testing
import VizModel

/// Hostile files: mutations of the demos and the conformance cases (byte flips, truncations,
/// huge integers, deep nesting, long lines, NUL, invalid UTF-8, CR and CRLF, a BOM, repeated,
/// spliced and foreign lines), through what every command does: no signal, no hang, every
/// error located at `FILE:LINE:COL`.
///
/// `SKBVIZ_FUZZ_FILES` and `SKBVIZ_FUZZ_BINARY_FILES` set how many files go through the
/// library and how many of them through the binary's commands too (`Scripts/bench` runs
/// 20,000).
@Suite struct FuzzTests {
    static let sources: [[UInt8]] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = [root.appendingPathComponent("demos"), root.appendingPathComponent("Tests/Conformance/cases")]
        return folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
                .filter { $0.hasSuffix(".skb") }
                .compactMap { FileManager.default.contents(atPath: folder.appendingPathComponent($0).path).map { [UInt8]($0) } }
        }
    }()

    static func count(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? value
    }

    /// A file's diagnostics as printed: `FILE:LINE:COL: error: …`, line and column from 1.
    static func isLocated(_ line: Substring, file: String) -> Bool {
        guard line.hasPrefix(file + ":") else { return false }
        let parts = line.dropFirst(file.count + 1).split(separator: ":", maxSplits: 2)
        guard parts.count == 3, let l = Int(parts[0]), let c = Int(parts[1]) else { return false }
        return l >= 1 && c >= 1 && parts[2].hasPrefix(" error: ")
    }

    @Test func mutatedFilesThroughEveryCommandOfTheLibrary() throws {
        #expect(Self.sources.count >= 30)
        var mutator = Mutator(seed: 13, sources: Self.sources)
        let keys = try Key.parse(script: "n 3n G p g <Tab> c v ?")
        for i in 0..<Self.count("SKBVIZ_FUZZ_FILES", default: 300) {
            let bytes = mutator.next()
            let file = "fuzz/\(i).skb"
            let start = ContinuousClock.now
            var phases: [(String, Duration)] = []
            func mark(_ name: String) { phases.append((name, ContinuousClock.now - start)) }
            let program = Parser.parse(bytes: bytes, file: file)
            mark("parse")
            for d in program.errors {
                #expect(Self.isLocated(Substring(d.formatted(file: file)), file: file), "\(d.formatted(file: file))")
            }
            let design = ScenarioRun.design(of: program, override: nil)
            var lines = 0
            let writer = TraceWriter(includeSteps: true, emitBytes: { _ in lines += 1 })
            writer.write(program, design: design)
            mark("trace")
            _ = Transcript.of(program, design: design)
            mark("transcript")
            let outcome = ScenarioRun.execute(program, design: design) { record, _ in lines += Walk.lines(record, design: design).count }
            switch outcome {
            case .failed(_, let d, let state):
                #expect(Self.isLocated(Substring(d.formatted(file: file)), file: file))
                _ = Checker.leaks(in: state)
            case .completed(let state):
                _ = Checker.leaks(in: state)
            case .unreadable:
                break
            }
            mark("run")
            if program.errors.isEmpty {
                _ = DesignComparison(program).lines()
                mark("compare")
                if var session = try? ViewerSession(program: program, design: design) {
                    for key in keys {
                        _ = session.handle(key)
                        _ = ViewerLayout.grid(session, size: Size(width: 80, height: 24), options: ViewerOptions(usesColor: false, glyphs: .ascii))
                    }
                }
            }
            mark("render")
            #expect(ContinuousClock.now - start < Self.budget(bytes: bytes.count), "file \(i) of \(bytes.count) bytes, \(program.calls.count) calls, \(program.errors.count) errors: \(phases)")
        }
    }

    /// How long one mutated file may take through every command before it counts as a hang:
    /// 10 s, and a second a megabyte more. The bench's 20,000 files include splices of 45–87
    /// MB, which the debug build reads at about 3.5 MB a second on a quiet 2.0 GHz core and at
    /// 1.4 MB a second beside a build: linear work, which a flat 10 s called a hang. Anything
    /// worse than linear still fails.
    static func budget(bytes: Int) -> Duration {
        .seconds(10) + .milliseconds(bytes / 1_000)
    }

    @Test func mutatedFilesThroughTheBinary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skbviz-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var mutator = Mutator(seed: 29, sources: Self.sources)
        let count = Self.count("SKBVIZ_FUZZ_BINARY_FILES", default: 12)
        for i in 0..<count {
            try Data(mutator.next()).write(to: dir.appendingPathComponent("\(i).skb"))
        }
        // One shell runs them all (a process each costs more than the run itself).
        let (_, out, err) = try OutputTests.sh("""
            i=0
            while [ $i -lt \(count) ]; do
              for c in run check compare render; do
                timeout -s KILL 60 "$B" $c $i.skb > /dev/null 2> err; s=$?
                echo "== $s $c $i.skb"; cat err
              done
              i=$((i + 1))
            done
            """, in: dir)
        #expect(err == "")
        var runs = 0
        var status = 0
        var current = ""
        for line in out.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("== ") {
                let parts = line.split(separator: " ")
                status = Int(parts[1]) ?? -1
                current = String(parts[3])
                runs += 1
                #expect(status == 0 || status == 1, "\(line): a signal or a hang")
            } else {
                #expect(Self.isLocated(line, file: current) || line == "\(current): \(line.split(separator: " ")[1]) more errors not shown"
                    || line.hasPrefix(" more"), "\(current): \(line)")
            }
        }
        #expect(runs == 4 * count)
    }
}

/// Hostile variations of valid scenarios, the same for the same seed.
struct Mutator {
    private var state: UInt64
    private let sources: [[UInt8]]

    init(seed: UInt64, sources: [[UInt8]]) {
        state = seed
        self.sources = sources
    }

    /// SplitMix64.
    private mutating func random() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(random() % UInt64(n)) }

    private mutating func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    }

    mutating func next() -> [UInt8] {
        var bytes = sources[below(sources.count)]
        for _ in 0...below(3) { bytes = mutate(bytes) }
        return bytes
    }

    private mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var b = input
        let at = below(b.count + 1)
        switch below(13) {
        case 0:
            for _ in 0...below(8) where !b.isEmpty { b[below(b.count)] ^= UInt8(truncatingIfNeeded: random() | 1) }
        case 1: b = Array(b.prefix(at))
        case 2: b.insert(contentsOf: Array(["99999999999999999999999", "-9223372036854775808", "0x", "4294967296", "-1"][below(5)].utf8), at: at)
        case 3: b.insert(contentsOf: [UInt8](repeating: UInt8(ascii: ["(", "[", "\""][below(3)]), count: 1 + below(20_000)), at: at)
        case 4: b.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "a"), count: 100_000 + below(200_000)), at: at)
        case 5: b.insert(0, at: at)
        case 6: b.insert(contentsOf: [[0xFF], [0xC0, 0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80]][below(4)], at: at)
        case 7: b = b.flatMap { $0 == 0x0A ? (below(2) == 0 ? [0x0D] : [0x0D, 0x0A]) : [$0] }
        case 8: b = [0xEF, 0xBB, 0xBF] + b
        case 9:
            var ls = lines(of: b)
            if !ls.isEmpty {
                let line = ls[below(ls.count)]
                ls.insert(contentsOf: Array(repeating: line, count: 1 + below(300)), at: below(ls.count))
            }
            b = Array(ls.joined(separator: [0x0A]))
        case 10:
            let other = sources[below(sources.count)]
            let from = below(other.count)
            b.insert(contentsOf: other[from..<min(other.count, from + below(400))], at: at)
        case 11:
            var ls = lines(of: b)
            let others = lines(of: sources[below(sources.count)])
            for _ in 0...below(5) where !others.isEmpty { ls.insert(others[below(others.count)], at: below(ls.count + 1)) }
            if !ls.isEmpty, below(2) == 0 { ls.remove(at: below(ls.count)) }
            b = Array(ls.joined(separator: [0x0A]))
        default:
            b.insert(contentsOf: Array("\u{1B}]0;t\u{07}\u{1B}[2J".utf8), at: at)
        }
        return b
    }
}
