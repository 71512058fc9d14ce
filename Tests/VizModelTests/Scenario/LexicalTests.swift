import Testing
import VizModel

@Suite struct LexicalTests {
    @Test func naturalPageOrder() {
        let r = run(src("p10 = alloc_page()", "p01 = alloc_page()", "p2 = alloc_page()", "p1 = alloc_page()", "q = alloc_page()", "p = alloc_page()"))
        #expect(r.completed)
        // p01 and p1 compare equal: allocation order.
        #expect(r.final.sortedPages.map { r.final.pageRef($0.id) } == ["p", "p01", "p1", "p2", "p10", "q"])
        #expect(NaturalOrder.compare("p2", "p10") < 0)
        #expect(NaturalOrder.compare("x9y", "x10a") < 0)
        #expect(NaturalOrder.compare("p1", "p01") == 0)
        #expect(NaturalOrder.compare("p", "p0") < 0)
        #expect(NaturalOrder.compare("B", "a") < 0)
        #expect(NaturalOrder.compare("p99999999999999999999999", "p100000000000000000000000") < 0)
    }

    @Test func identifiersAreCutAt63Bytes() {
        let base = String(repeating: "n", count: 63)
        let p = Parser.parse(src("\(base)X = alloc_skb(1)", "\(base)Y = alloc_skb(1)"), file: "t.skb")
        #expect(p.errors.map { "\($0.location.line):\($0.location.column): \($0.message)" } == ["2:1: name '\(base)' is already bound (line 1)"])
        let q = run(src("\(base)X = alloc_skb(1)", "kfree_skb(\(base)Z)", "\(String(base.dropLast())) = alloc_skb(1)"))
        #expect(q.completed)
        #expect(q.final.bindings.keys.sorted() == [String(base.dropLast()), base])
        #expect(q.events(2) == ["free_head d1", "free_skb s1"])
    }

    @Test func integerLiterals() {
        let r = run(src("a = alloc_skb(0x100)", "b = alloc_skb(0X41)", "c = alloc_skb(-0)", "d = alloc_skb(010)", "skb_put(d, 010)", "skb_put(d, 0xa)"))
        #expect(r.completed)
        #expect(r.final.sortedData.map(\.size) == [256, 128, 0, 64])
        #expect(r.final.skbs[4]?.len == 20)
        for bad in ["a = alloc_skb(0x)", "a = alloc_skb(12ab)", "a = alloc_skb(0x1g)"] {
            #expect(Parser.parse(bad, file: "t").errors.map(\.location.column) == [15], "\(bad)")
        }
    }

    @Test func trailingSemicolonsAndComments() {
        let r = run(src(
            "title \"a # not a comment // nor this\"   # a comment",
            "note \"x; \\\"y\\\" \\\\\";",
            "a = alloc_skb(1);",
            "skb_put(a, 1) ; // comment",
            "\t skb_put(a, 1);\t# tabs \r",
            "// a whole comment line",
            "#skb_put(a, 1)",
            "",
            "   ",
            "kfree_skb(a) # kfree_skb(a);"))
        #expect(r.completed)
        #expect(r.program.title == "a # not a comment // nor this")
        #expect(r.records.map(\.statement.text) == ["a = alloc_skb(1)", "skb_put(a, 1)", "skb_put(a, 1)", "kfree_skb(a)"])
        #expect(r.records.map(\.statement.line) == [3, 4, 5, 10])
        #expect(r.records[0].statement.notes == ["x; \"y\" \\"])
        #expect(r.records.map(\.statement.column) == [5, 1, 3, 1])
        #expect(r.state(3).skbs[1]?.len == 2)
        // One ';' goes, a second one is a syntax error; so is a ';' inside the line.
        #expect(Parser.parse("a = alloc_skb(1) ; ;", file: "t").errors.count == 1)
        #expect(Parser.parse("a = alloc_skb(1); b = alloc_skb(1)", file: "t").errors.count == 1)
        #expect(Parser.parse("a = alloc_skb(1) # ;;", file: "t").errors == [])
    }

    @Test func keywordsAreOrdinaryNamesElsewhere() {
        let r = run(src(
            "title \"the title\"",
            "design vanilla",
            "note \"a note\"",
            "title = alloc_skb(1)",
            "note = alloc_skb(2)",
            "design = alloc_skb(3)",
            "skb_get(title)",
            "kfree_skb(note)",
            "kfree_skb(design)",
            "kfree_skb(title)"))
        #expect(r.readingErrors == [])
        #expect(r.program.title == "the title")
        #expect(r.program.design == .vanilla)
        #expect(r.completed)
        #expect(r.records[0].statement.notes == ["a note"])
        #expect(r.records.count == 7)
        #expect(r.final.skbs.keys.sorted() == [1])
        #expect(r.final.skbs[1]?.name == "title")
        // `design(…)` is a call of an unknown `design`; `title` without a string is a name.
        #expect(run("design(1)").readingErrors == ["1:1: unknown call 'design'"])
        #expect(run("title").readingErrors.count == 1)
    }

    @Test func designLineAndOverride() {
        let p = Parser.parse("design naive\na = alloc_skb(1)\n", file: "t")
        #expect(ScenarioRun.design(of: p, override: nil) == .naive)
        #expect(ScenarioRun.design(of: p, override: .vanilla) == .vanilla)
        #expect(ScenarioRun.design(of: Parser.parse("a = alloc_skb(1)", file: "t"), override: nil) == .origChain)
    }

    @Test func invalidUTF8OutsideStringsIsASyntaxError() {
        let bytes: [UInt8] = Array("a = alloc_skb(1)\n".utf8) + [0xFF, 0xFE] + Array(" = alloc_skb(1)\ntitle \"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)
        let p = Parser.parse(bytes: bytes, file: "t")
        #expect(p.errors.map { "\($0.location.line):\($0.location.column)" } == ["2:1"])
        #expect(p.title != nil)
        #expect(p.calls.count == 1)
    }
}
