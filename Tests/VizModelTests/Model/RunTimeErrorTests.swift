import Testing
import VizModel

/// One failing call: the lines before it, the call, and the error it must give.
struct RunTimeCase: CustomTestStringConvertible, Sendable {
    var name: String
    var lines: [String]
    /// `LINE:COLUMN: MESSAGE`.
    var error: String
    var testDescription: String { name }
}

private let withFrag = ["a = alloc_skb(100)", "skb_put(a, 20)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 100)"]
private let clonedAndShared = withFrag + ["b = skb_clone(a)", "skb_get(a)"]
private let twoSegments = ["a = alloc_skb(100)", "skb_put(a, 100)", "g = skb_segment(a, 50, 0)"]
private let shortMember = ["a = alloc_skb(100)", "m = alloc_skb(100)", "skb_put(m, 50)", "skb_get(m)",
                           "skb_frag_list_add(a, m)", "pskb_trim(m, 10)"]
private let hugeList = ["a = alloc_skb(64)", "m1 = alloc_skb(10000000)", "skb_put(m1, 10000000)",
                        "m2 = alloc_skb(10000000)", "skb_put(m2, 10000000)",
                        "skb_frag_list_add(a, m1)", "skb_frag_list_add(a, m2)"]
/// `m` on `a`'s `frag_list`, which `pskb_copy` shares with `c`.
private let sharedMember = ["a = alloc_skb(10)", "m = alloc_skb(10)", "skb_frag_list_add(a, m)", "c = pskb_copy(a)"]
/// `x8`'s `frag_list` holds `x7` and its clone, each holding `x6` and its clone, … down to
/// `x0` of 16 MiB: its `len` doubles at each level, to 2^32 at the last add.
private let doublingLists = ["x0 = alloc_skb(16777216)", "skb_put(x0, 16777216)"]
    + (0..<8).flatMap { k in ["c\(k) = skb_clone(x\(k))", "x\(k + 1) = alloc_skb(1)", "skb_frag_list_add(x\(k + 1), x\(k))", "skb_frag_list_add(x\(k + 1), c\(k))"] }
private let eighteenFrags = ["a = alloc_skb(10)", "p = alloc_page()"]
    + Array(repeating: "get_page(p)", count: 18)
    + (0..<18).map { "skb_add_rx_frag(a, \($0), p, 0, 10)" }

let runTimeCases: [RunTimeCase] = [
    // Named objects: the argument.
    .init(name: "use after free (skb)", lines: ["a = alloc_skb(10)", "kfree_skb(a)", "skb_put(a, 1)"],
          error: "3:9: use after free: a (s1) was freed at line 2 by kfree_skb(a)"),
    .init(name: "use after free (page)", lines: ["p = alloc_page()", "put_page(p)", "get_page(p)"],
          error: "3:10: use after free: page p was freed at line 2 by put_page(p)"),
    .init(name: "use after free (list element)", lines: twoSegments + ["kfree_skb(g[1])", "skb_get(g[1])"],
          error: "5:9: use after free: g[1] (s3) was freed at line 4 by kfree_skb(g[1])"),
    .init(name: "list index out of range", lines: twoSegments + ["kfree_skb(g[2])"],
          error: "4:11: g[2]: skb_segment gave g only 2 segments"),
    .init(name: "list index past 2147483647", lines: twoSegments + ["kfree_skb(g[3000000000])"],
          error: "4:11: g[an index past 2147483647]: skb_segment gave g only 2 segments"),
    .init(name: "skb moved to a frag_list", lines: ["a = alloc_skb(10)", "b = alloc_skb(10)", "skb_frag_list_add(a, b)", "kfree_skb(b)"],
          error: "4:11: b (s2) is on d1's frag_list: the scenario gave up its last reference to it at line 3 by skb_frag_list_add(a, b)"),
    .init(name: "skb given back while users > 1",
          lines: ["a = alloc_skb(10)", "skb_get(a)", "b = alloc_skb(10)", "skb_frag_list_add(b, a)", "kfree_skb(a)", "skb_orphan(a)"],
          error: "6:12: a (s1) is on d2's frag_list: the scenario gave up its last reference to it at line 5 by kfree_skb(a)"),
    .init(name: "skb on a frag_list pskb_copy shares", lines: sharedMember + ["skb_get(m)"],
          error: "5:9: m (s2) is on the frag_lists of d1 and d3: the scenario gave up its last reference to it at line 3 by skb_frag_list_add(a, m)"),
    .init(name: "skb on a shared frag_list whose first holder is gone", lines: sharedMember + ["kfree_skb(a)", "skb_get(m)"],
          error: "6:9: m (s2) is on d3's frag_list: the scenario gave up its last reference to it at line 3 by skb_frag_list_add(a, m)"),
    .init(name: "put_page of a page not held", lines: ["a = alloc_skb(10)", "p = alloc_page()", "skb_add_rx_frag(a, 0, p, 0, 10)", "put_page(p)"],
          error: "4:10: put_page(p): the scenario holds no reference to this page: it gave up its last at line 3 by skb_add_rx_frag(a, 0, p, 0, 10)"),
    .init(name: "put_page of a page given back while a frag holds it",
          lines: ["a = alloc_skb(10)", "p = alloc_page()", "get_page(p)", "skb_add_rx_frag(a, 0, p, 0, 10)", "put_page(p)", "put_page(p)"],
          error: "6:10: put_page(p): the scenario holds no reference to this page: it gave up its last at line 5 by put_page(p)"),
    .init(name: "skb_add_rx_frag of a page not held", lines: ["a = alloc_skb(10)", "p = alloc_page()", "skb_add_rx_frag(a, 0, p, 0, 10)", "skb_add_rx_frag(a, 1, p, 0, 10)"],
          error: "4:23: skb_add_rx_frag(a (s1)): the scenario holds no reference to page p to hand over: it gave up its last at line 3 by skb_add_rx_frag(a, 0, p, 0, 10): get_page(p) first gives it one"),
    // Checks on values: the argument holding the value; other checks: the call's name.
    .init(name: "skb_reserve on a non-empty skb", lines: ["a = alloc_skb(10)", "skb_put(a, 1)", "skb_reserve(a, 1)"],
          error: "3:1: skb_reserve(a (s1), 1): the skb is not empty (len 1); skb_reserve is for an empty skb"),
    .init(name: "skb_reserve past the tailroom", lines: ["a = alloc_skb(10)", "skb_reserve(a, 65)"],
          error: "2:16: skb_reserve(a (s1), 65): only 64 bytes of tailroom"),
    .init(name: "SKB_LINEAR_ASSERT", lines: withFrag + ["skb_put(a, 1)"],
          error: "5:1: BUG: SKB_LINEAR_ASSERT in skb_put: a (s1) is nonlinear (data_len 100)"),
    .init(name: "skb_over_panic", lines: ["a = alloc_skb(10)", "skb_put(a, 65)"],
          error: "2:12: skb_over_panic: skb_put(a (s1), 65) with tailroom 64 (len 0)"),
    .init(name: "skb_under_panic", lines: ["a = alloc_skb(10)", "skb_push(a, 1)"],
          error: "2:13: skb_under_panic: skb_push(a (s1), 1) with headroom 0"),
    .init(name: "skb_pull into the frags", lines: withFrag + ["skb_pull(a, 21)"],
          error: "5:13: BUG: skb->len < skb->data_len in __skb_pull(a (s1), 21): headlen 20, data_len 100"),
    .init(name: "skb_add_rx_frag i != nr_frags", lines: ["a = alloc_skb(10)", "p = alloc_page()", "skb_add_rx_frag(a, 1, p, 0, 10)"],
          error: "3:20: skb_add_rx_frag(a (s1)): i must be nr_frags (0), not 1"),
    .init(name: "MAX_SKB_FRAGS", lines: eighteenFrags + ["skb_add_rx_frag(a, 18, p, 0, 10)"],
          error: "39:20: skb_add_rx_frag(a (s1)): nr_frags is already MAX_SKB_FRAGS (18)"),
    .init(name: "off + size past PAGE_SIZE", lines: ["a = alloc_skb(10)", "p = alloc_page()", "skb_add_rx_frag(a, 0, p, 4000, 97)"],
          error: "3:32: skb_add_rx_frag(a (s1)): off + size = 4097 is past PAGE_SIZE (4096)"),
    .init(name: "frag size 0", lines: ["a = alloc_skb(10)", "p = alloc_page()", "skb_add_rx_frag(a, 0, p, 0, 0)"],
          error: "3:29: skb_add_rx_frag(a (s1)): size must be above 0"),
    .init(name: "frag_list_add of s to itself", lines: ["a = alloc_skb(10)", "skb_frag_list_add(a, a)"],
          error: "2:22: skb_frag_list_add: a (s1) cannot be put on its own frag_list"),
    .init(name: "frag_list_add of a member", lines: ["a = alloc_skb(10)", "b = alloc_skb(10)", "m = alloc_skb(10)", "skb_get(m)",
                                                     "skb_frag_list_add(a, m)", "skb_frag_list_add(b, m)"],
          error: "6:22: skb_frag_list_add: m (s3) is already on a frag_list"),
    .init(name: "frag_list_add of a clone of s", lines: ["a = alloc_skb(10)", "b = skb_clone(a)", "skb_frag_list_add(a, b)"],
          error: "3:22: skb_frag_list_add: a (s1)'s buffer d1 can be reached from b (s2): the frag_list would contain itself"),
    .init(name: "frag_list_add to a list shared with another buffer",
          lines: ["a = alloc_skb(10)", "m = alloc_skb(10)", "skb_frag_list_add(a, m)", "c = pskb_copy(a)", "x = alloc_skb(10)", "skb_frag_list_add(c, x)"],
          error: "6:19: skb_frag_list_add: the last member s2 of c (s3)'s frag_list is also on another buffer's list: appending would change both"),
    .init(name: "skb_header_release twice", lines: ["a = alloc_skb(10)", "skb_header_release(a)", "skb_header_release(a)"],
          error: "3:1: BUG: BUG_ON(skb->nohdr) in skb_header_release(a (s1))"),
    .init(name: "pskb_expand_head nhead < 0", lines: ["a = alloc_skb(10)", "pskb_expand_head(a, -1, 0)"],
          error: "2:21: BUG: BUG_ON(nhead < 0) in pskb_expand_head: nhead -1"),
    .init(name: "pskb_expand_head nhead written - 1", lines: ["a = alloc_skb(10)", "pskb_expand_head(a, - 1, 0)"],
          error: "2:21: BUG: BUG_ON(nhead < 0) in pskb_expand_head: nhead -1"),
    .init(name: "pskb_expand_head ntail < 0", lines: ["a = alloc_skb(10)", "pskb_expand_head(a, 0, -1)"],
          error: "2:24: pskb_expand_head: ntail -1 may not be negative"),
    .init(name: "pskb_expand_head shared", lines: ["a = alloc_skb(10)", "skb_get(a)", "pskb_expand_head(a, 0, 0)"],
          error: "3:1: BUG: skb_shared(a (s1)) in pskb_expand_head: users 2"),
    .init(name: "__pskb_pull_tail past data_len", lines: withFrag + ["__pskb_pull_tail(a, 101)"],
          error: "5:21: BUG: skb_copy_bits failed in __pskb_pull_tail: delta 101 but a (s1) has data_len 100"),
    .init(name: "__pskb_pull_tail past the bytes held", lines: shortMember + ["__pskb_pull_tail(a, 30)"],
          error: "7:21: BUG: skb_copy_bits failed in __pskb_pull_tail: the frags and frag_list of a (s1) hold fewer than delta 30 bytes"),
    .init(name: "__pskb_pull_tail shared", lines: clonedAndShared + ["__pskb_pull_tail(a, 10)"],
          error: "7:21: BUG: skb_shared(a (s1)) in pskb_expand_head (called by __pskb_pull_tail): users 2"),
    .init(name: "pskb_may_pull shared", lines: clonedAndShared + ["pskb_may_pull(a, 30)"],
          error: "7:18: BUG: skb_shared(a (s1)) in pskb_expand_head (called by __pskb_pull_tail): users 2"),
    .init(name: "pskb_pull shared", lines: clonedAndShared + ["pskb_pull(a, 30)"],
          error: "7:14: BUG: skb_shared(a (s1)) in pskb_expand_head (called by __pskb_pull_tail): users 2"),
    .init(name: "skb_linearize shared", lines: clonedAndShared + ["skb_linearize(a)"],
          error: "7:1: BUG: skb_shared(a (s1)) in pskb_expand_head (called by __pskb_pull_tail): users 2"),
    .init(name: "skb_copy past the bytes held", lines: shortMember + ["c = skb_copy(a)"],
          error: "7:5: BUG: skb_copy_bits failed in skb_copy: the linear part, frags and frag_list of a (s1) hold fewer than its len 50 bytes"),
    .init(name: "pskb_trim shared", lines: clonedAndShared + ["pskb_trim(a, 50)"],
          error: "7:1: BUG: skb_shared(a (s1)) in pskb_expand_head (called by ___pskb_trim): users 2"),
    .init(name: "skb_split t is s", lines: withFrag + ["skb_split(a, a, 10)"],
          error: "5:14: skb_split: skb1 must be another skb than skb (both are a (s1)): give an empty skb of its own"),
    .init(name: "skb_split t not empty", lines: withFrag + ["b = alloc_skb(10)", "skb_put(b, 1)", "skb_split(a, b, 10)"],
          error: "7:14: skb_split: b (s2) must be empty (len 1, nr_frags 0, no frag_list)"),
    .init(name: "skb_split t shares s's buffer", lines: ["a = alloc_skb(100)", "b = skb_clone(a)", "skb_put(a, 50)", "skb_split(a, b, 10)"],
          error: "4:14: skb_split: b (s2) shares a (s1)'s buffer d1"),
    .init(name: "skb_split t lacks tailroom", lines: ["a = alloc_skb(100)", "skb_put(a, 100)", "b = alloc_skb(10)", "skb_split(a, b, 10)"],
          error: "4:14: skb_over_panic: skb_put(b (s2), 90) with tailroom 64 (len 0) in skb_split"),
    .init(name: "skb_split len 0", lines: withFrag + ["b = alloc_skb(10)", "skb_split(a, b, 0)"],
          error: "6:17: skb_split(a (s1), b (s2), 0): len must be above 0 and below skb->len 120"),
    .init(name: "skb_split len = s.len", lines: withFrag + ["b = alloc_skb(10)", "skb_split(a, b, 120)"],
          error: "6:17: skb_split(a (s1), b (s2), 120): len must be above 0 and below skb->len 120"),
    .init(name: "skb_split with a frag_list", lines: ["a = alloc_skb(100)", "skb_put(a, 20)", "m = alloc_skb(10)", "skb_put(m, 5)",
                                                      "skb_frag_list_add(a, m)", "b = alloc_skb(10)", "skb_split(a, b, 10)"],
          error: "7:1: skb_split: a (s1) has a frag_list, which skb_split does not handle"),
    .init(name: "skb_segment mss 0", lines: withFrag + ["g = skb_segment(a, 0, 0)"],
          error: "5:20: skb_segment(a (s1)): mss must be above 0"),
    .init(name: "skb_segment doffset past headroom", lines: withFrag + ["g = skb_segment(a, 10, 1)"],
          error: "5:24: skb_segment(a (s1)): doffset 1 is more than the headroom 0: the headers must lie before data"),
    .init(name: "skb_segment BUG_ON(i >= nfrags)", lines: ["a = alloc_skb(100)", "m = alloc_skb(10)", "skb_put(m, 5)", "skb_frag_list_add(a, m)", "g = skb_segment(a, 10, 0)"],
          error: "5:5: BUG: BUG_ON(i >= nfrags) in skb_segment: 5 bytes of a (s1) lie beyond its page frags (frag_list)"),
    // Model limits.
    .init(name: "more than 4000 segments", lines: ["a = alloc_skb(5000)", "skb_put(a, 4001)", "g = skb_segment(a, 1, 0)"],
          error: "3:5: skb_segment(a (s1)): 4001 segments is above the model's limit of 4000"),
    .init(name: "alloc_skb above 16 MiB", lines: ["a = alloc_skb(16777217)"],
          error: "1:15: alloc_skb: a buffer of SKB_DATA_ALIGN(16777217) = 16777280 bytes is above the model's limit of 16 MiB (16777216 bytes)"),
    .init(name: "alloc_skb_fclone above 16 MiB", lines: ["a = alloc_skb_fclone(16777217)"],
          error: "1:22: alloc_skb_fclone: a buffer of SKB_DATA_ALIGN(16777217) = 16777280 bytes is above the model's limit of 16 MiB (16777216 bytes)"),
    .init(name: "pskb_expand_head above 16 MiB", lines: ["a = alloc_skb(16777216)", "pskb_expand_head(a, 64, 0)"],
          error: "2:1: pskb_expand_head: a buffer of SKB_DATA_ALIGN(16777280) = 16777280 bytes is above the model's limit of 16 MiB (16777216 bytes)"),
    .init(name: "skb_copy above 16 MiB", lines: ["a = alloc_skb(16777216)", "p = alloc_page()", "skb_add_rx_frag(a, 0, p, 0, 100)", "c = skb_copy(a)"],
          error: "4:5: skb_copy: a buffer of SKB_DATA_ALIGN(16777316) = 16777344 bytes is above the model's limit of 16 MiB (16777216 bytes)"),
    .init(name: "skb_frag_list_add past an unsigned int of len", lines: doublingLists,
          error: "34:23: skb_frag_list_add: len of x8 (s17) would be 2147483648 + 2147483648 = 4294967296, above the model's limit of 4294967295 (an unsigned int in the kernel)"),
    .init(name: "__pskb_pull_tail above 16 MiB", lines: hugeList + ["__pskb_pull_tail(a, 20000000)"],
          error: "8:21: pskb_expand_head (called by __pskb_pull_tail): a buffer of SKB_DATA_ALIGN(20000128) = 20000128 bytes is above the model's limit of 16 MiB (16777216 bytes)"),
    .init(name: "pskb_pull above 16 MiB", lines: hugeList + ["pskb_pull(a, 20000000)"],
          error: "8:14: pskb_expand_head (called by __pskb_pull_tail): a buffer of SKB_DATA_ALIGN(20000128) = 20000128 bytes is above the model's limit of 16 MiB (16777216 bytes)"),
    .init(name: "pskb_may_pull above 16 MiB", lines: hugeList + ["pskb_may_pull(a, 20000000)"],
          error: "8:18: pskb_expand_head (called by __pskb_pull_tail): a buffer of SKB_DATA_ALIGN(20000128) = 20000128 bytes is above the model's limit of 16 MiB (16777216 bytes)"),
    .init(name: "skb_linearize above 16 MiB", lines: hugeList + ["skb_linearize(a)"],
          error: "8:1: pskb_expand_head (called by __pskb_pull_tail): a buffer of SKB_DATA_ALIGN(20000128) = 20000128 bytes is above the model's limit of 16 MiB (16777216 bytes)"),
]

@Suite struct RunTimeErrorTests {
    @Test(arguments: runTimeCases)
    func failsWithItsMessageAndChangesNothing(_ c: RunTimeCase) {
        // The run stops at the failing call, with the state of the calls before it.
        let r = run(c.lines.joined(separator: "\n"))
        let before = run(c.lines.dropLast().joined(separator: "\n"))
        #expect(before.completed)
        #expect(r.failure.map { "\($0.line):\($0.column): \($0.message)" } == c.error)
        #expect(r.failure?.op == c.lines.count)
        #expect(r.final == before.final)

        // Going on after the failure: the state is untouched and the next allocation takes the
        // ids it would have taken without the failed call.
        let (failures, state) = runThroughFailures((c.lines + ["zz = alloc_skb(8)"]).joined(separator: "\n"))
        #expect(failures == [c.error])
        let nextSkb = before.final.counters.lastSkb + 1
        #expect(state.bindings["zz"] == .skb(nextSkb))
        #expect(state.skbs[nextSkb]?.data == before.final.counters.lastData + 1)
    }

    @Test func aFailedNestedCallAllocatesNothing() {
        // pskb_trim would clone the shared member (an s) after expanding a (a d): the shared
        // check on a fails first, so neither id is taken.
        let (failures, state) = runThroughFailures(src(
            "a = alloc_skb(100)", "skb_put(a, 20)", "m = alloc_skb(100)", "skb_put(m, 50)", "skb_get(m)",
            "skb_frag_list_add(a, m)", "b = skb_clone(a)", "skb_get(a)",
            "pskb_trim(a, 30)",
            "kfree_skb(a)",
            "pskb_trim(a, 30)",
            "z = alloc_skb(1)"))
        #expect(failures == ["9:1: BUG: skb_shared(a (s1)) in pskb_expand_head (called by ___pskb_trim): users 2"])
        // The successful trim took d3 (expand) and s4 (clone of m, shared by the old and the
        // new buffer's lists and the scenario): z is s5 on d4.
        #expect(state.bindings["z"] == .skb(5))
        #expect(state.skbs[5]?.data == 4)
        #expect(state.skbs[2]?.users == 2)
        #expect(state.skbs[4]?.name == nil)
        #expect(state.skbs[4]?.len == 10)
        #expect(state.data[3]?.fragList == [4])
    }
}
