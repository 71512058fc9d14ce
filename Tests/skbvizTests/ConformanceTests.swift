import Foundation
import Testing

/// The conformance cases of `Tests/Conformance/`: `skbviz run CASE --trace -` writes exactly the
/// expected trace, line for line and byte for byte, and exits 1 exactly when the trace has an
/// error record. This is stricter than the shared `check` script, which leaves out messages,
/// columns and violation records: here every record counts.
@Suite struct ConformanceTests {
    /// `Tests/Conformance/`, found from this file so that any clone finds its own copy.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Conformance")
    static let cases = folder.appendingPathComponent("cases")
    static let expected = folder.appendingPathComponent("expected")
    /// The cases of the zero-copy designs (`later/`, model-later.md).
    static let laterCases = folder.appendingPathComponent("later/cases")
    static let laterExpected = folder.appendingPathComponent("later/expected")

    /// The names of the files in `directory` that end with `.suffix`, without it, sorted.
    static func names(in directory: URL, suffix: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".\(suffix)") }.map { String($0.dropLast(suffix.count + 1)) }.sorted()
    }

    /// The case names, `destructor_late` for `cases/destructor_late.skb`, then the zero-copy
    /// designs' as `later/NAME`.
    static let names = names(in: cases, suffix: "skb") + names(in: laterCases, suffix: "skb").map { "later/\($0)" }

    /// A trace line without the `truesize` of each skb: an extra field (trace-format.md allows
    /// extra fields) that the expected traces do not carry.
    static func withoutTruesize(_ line: Substring) -> String {
        String(line).replacing(/,"truesize":\d+/, with: "")
    }

    /// The error messages this project words otherwise than the shared expected traces, by
    /// case: the shared message, then ours (the specs leave messages free, trace-format.md;
    /// ours name the call and the line where the scenario's reference went). Every other record
    /// and message is compared as the shared trace has it.
    static let reworded: [String: (shared: String, ours: String)] = [
        "err_not_held": ("m (s2): the scenario holds no reference to this skb any more (moved to a frag_list, or given back with kfree_skb)",
                         "m (s2) is on d1's frag_list: the scenario gave up its last reference to it at line 4 by skb_frag_list_add(a, m)"),
        "err_use_after_free": ("use after free: a (s1) was freed at line 3", "use after free: a (s1) was freed at line 3 by kfree_skb(a)"),
        "err_page_not_held": ("put_page(p): the scenario holds no reference to this page",
                              "put_page(p): the scenario holds no reference to this page: it gave up its last at line 3 by skb_add_rx_frag(a, 0, p, 0, 100)"),
    ]

    /// An expected trace line with the case's reworded message, if it has one, put in.
    static func reworded(_ line: String, case name: String) -> String {
        guard let r = reworded[name] else { return line }
        return line.replacing(#""message":"\#(r.shared)"}"#, with: #""message":"\#(r.ours)"}"#)
    }

    @Test func everyCaseHasItsExpectedTrace() {
        #expect(!Self.names.isEmpty, "no cases in \(Self.cases.path)")
        #expect(Self.names(in: Self.cases, suffix: "skb") == Self.names(in: Self.expected, suffix: "jsonl"))
        #expect(Self.names(in: Self.laterCases, suffix: "skb").count == 45)
        #expect(Self.names(in: Self.laterCases, suffix: "skb") == Self.names(in: Self.laterExpected, suffix: "jsonl"))
    }

    /// Runs in the cases' folder with the bare file name, so that the scenario record's `file`
    /// is the expected one too.
    @Test(arguments: names)
    func traceIsTheExpectedOne(name: String) throws {
        let later = name.hasPrefix("later/")
        let base = later ? String(name.dropFirst("later/".count)) : name
        let want = try String(contentsOf: (later ? Self.laterExpected : Self.expected).appendingPathComponent("\(base).jsonl"), encoding: .utf8)
            .split(separator: "\n").map { Self.reworded(String($0), case: name) }
        let (status, out, err) = try ViewerRenderTests.skbviz(
            ["run", "\(base).skb", "--trace", "-"], directory: later ? Self.laterCases : Self.cases)
        let got = out.split(separator: "\n").map(Self.withoutTruesize)
        let fails = want.contains { $0.hasPrefix(#"{"type":"error""#) }
        #expect(status == (fails ? 1 : 0), "\(err)")
        #expect(got.count == want.count, "\(got.count) trace lines, expected \(want.count)")
        if let line = zip(got, want).enumerated().first(where: { $1.0 != $1.1 })?.offset {
            Issue.record("line \(line + 1) differs:\n got \(got[line])\nwant \(want[line])")
        }
    }

    /// Each reworded message is one the shared trace of its case has: a change of the shared
    /// folder that words it otherwise is seen, not compared against a stale message.
    @Test func eachRewordedMessageIsInItsSharedTrace() throws {
        for (name, r) in Self.reworded {
            let shared = try String(contentsOf: Self.expected.appendingPathComponent("\(name).jsonl"), encoding: .utf8)
            #expect(shared.contains(#""message":"\#(r.shared)"}"#), "\(name)")
        }
    }
}
