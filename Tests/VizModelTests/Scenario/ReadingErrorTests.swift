import Testing
import VizModel

struct ReadingCase: CustomTestStringConvertible, Sendable {
    var name: String
    var source: String
    /// Every reading error, in order, as `LINE:COLUMN: MESSAGE`.
    var errors: [String]
    var testDescription: String { name }
}

let readingCases: [ReadingCase] = [
    .init(name: "unclosed call", source: "a = alloc_skb(1",
          errors: ["1:15: syntax error: expected ')' to close alloc_skb("]),
    .init(name: "unterminated string", source: "title \"abc",
          errors: ["1:7: syntax error: unterminated string: close it with \" on the same line"]),
    .init(name: "a UTF-8 byte order mark: the first line is dropped, so its name is unbound", source: "\u{FEFF}a = alloc_skb(1)\nkfree_skb(a)",
          errors: ["1:1: syntax error: the file starts with a UTF-8 byte order mark (bytes ef bb bf): save it without one",
                   "2:11: name 'a' is not bound before this line"]),
    .init(name: "a character past ASCII is shown with its code point", source: "sköb = alloc_skb(1)\nnote \u{201C}x\u{201D}\na = alloc_skb(1)\u{00A0}",
          errors: ["1:3: syntax error: unexpected 'ö' (U+00F6) outside a string or comment: names and calls are ASCII",
                   "2:6: syntax error: unexpected '\u{201C}' (U+201C) outside a string or comment: a string is in straight quotes, \"TEXT\"",
                   "3:17: syntax error: unexpected U+00A0 outside a string or comment: names and calls are ASCII"]),
    .init(name: "a malformed integer is quoted", source: "a = alloc_skb(10x)\nb = alloc_skb(0x)\nc = alloc_skb(- 5k)",
          errors: ["1:15: syntax error: malformed integer '10x'", "2:15: syntax error: malformed integer '0x'",
                   "3:15: syntax error: malformed integer '-5k'"]),
    .init(name: "the token that does not fit is named", source: "a = alloc_skb(1) extra\nb = alloc_skb(1))\nc = = alloc_skb(1)\n\"s\"\nnote \"x\" 5\nnote naive \"x\" y",
          errors: ["1:18: syntax error: unexpected 'extra' after the call", "2:17: syntax error: unexpected ')' after the call",
                   "3:5: syntax error: expected a call, not '='", "4:1: syntax error: expected a call, not a string",
                   "5:10: syntax error: unexpected integer after the string", "6:16: syntax error: unexpected 'y' after the string"]),
    .init(name: "a call's arguments name what does not fit", source: "a = alloc_skb(1)\nskb_put(a 10)\nskb_put(a,, 1)",
          errors: ["2:11: syntax error: expected ',' or ')', not an integer", "3:11: syntax error: expected an argument, not ','"]),
    .init(name: "second trailing ;", source: "a = alloc_skb(1);;",
          errors: ["1:17: syntax error: unexpected ';'"]),
    .init(name: "stray character", source: "a = alloc_skb(1) + 2",
          errors: ["1:18: syntax error: unexpected '+'"]),
    .init(name: "negative list index", source: "a = alloc_skb(100)\ng = skb_segment(a, 10, 0)\nkfree_skb(g[-1])",
          errors: ["3:13: syntax error: a list index must be at least 0"]),
    .init(name: "missing list index", source: "a = alloc_skb(100)\ng = skb_segment(a, 10, 0)\nkfree_skb(g[])",
          errors: ["3:12: syntax error: a list element is name[INDEX], with an integer index"]),
    .init(name: "title twice", source: "title \"a\"\ntitle \"b\"",
          errors: ["2:1: title given twice (first at line 1)"]),
    .init(name: "design twice", source: "design naive\ndesign vanilla",
          errors: ["2:1: design given twice (first at line 1)"]),
    .init(name: "a second trailing ; after a design: the line is dropped", source: "design naive;;\ndesign vanilla",
          errors: ["1:13: syntax error: unexpected ';'"]),
    .init(name: "a ; inside a design line", source: "design naive; design vanilla",
          errors: ["1:13: syntax error: unexpected ';'"]),
    .init(name: "unknown design", source: "design  fast",
          errors: ["1:9: unknown design 'fast': vanilla, naive, orig-chain, ubuf-2011 or msg-zerocopy-2017"]),
    .init(name: "design after a call", source: "a = alloc_skb(1)\ndesign naive",
          errors: ["2:1: design must come before the first call"]),
    .init(name: "a misplaced design line's unknown name is an error of its own", source: "a = alloc_skb(1)\ndesign bogus",
          errors: ["2:1: design must come before the first call",
                   "2:8: unknown design 'bogus': vanilla, naive, orig-chain, ubuf-2011 or msg-zerocopy-2017"]),
    .init(name: "a second design line: given twice, and its unknown name", source: "design naive\nb = alloc_skb(1)\ndesign bogus",
          errors: ["3:1: design given twice (first at line 1)",
                   "3:8: unknown design 'bogus': vanilla, naive, orig-chain, ubuf-2011 or msg-zerocopy-2017"]),
    .init(name: "a design line after one with an unknown name", source: "design bogus\ndesign bogus",
          errors: ["1:8: unknown design 'bogus': vanilla, naive, orig-chain, ubuf-2011 or msg-zerocopy-2017",
                   "2:1: design given twice (first at line 1)",
                   "2:8: unknown design 'bogus': vanilla, naive, orig-chain, ubuf-2011 or msg-zerocopy-2017"]),
    .init(name: "unknown call", source: "a = alloc_skbuff(1)",
          errors: ["1:5: unknown call 'alloc_skbuff'"]),
    .init(name: "an unknown call two edits from a known one names it", source: "a = alloc_sbk(1)\nskb_reserv(a, 2)\nSKB_PUT(a, 1)",
          errors: ["1:5: unknown call 'alloc_sbk': did you mean 'alloc_skb'?",
                   "2:1: unknown call 'skb_reserv': did you mean 'skb_reserve'?",
                   "3:1: unknown call 'SKB_PUT': did you mean 'skb_put'?"]),
    .init(name: "kfree_skb's kernel variants name it", source: "a = alloc_skb(1)\ndev_kfree_skb_any(a)\nconsume_skb(a)",
          errors: ["2:1: unknown call 'dev_kfree_skb_any': did you mean 'kfree_skb'?", "3:1: unknown call 'consume_skb': did you mean 'kfree_skb'?"]),
    .init(name: "a field assignment pasted from C", source: "a = alloc_skb(1)\nskb_shinfo(a)->destructor = f\na->len = 4",
          errors: ["2:14: syntax error: unexpected '->': a scenario sets no field, it makes calls (set_data_destructor(skb, fn) for skb_shinfo(skb)->destructor = fn)",
                   "3:2: syntax error: unexpected '->': a scenario sets no field, it makes calls"]),
    .init(name: "wrong argument count", source: "a = alloc_skb(1, 2)",
          errors: ["1:5: alloc_skb takes 1 argument, not 2"]),
    .init(name: "a kernel call's gfp_mask pasted with it", source: "a = alloc_skb(1, GFP_KERNEL)\nb = skb_clone(a, GFP_ATOMIC)\np = alloc_page(GFP_KERNEL)\nkfree_skb(b, GFP)",
          errors: ["1:5: alloc_skb takes 1 argument, not 2; the scenario language leaves out the kernel's gfp_mask: drop GFP_KERNEL",
                   "2:5: skb_clone takes 1 argument, not 2; the scenario language leaves out the kernel's gfp_mask: drop GFP_ATOMIC",
                   "3:5: alloc_page takes 0 arguments, not 1; the scenario language leaves out the kernel's gfp_mask: drop GFP_KERNEL",
                   "4:1: kfree_skb takes 1 argument, not 2"]),
    .init(name: "integer for an skb", source: "kfree_skb(5)",
          errors: ["1:11: argument 1 of kfree_skb must be an skb, not an integer"]),
    .init(name: "name for an integer", source: "a = alloc_skb(1)\nskb_put(a, a)",
          errors: ["2:12: argument 2 of skb_put must be an integer, not the name 'a'"]),
    .init(name: "page for an skb", source: "p = alloc_page()\nkfree_skb(p)",
          errors: ["2:11: argument 1 of kfree_skb must be an skb, but 'p' is a page"]),
    .init(name: "skb for a page", source: "a = alloc_skb(1)\nput_page(a)",
          errors: ["2:10: argument 1 of put_page must be a page, but 'a' is an skb"]),
    .init(name: "destructor not an identifier", source: "a = alloc_skb(1)\nset_data_destructor(a, 5)\nset_data_destructor(a, \"f\")",
          errors: ["2:24: the function of set_data_destructor must be a plain identifier, not an integer", "3:24: the function of set_data_destructor must be a plain identifier, not a string"]),
    .init(name: "negative literal", source: "a = alloc_skb(-1)",
          errors: ["1:15: argument 1 of alloc_skb may not be negative"]),
    .init(name: "blanks between the minus and its digits", source: "a = alloc_skb(- 1)\nb = alloc_skb(-\t0x2)",
          errors: ["1:15: argument 1 of alloc_skb may not be negative", "2:15: argument 1 of alloc_skb may not be negative"]),
    .init(name: "a minus before no digits", source: "a = alloc_skb(- )\nb = alloc_skb(-x)",
          errors: ["1:15: syntax error: unexpected '-'", "2:15: syntax error: unexpected '-'"]),
    .init(name: "above 2147483647", source: "a = alloc_skb(2147483648)\nb = alloc_skb(0x80000000)",
          errors: ["1:15: argument 1 of alloc_skb is above 2147483647", "2:15: argument 1 of alloc_skb is above 2147483647"]),
    .init(name: "below -2147483647", source: "a = alloc_skb(1)\npskb_expand_head(a, -2147483648, 0)\npskb_expand_head(a, 0, -99999999999)",
          errors: ["2:21: argument 2 of pskb_expand_head is below -2147483647", "3:24: argument 3 of pskb_expand_head is below -2147483647"]),
    .init(name: "name used before it is bound", source: "a = skb_clone(a)",
          errors: ["1:15: name 'a' is not bound before this line"]),
    .init(name: "an unbound name near a bound one names it; one of 1 or 2 bytes, or a numbered sibling, does not",
          source: "skb = alloc_skb(1)\nskb_put(sbk, 1)\nkfree_skb(SKB)\nsegs = skb_segment(skb, 1, 0)\nkfree_skb(seg[0])\nkfree_skb(sk)\nkfree_skb(skb_head)\ns5 = alloc_skb(1)\nkfree_skb(s59)\nx12 = alloc_skb(1)\nkfree_skb(y12)",
          errors: ["2:9: name 'sbk' is not bound before this line: did you mean 'skb'?",
                   "3:11: name 'SKB' is not bound before this line: did you mean 'skb'?",
                   "5:11: name 'seg' is not bound before this line: did you mean 'segs'?",
                   "6:11: name 'sk' is not bound before this line", "7:11: name 'skb_head' is not bound before this line",
                   "9:11: name 's59' is not bound before this line", "11:11: name 'y12' is not bound before this line: did you mean 'x12'?"]),
    .init(name: "name bound twice", source: "a = alloc_skb(1)\na = alloc_skb(2)",
          errors: ["2:1: name 'a' is already bound (line 1)"]),
    .init(name: "binding a call that returns nothing", source: "a = alloc_skb(1)\nx = kfree_skb(a)",
          errors: ["2:1: kfree_skb returns nothing to bind"]),
    .init(name: "a name bound to a call that returns nothing is bound all the same",
          source: "a = alloc_skb(1)\nx = kfree_skb(a)\nskb_put(x, 1)\nx = alloc_skb(1)",
          errors: ["2:1: kfree_skb returns nothing to bind", "4:1: name 'x' is already bound (line 2)"]),
    .init(name: "a name bound twice is that error alone, whatever the call returns",
          source: "a = alloc_skb(1)\na = skb_put(a, 1)",
          errors: ["2:1: name 'a' is already bound (line 1)"]),
    .init(name: "unbound alloc_page", source: "  alloc_page()",
          errors: ["1:3: alloc_page() must be bound to a name (p = alloc_page()): a page's id is its name"]),
    .init(name: "list without an index", source: "a = alloc_skb(1)\ng = skb_segment(a, 1, 0)\nkfree_skb(g)",
          errors: ["3:11: 'g' is a list of skbs: name one of them, as g[0]"]),
    .init(name: "index on a name that is not a list", source: "a = alloc_skb(1)\nkfree_skb(a[0])",
          errors: ["2:11: 'a' is not a list: it takes no index"]),
    .init(name: "segs[0] = … is a call of an unknown segs", source: "a = alloc_skb(1)\nsegs[0] = skb_clone(a)",
          errors: ["2:1: unknown call 'segs'"]),
    .init(name: "several errors in line and column order",
          source: "x = kfree_skb(5)\n\ttitle \"t\"\nb = alloc_skb(-3) # bound anyway\nkfree_skb(b)\nc = alloc_skb(1\nkfree_skb(c)\ntitle \"u\"",
          errors: ["1:1: kfree_skb returns nothing to bind", "1:15: argument 1 of kfree_skb must be an skb, not an integer", "3:15: argument 1 of alloc_skb may not be negative", "5:15: syntax error: expected ')' to close alloc_skb(", "6:11: name 'c' is not bound before this line", "7:1: title given twice (first at line 2)"]),
]

@Suite struct ReadingErrorTests {
    @Test(arguments: readingCases)
    func reportsEveryErrorAndRunsNothing(_ c: ReadingCase) {
        let r = run(c.source)
        #expect(r.readingErrors == c.errors)
        #expect(r.records.isEmpty)
    }

    /// Swapped, dropped, added and changed letters count one edit each; more than two name
    /// nothing; a tie goes to the call listed first.
    @Test func theNearestCallIsAtMostTwoEditsAway() {
        #expect(CallName.nearest(to: "skb_reserv") == .skbReserve)
        #expect(CallName.nearest(to: "kfree_sbk") == .kfreeSkb)
        #expect(CallName.nearest(to: "skb_clones") == .skbClone)
        #expect(CallName.nearest(to: "pskb_expnad_haed") == .pskbExpandHead)
        #expect(CallName.nearest(to: "skb_pu") == .skbPut)
        #expect(CallName.nearest(to: "skb_frobnicate") == nil)
        #expect(CallName.nearest(to: "skb_gett_pg") == nil)
        #expect(CallName.nearest(to: "") == nil)
    }

    /// The errors whose next step the viewer's prompt says carry what they are about: an
    /// unbound name (also as a list), a call's arguments (their count, one of them, or no
    /// parentheses), a word that is no call (with the call it is near, if any); the others none.
    @Test func readingErrorsSayWhatTheyAreAbout() {
        let p = Parser.parse(src(
            "a = alloc_skb(64)",
            "skb_put(b, 1)",
            "kfree_skb(g[0])",
            "skb_clone(a, 1)",
            "skb_put(a, -1)",
            "skb_get a",
            "skb_gett(a)",
            "frobnicate(a)",
            "a = alloc_skb(1)"), file: "t.skb")
        #expect(p.errors.map(\.subject) == [
            .unboundName("b"), .unboundName("g"), .arguments(.skbClone), .arguments(.skbPut), .arguments(.skbGet),
            .unknownCall(nearest: .skbGet), .unknownCall(nearest: nil), nil,
        ])
    }

    /// Only the first 100 errors look for a near bound name: each looks at every name, and a
    /// broken generated file of 100,000 calls took minutes to read with a look for each.
    @Test func onlyTheFirstHundredErrorsNameANearName() {
        let p = Parser.parse(src(["skb = alloc_skb(1)"] + Array(repeating: "kfree_skb(sbk)", count: 101)), file: "t.skb")
        #expect(p.errors.count == 101)
        #expect(p.errors.first?.message == "name 'sbk' is not bound before this line: did you mean 'skb'?")
        #expect(p.errors.last?.message == "name 'sbk' is not bound before this line")
    }

    /// A byte that is not UTF-8 says so, with its value.
    @Test func aByteThatIsNotUTF8() {
        let p = Parser.parse(bytes: Array("a = alloc_skb(1)".utf8) + [0xFF], file: "t.skb")
        #expect(p.errors.map(\.message) == ["syntax error: unexpected byte 0xff outside a string or comment: not UTF-8"])
    }

    @Test func boundariesThatAreNotReadingErrors() {
        let p = Parser.parse(src(
            "a = alloc_skb(2147483647)",
            "pskb_expand_head(a, -2147483647, -0)",
            "b = alloc_skb(-0)"), file: "t.skb")
        #expect(p.errors == [])
        #expect(p.calls.map(\.arguments.count) == [1, 3, 1])
        #expect(p.calls[1].arguments.map(\.value) == [.name("a"), .integer(-2147483647), .integer(0)])
        #expect(p.calls[2].arguments[0].value == .integer(0))
    }
}
