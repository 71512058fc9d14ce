import Foundation
import Testing
@testable import VizModel

/// The call table is the one description of each call: the README's table follows it.
struct CallTableTests {
    /// The README's row for a call: its signature, what the kernel writes, its summary.
    static func row(_ call: CallName) -> String {
        "| `\(call.signature)` | \(call.entry.kernel ?? "`\(call.rawValue)`") | \(call.summary) |"
    }

    /// The README's lines.
    static func readmeLines() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        return readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The rows of the README's call table, in order.
    static func readmeRows() throws -> [String] {
        let lines = try readmeLines()
        let header = try #require(lines.firstIndex(of: "| call | kernel name | what it does |"))
        return Array(lines[(header + 2)...].prefix { $0.hasPrefix("|") })
    }

    @Test func theReadmeTableIsTheCallTable() throws {
        let rows = try Self.readmeRows()
        for call in CallName.allCases {
            let expected = Self.row(call)
            let found = rows.first { $0.hasPrefix("| `\(call.signature)` |") }
            #expect(found == expected, "README row for \(call.rawValue) should be:\n\(expected)")
        }
        let signatures = rows.map { $0.split(separator: "|").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        #expect(signatures == CallName.allCases.map { "`\($0.signature)`" }, "the README's rows, one per call in the table's order")
    }

    /// `entry` finds a call's row by the case's stored tag: one byte, the case's place.
    @Test func eachCaseIsStoredAsItsPlace() {
        #expect(MemoryLayout<CallName>.size == 1)
        #expect(CallName.allCases.map(\.place) == Array(CallName.allCases.indices))
        #expect(CallName.kfreeSkb.entry.parameters.map(\.name) == ["skb"])
        #expect(CallName.skbSplit.entry.parameters.map(\.name) == ["skb", "skb1", "len"])
    }

    @Test func signaturesUseTheKernelNames() {
        #expect(CallName.allocSkb.signature == "n = alloc_skb(size)")
        #expect(CallName.skbAddRxFrag.signature == "skb_add_rx_frag(skb, i, page, off, size)")
        #expect(CallName.skbSegment.signature == "segs = skb_segment(skb, mss, doffset)")
        #expect(CallName.kfreeSkb.signature == "kfree_skb(skb)")
    }

    @Test func parameterNamesAreUniqueWithinACall() {
        for call in CallName.allCases {
            #expect(Set(call.parameters.map(\.name)).count == call.parameters.count, "\(call.rawValue)")
        }
    }

    /// The README's example of the language reads, and the comments beside its `design` line
    /// name every design a file may give.
    @Test func theReadmesScenarioExampleReadsAndNamesEveryDesign() throws {
        let lines = try Self.readmeLines()
        let start = try #require(lines.firstIndex(of: "## Scenarios (`.skb`)"))
        let open = try #require(lines[start...].firstIndex(of: "```"))
        let block = Array(lines[(open + 1)...].prefix { $0 != "```" })
        let program = Parser.parse(block.joined(separator: "\n") + "\n", file: "README.md")
        #expect(program.errors.isEmpty, "\(program.errors)")
        let designLine = try #require(block.firstIndex { $0.hasPrefix("design ") })
        let comments = block[designLine...].prefix { $0.hasPrefix("design ") || $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
            .joined(separator: " ")
        for d in Design.allCases { #expect(comments.contains(d.rawValue), "the design line's comment leaves out \(d.rawValue)") }
    }
}
