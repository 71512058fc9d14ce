import Foundation
import Testing
import VizModel

/// Collects the lines a `TraceWriter` emits.
final class TraceSink: @unchecked Sendable {
    var lines: [String] = []
}

/// Writes the trace of `source` as `skbviz run --trace` does.
func writeTrace(_ source: String, design: Design? = nil, steps: Bool = true, file: String = "t.skb") -> [String] {
    let sink = TraceSink()
    let writer = TraceWriter(includeSteps: steps) { sink.lines.append($0) }
    let program = Parser.parse(source, file: file)
    let d = ScenarioRun.design(of: program, override: design)
    writer.write(program, design: d)
    return sink.lines
}

func decodeTrace(_ lines: [String]) throws -> [[String: Any]] {
    try lines.map { line in
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any], "not an object: \(line)")
    }
}

private func idNumber(_ v: Any?) -> Int { Int(String((v as? String ?? "").dropFirst())) ?? -1 }

@Suite struct TraceTests {
    @Test(arguments: [false, true])
    func invariantViolationsComeAfterTheCallsEvents(steps: Bool) throws {
        // A model bug is never expected, so the call is made by hand: an invariant found at
        // step 1, events at steps 1 and 2.
        let program = Parser.parse("a = alloc_skb(10)\n", file: "t.skb")
        let broken = Violation(kind: .invariant, message: "s1.users is 2 but 1 references own it")
        let record = CallRecord(op: 1, statement: program.calls[0], steps: [
            Step(text: "one", depth: 0, outcomes: [.violation(broken), .event(.freePage(page: "p"))]),
            Step(text: "two", depth: 0, outcomes: [.event(.freeSkb(skb: 1))]),
        ])
        let sink = TraceSink()
        let writer = TraceWriter(includeSteps: steps) { sink.lines.append($0) }
        writer.call(record, state: SkbState())
        let kinds = try decodeTrace(sink.lines).compactMap { r -> String? in
            switch r["type"] as? String {
            case "event": r["event"] as? String
            case "violation": r["kind"] as? String
            case "state": "state"
            default: nil
            }
        }
        #expect(kinds == ["free_page", "free_skb", "invariant", "state"])
    }

    static let eventFields: [String: Set<String>] = [
        "skb_destructor": ["skb", "fn"], "data_destructor": ["data", "fn"],
        "free_head": ["data"], "free_page": ["page"], "free_skb": ["skb"],
        "zerocopy_callback": ["ubuf", "fn", "success", "via"], "zerocopy_notify": ["ubuf", "lo", "hi", "copied", "merged"],
    ]

    /// The record rules of trace-format.md, checked on a decoded trace.
    static func checkRecordRules(_ records: [[String: Any]], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let first = try #require(records.first, sourceLocation: sourceLocation)
        #expect(first["type"] as? String == "scenario", sourceLocation: sourceLocation)
        #expect(first["format"] as? String == "skbviz-trace" && first["version"] as? Int == 1, sourceLocation: sourceLocation)
        #expect(records.last?["type"] as? String == "end", sourceLocation: sourceLocation)
        #expect(records.filter { $0["type"] as? String == "scenario" || $0["type"] as? String == "end" }.count == 2, sourceLocation: sourceLocation)
        var op = 0, step = 0, completed = 0
        var open = false
        for r in records.dropFirst().dropLast() {
            let type = try #require(r["type"] as? String, sourceLocation: sourceLocation)
            switch type {
            case "op":
                #expect(!open, "op \(op) had no state record", sourceLocation: sourceLocation)
                #expect(r["op"] as? Int == op + 1, sourceLocation: sourceLocation)
                #expect(r["line"] is Int && r["text"] is String, sourceLocation: sourceLocation)
                op += 1; step = 0; open = true
            case "step":
                #expect(open && r["op"] as? Int == op && r["step"] as? Int == step + 1, sourceLocation: sourceLocation)
                #expect(r["text"] is String && r["changes"] is [Any], sourceLocation: sourceLocation)
                for c in r["changes"] as? [[String: Any]] ?? [] {
                    #expect(Set(c.keys).isSuperset(of: ["path", "from", "to"]), sourceLocation: sourceLocation)
                }
                step += 1
            case "event":
                #expect(open && r["op"] as? Int == op && r["step"] as? Int == step, sourceLocation: sourceLocation)
                let name = try #require(r["event"] as? String, sourceLocation: sourceLocation)
                let subject = try #require(Self.eventFields[name], "unknown event \(name)", sourceLocation: sourceLocation)
                #expect(Set(r.keys) == subject.union(["type", "op", "step", "event"]), "\(r)", sourceLocation: sourceLocation)
            case "violation":
                #expect(r["kind"] is String && r["message"] is String, sourceLocation: sourceLocation)
                if open {
                    #expect(r["op"] as? Int == op && r["step"] as? Int == step, sourceLocation: sourceLocation)
                    #expect(r["kind"] as? String != "leak", sourceLocation: sourceLocation)
                } else {
                    #expect(r["kind"] as? String == "leak" && r["op"] as? Int == completed && r["step"] is NSNull, sourceLocation: sourceLocation)
                }
            case "state":
                #expect(open && r["op"] as? Int == op, sourceLocation: sourceLocation)
                open = false
                completed = op
                let skbs = try #require(r["skbs"] as? [[String: Any]], sourceLocation: sourceLocation)
                let data = try #require(r["data"] as? [[String: Any]], sourceLocation: sourceLocation)
                let pages = try #require(r["pages"] as? [[String: Any]], sourceLocation: sourceLocation)
                let skbIds = skbs.map { idNumber($0["id"]) }, dataIds = data.map { idNumber($0["id"]) }
                #expect(skbIds == skbIds.sorted() && Set(skbIds).count == skbIds.count, sourceLocation: sourceLocation)
                #expect(dataIds == dataIds.sorted() && Set(dataIds).count == dataIds.count, sourceLocation: sourceLocation)
                let names = pages.compactMap { $0["id"] as? String }
                #expect(zip(names, names.dropFirst()).allSatisfy { NaturalOrder.compare($0, $1) <= 0 }, "\(names)", sourceLocation: sourceLocation)
                for s in skbs {
                    #expect(Set(s.keys).isSuperset(of: ["id", "name", "users", "cloned", "nohdr", "fclone", "len", "data_len",
                                                        "headroom", "headlen", "tailroom", "data", "destructor"]), sourceLocation: sourceLocation)
                    #expect((s["fclone_ref"] != nil) == (s["fclone"] as? String == "orig"), sourceLocation: sourceLocation)
                }
                for d in data {
                    #expect(Set(d.keys).isSuperset(of: ["id", "size", "dataref", "nr_frags", "frags", "frag_list", "orig", "destructor"]),
                            sourceLocation: sourceLocation)
                    #expect((d["frags"] as? [Any])?.count == d["nr_frags"] as? Int, sourceLocation: sourceLocation)
                }
            case "error":
                #expect(open || r["op"] is NSNull, sourceLocation: sourceLocation)
                #expect(r["line"] is Int && r["column"] is Int && r["message"] is String, sourceLocation: sourceLocation)
                open = false
            default:
                Issue.record("unknown record type \(type)", sourceLocation: sourceLocation)
            }
        }
        #expect(!open, sourceLocation: sourceLocation)
        let end = try #require(records.last, sourceLocation: sourceLocation)
        #expect(end["ops"] as? Int == completed && end["leaks"] is [String] && end["live"] is [String], sourceLocation: sourceLocation)
    }

    @Test(arguments: Design.allCases)
    func generatedTraceRoundTrips(design: Design) throws {
        var g = ScenarioGenerator(seed: 11, design: design)
        let text = g.scenario(calls: 300)
        let lines = writeTrace(text, file: "gen.skb")
        let records = try decodeTrace(lines)
        try Self.checkRecordRules(records)
        let r = run(text)
        #expect(records.filter { $0["type"] as? String == "op" }.count == r.records.count)
        #expect(records.filter { $0["type"] as? String == "step" }.count == r.records.reduce(0) { $0 + $1.steps.count })
        // The events of the trace are the model's, in order.
        let events = records.filter { $0["type"] as? String == "event" }.map { e in
            [e["event"], e["skb"] ?? e["data"] ?? e["page"] ?? e["ubuf"], e["fn"]].compactMap { $0 as? String }.joined(separator: " ")
        }
        let model = r.records.flatMap { $0.steps.flatMap(\.events) }.map { e -> String in
            switch e {
            case .skbDestructor(let s, let fn): "skb_destructor s\(s) \(fn)"
            case .dataDestructor(let d, let fn): "data_destructor d\(d) \(fn)"
            case .freeHead(let d): "free_head d\(d)"
            case .freePage(let p): "free_page \(p)"
            case .freeSkb(let s): "free_skb s\(s)"
            case .zerocopyCallback(let u, let fn, _, _): "zerocopy_callback u\(u) \(fn)"
            case .zerocopyNotify(let u, _, _, _, _): "zerocopy_notify u\(u)"
            }
        }
        #expect(events == model)
        // Each state record holds what the model's state holds.
        let states = records.filter { $0["type"] as? String == "state" }
        for (i, s) in states.enumerated() {
            let ids = (s["skbs"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                + (s["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                + (s["pages"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            let st = r.states[i]
            #expect(ids == st.sortedSkbs.map(\.ref) + st.sortedData.map(\.ref) + st.sortedPages.map { st.pageRef($0.id) })
        }
    }

    @Test func workedExampleStateRecordMatchesTheSpec() throws {
        let records = try decodeTrace(writeTrace(src("title \"worked example\"", WorkedExampleTests.source)))
        try Self.checkRecordRules(records)
        #expect(records[0]["title"] as? String == "worked example" && records[0]["design"] as? String == "orig-chain")
        let state = try #require(records.first { $0["type"] as? String == "state" && $0["op"] as? Int == 8 })
        let spec = """
        {"type":"state","op":8,
         "skbs":[{"id":"s1","name":"a","users":1,"cloned":false,"nohdr":false,"fclone":"none",
                  "len":4150,"data_len":4096,"headroom":96,"headlen":54,"tailroom":170,
                  "data":"d2","destructor":null},
                 {"id":"s2","name":"b","users":1,"cloned":true,"nohdr":false,"fclone":"none",
                  "len":4150,"data_len":4096,"headroom":64,"headlen":54,"tailroom":138,
                  "data":"d1","destructor":null}],
         "data":[{"id":"d1","size":256,"dataref":65538,"nr_frags":1,
                  "frags":[{"page":"p1","off":0,"size":4096}],"frag_list":[],
                  "orig":null,"destructor":"tun_free"},
                 {"id":"d2","size":320,"dataref":1,"nr_frags":1,
                  "frags":[{"page":"p1","off":0,"size":4096}],"frag_list":[],
                  "orig":"d1","destructor":null}],
         "pages":[{"id":"p1","count":2}]}
        """
        let want = try #require(try JSONSerialization.jsonObject(with: Data(spec.utf8)) as? [String: Any])
        // Extra fields (truesize) are allowed: compare the spec's fields only.
        func strip(_ v: Any, like w: Any) -> Any {
            if let d = v as? [String: Any], let wd = w as? [String: Any] {
                return Dictionary(uniqueKeysWithValues: wd.keys.map { ($0, strip(d[$0] ?? NSNull(), like: wd[$0]!)) })
            }
            if let a = v as? [Any], let wa = w as? [Any], a.count == wa.count { return zip(a, wa).map { strip($0, like: $1) } }
            return v
        }
        let got = strip(state, like: want)
        #expect(NSDictionary(dictionary: got as! [String: Any]).isEqual(to: want))
        let end = try #require(records.last)
        #expect(end["ops"] as? Int == 10 && (end["leaks"] as? [String]) == [] && (end["live"] as? [String]) == [])
        // The events of the last call, with exactly their subject fields.
        let last = records.filter { $0["type"] as? String == "event" && $0["op"] as? Int == 10 }
        #expect(last.map { $0["event"] as? String ?? "" } == ["free_head", "free_page", "data_destructor", "free_head", "free_skb"])
        #expect(last[2]["fn"] as? String == "tun_free" && last[2]["data"] as? String == "d1")
    }

    @Test func naiveViolationRecordFollowsTheDestructorEvent() throws {
        let records = try decodeTrace(writeTrace(WorkedExampleTests.source, design: .naive))
        try Self.checkRecordRules(records)
        let op9 = records.filter { ($0["type"] as? String == "event" || $0["type"] as? String == "violation") && $0["op"] as? Int == 9 }
        #expect(op9.map { ($0["event"] ?? $0["kind"]) as? String ?? "" } == ["data_destructor", "premature_destructor", "free_head", "free_skb"])
        let v = op9[1]
        #expect(v["data"] as? String == "d1" && v["page"] as? String == "p1" && v["holder"] as? String == "d2" && v["frag"] as? Int == 0)
        #expect(records[0]["design"] as? String == "naive")
    }

    @Test func leaksComeBeforeTheEndRecord() throws {
        let records = try decodeTrace(writeTrace(src("a = alloc_skb(10)", "b = skb_clone(a)", "skb_clone(a)", "p = alloc_page()", "get_page(p)",
                                           "skb_add_rx_frag(a, 0, p, 0, 1)", "kfree_skb(a)", "kfree_skb(b)")))
        try Self.checkRecordRules(records)
        let leaks = records.filter { $0["kind"] as? String == "leak" }
        #expect(leaks.map { ($0["skb"] ?? $0["data"] ?? $0["page"]) as? String ?? "" } == ["s3", "d1"])
        #expect(leaks.allSatisfy { $0["op"] as? Int == 8 })
        let end = try #require(records.last)
        #expect(Set(end["leaks"] as? [String] ?? []) == ["s3", "d1"])
        #expect(end["live"] as? [String] == ["p"])
    }

    @Test func failedAndUnreadableRuns() throws {
        let failed = try decodeTrace(writeTrace(src("a = alloc_skb(10)", "skb_push(a, 1)", "kfree_skb(a)"), steps: false))
        try Self.checkRecordRules(failed)
        #expect(failed.map { $0["type"] as? String ?? "" } == ["scenario", "op", "state", "op", "error", "end"])
        #expect(failed[4]["op"] as? Int == 2 && failed[4]["line"] as? Int == 2 && failed[4]["column"] as? Int == 13)
        #expect(failed.last?["ops"] as? Int == 1)
        #expect(failed.last?["live"] as? [String] == ["s1"] && (failed.last?["leaks"] as? [String]) == [])
        #expect(failed[2]["skbs"] is [Any])
        let unreadable = try decodeTrace(writeTrace("design naive\nkfree_skb(x)\ntitle \"t\"\nfoo()\n"))
        try Self.checkRecordRules(unreadable)
        #expect(unreadable.map { $0["type"] as? String ?? "" } == ["scenario", "error", "error", "end"])
        #expect(unreadable[0]["design"] as? String == "naive" && unreadable[0]["title"] as? String == "t")
        #expect(unreadable[1]["op"] is NSNull && unreadable[1]["line"] as? Int == 2 && unreadable[2]["line"] as? Int == 4)
        #expect(unreadable[3]["ops"] as? Int == 0 && (unreadable[3]["leaks"] as? [String]) == [] && (unreadable[3]["live"] as? [String]) == [])
    }

    @Test func opTextAndLine() throws {
        let records = try decodeTrace(writeTrace("# c\n\ntitle \"x\"\n  a = alloc_skb(200) ;  # c\nnote \"n\"\nkfree_skb(a)//x\n"))
        let ops = records.filter { $0["type"] as? String == "op" }
        #expect(ops.map { $0["text"] as? String ?? "" } == ["a = alloc_skb(200)", "kfree_skb(a)"])
        #expect(ops.map { $0["line"] as? Int ?? 0 } == [4, 6])
        #expect(ops.map { $0["op"] as? Int ?? 0 } == [1, 2])
    }

    @Test func stringsAreEscaped() throws {
        let records = try decodeTrace(writeTrace("title \"q\\\"uo\\\\te\tтаб\"\n"))
        #expect(records[0]["title"] as? String == "q\"uo\\te\tтаб")
    }
}
