import Foundation
import Testing
import VizModel

/// Mutated scenario files (bytes flipped, lines dropped, duplicated and swapped, huge numbers,
/// invalid UTF-8) are read and, when readable, run: no crash, no hang, and every error points
/// inside the file.
@Suite struct FuzzTests {
    /// The repository's copy of the conformance cases, the worked example, and a few generated
    /// scenarios.
    static func seedFiles() -> [[UInt8]] {
        var files: [[UInt8]] = []
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Conformance/cases").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        #expect(names.count >= 29, "the conformance cases are read from \(dir)")
        for name in names.sorted() where name.hasSuffix(".skb") {
            if let data = FileManager.default.contents(atPath: "\(dir)/\(name)") { files.append(Array(data)) }
        }
        files.append(Array(WorkedExampleTests.source.utf8))
        files.append(Array(TrimTests.intoFragList(195).utf8))
        files.append(Array(SegmentTests.source.utf8))
        for (i, design) in Design.allCases.enumerated() {
            var g = ScenarioGenerator(seed: UInt64(500 + i), design: design)
            files.append(Array(g.scenario(calls: 60).utf8))
        }
        return files
    }

    static let hugeTokens: [String] = ["2147483647", "2147483648", "99999999999999999999999", "0x7fffffff", "0xFFFFFFFFFFFF",
                                       "-2147483647", "-2147483648", "-0", "16777216", "4000", "0", "-1", "4096", "18"]
    static let junk: [[UInt8]] = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0x00], [0x22], [0x3B], [0x3B, 0x3B], [0x23], [0x2F, 0x2F],
                                  [0x5B, 0x30, 0x5D], [0x28], [0x29], [0x2C], [0x3D], [0x0D], [0x09], Array("é".utf8)]

    static func mutate(_ file: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var lines = file.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        for _ in 0..<(1 + rng.below(4)) {
            guard !lines.isEmpty else { break }
            let i = rng.below(lines.count)
            switch rng.below(8) {
            case 0: // flip a byte
                if !lines[i].isEmpty { lines[i][rng.below(lines[i].count)] = UInt8(truncatingIfNeeded: rng.next()) }
            case 1: lines.remove(at: i)
            case 2: lines.insert(lines[i], at: rng.below(lines.count + 1))
            case 3: lines.swapAt(i, rng.below(lines.count))
            case 4: rng.shuffle(&lines)
            case 5: // a digit run becomes a huge or edge number
                let text = String(decoding: lines[i], as: UTF8.self)
                if let r = text.range(of: "[0-9]+", options: .regularExpression) {
                    lines[i] = Array(text.replacingCharacters(in: r, with: hugeTokens[rng.below(hugeTokens.count)]).utf8)
                }
            case 6: // junk bytes somewhere in the line
                lines[i].insert(contentsOf: junk[rng.below(junk.count)], at: rng.below(lines[i].count + 1))
            default: // cut the line short
                lines[i] = Array(lines[i].prefix(rng.below(lines[i].count + 1)))
            }
        }
        return Array(lines.joined(separator: [0x0A]))
    }

    @Test func mutatedFilesNeverCrashAndErrorsPointInsideTheFile() {
        let seeds = Self.seedFiles()
        var rng = SplitMix64(seed: 0x5EED)
        var unreadable = 0, failed = 0, completed = 0
        let start = Date()
        for n in 0..<3000 {
            let bytes = Self.mutate(seeds[n % seeds.count], &rng)
            let program = Parser.parse(bytes: bytes, file: "fuzz.skb")
            let lineCount = program.source.count
            func inside(_ d: Diagnostic) -> Bool {
                d.location.line >= 1 && d.location.line <= lineCount && d.location.column >= 1
                    && d.location.column <= program.source[d.location.line - 1].utf8.count + 1
            }
            if !program.errors.isEmpty {
                unreadable += 1
                #expect(program.errors.allSatisfy(inside), "case \(n): \(program.errors)")
                #expect(program.errors == program.errors.sorted { $0.location < $1.location })
                continue
            }
            let outcome = ScenarioRun.execute(program, design: ScenarioRun.design(of: program, override: nil)) { _, _ in }
            switch outcome {
            case .unreadable: Issue.record("case \(n): unreadable without reading errors")
            case .failed(let op, let d, _):
                failed += 1
                #expect(inside(d), "case \(n): \(d)")
                #expect(op >= 1 && op <= program.calls.count && program.calls[op - 1].line == d.location.line, "case \(n)")
            case .completed:
                completed += 1
            }
        }
        // The mix exercises all three outcomes, within the time budget.
        #expect(unreadable > 100 && failed > 100 && completed > 100, "\(unreadable) unreadable, \(failed) failed, \(completed) completed")
        #expect(Date().timeIntervalSince(start) < 20)
    }
}
