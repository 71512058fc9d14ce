import Foundation
import Testing

/// The scenarios of `Tests/CrossCheck/` (random ones and explore's counterexamples), whose
/// traces two implementations of the specs written independently of this one wrote:
/// `skbviz run CASE --trace -` writes the same records in the same order, every field the same,
/// except what the specs leave free (messages, error columns, the `file` path, `step` numbers
/// and records, the extra `truesize`) and the order of the end record's id lists, which does
/// not matter.
@Suite struct CrossCheckTests {
    static let folder = ConformanceTests.folder.deletingLastPathComponent().appendingPathComponent("CrossCheck")
    static let cases = folder.appendingPathComponent("cases")
    static let expected = folder.appendingPathComponent("expected")
    static let names = ConformanceTests.names(in: cases, suffix: "skb")

    /// A trace's records as comparable text: each record without the free fields, its keys
    /// sorted; no `step` records.
    static func records(_ trace: String) throws -> [String] {
        try trace.split(separator: "\n").compactMap { line -> String? in
            guard var r = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return "not an object: \(line)" }
            for key in ["message", "column", "step", "file"] { r[key] = nil }
            switch r["type"] as? String {
            case "step":
                return nil
            case "state":
                r["skbs"] = (r["skbs"] as? [[String: Any]])?.map { s in s.filter { $0.key != "truesize" } }
            case "end":
                for key in ["leaks", "live"] { r[key] = (r[key] as? [String])?.sorted() }
            default:
                break
            }
            let data = try JSONSerialization.data(withJSONObject: r, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test func everyCaseHasItsExpectedTrace() {
        #expect(Self.names.count == 90)
        #expect(Self.names == ConformanceTests.names(in: Self.expected, suffix: "jsonl"))
    }

    /// Runs in the cases' folder, as the other implementations did.
    @Test(arguments: names)
    func traceAgreesWithTheOtherImplementations(name: String) throws {
        let want = try Self.records(String(contentsOf: Self.expected.appendingPathComponent("\(name).jsonl"), encoding: .utf8))
        let (status, out, err) = try ViewerRenderTests.skbviz(["run", "\(name).skb", "--trace", "-"], directory: Self.cases)
        let got = try Self.records(out)
        let fails = want.contains { $0.contains(#""type":"error""#) }
        #expect(status == (fails ? 1 : 0), "\(err)")
        #expect(got.count == want.count, "\(got.count) records, expected \(want.count)")
        if let k = zip(got, want).enumerated().first(where: { $1.0 != $1.1 })?.offset {
            Issue.record("record \(k + 1) differs:\n got \(got[k])\nwant \(want[k])")
        }
    }

    /// The comparison sees what matters and only that: a changed count or a missing event makes
    /// a trace differ, an extra `truesize` does not.
    @Test func aChangedRecordIsSeen() throws {
        let name = try #require(Self.names.first { $0.hasPrefix("gen-orig-chain") })
        let text = try String(contentsOf: Self.expected.appendingPathComponent("\(name).jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let want = try Self.records(text)
        let state = try #require(lines.firstIndex { $0.contains(#""type":"state""#) && $0.contains(#""users":1"#) })
        var changed = lines
        changed[state] = changed[state].replacing(#""users":1"#, with: #""users":2"#)
        #expect(try Self.records(changed.joined(separator: "\n")) != want)
        let event = try #require(lines.firstIndex { $0.contains(#""type":"event""#) })
        var dropped = lines
        dropped.remove(at: event)
        #expect(try Self.records(dropped.joined(separator: "\n")) != want)
        var truesize = lines
        truesize[state] = truesize[state].replacing(#""users":1,"#, with: #""users":1,"truesize":9,"#)
        #expect(try Self.records(truesize.joined(separator: "\n")) == want)
    }
}
