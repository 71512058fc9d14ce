import Testing
import VizModel

/// Step texts that name the kernel function, field or macro at that point of the code, pinned
/// where an earlier text named another one (2.6.28 `net/core/skbuff.c` and `skbuff.h`, the seed
/// patch, 3.1's and 4.14.5's `skbuff.c`).
@Suite struct KernelWordsTests {
    /// The texts of call `op`'s steps.
    static func texts(_ r: ScenarioResult, _ op: Int) -> [String] { r.records[op - 1].steps.map(\.text) }

    /// `__alloc_skb`: `kmem_cache_alloc_node`, `kmalloc_node_track_caller`; the patch then sets
    /// `destructor`, `orig` and `len` in that order.
    @Test func allocSkbNamesItsAllocators() {
        let r = run(src("a = alloc_skb(200)", "f = alloc_skb_fclone(100)"), design: .origChain)
        #expect(Self.texts(r, 1) == [
            "skb = kmem_cache_alloc_node(skbuff_head_cache): s1",
            "data = kmalloc_node_track_caller(SKB_DATA_ALIGN(200) = 256 + sizeof(struct skb_shared_info)): d1",
            "users = 1; len = data_len = 0; head = data = tail = d1, end = head + 256",
            "shinfo: dataref = 1, nr_frags = 0, frag_list = NULL, destructor = NULL, orig = NULL, len = 256",
        ])
        #expect(Self.texts(r, 2).first == "skb = kmem_cache_alloc_node(skbuff_fclone_cache): s2 with its companion free, fclone_ref = 1")
    }

    /// `__skb_clone` sets the fields in this order: `len`, `data_len`, `cloned`, `nohdr`,
    /// `destructor`, then (after the pointers) `truesize` and `users`.
    @Test func skbCloneSetsFieldsInTheKernelsOrder() {
        let r = run(src("a = alloc_skb(64)", "b = skb_clone(a)"), design: .vanilla)
        #expect(Self.texts(r, 2)[1] == "__skb_clone: n->len = 0, n->data_len = 0; n->cloned = 1, n->nohdr = 0, n->destructor = NULL; truesize; n->users = 1")
    }

    /// Every step that puts frag pages says what each count goes from and to, a page in two
    /// slots dropping twice: `pskb_trim`'s `drop_pages` as `skb_release_data`'s loop.
    @Test func putPageStepsGiveTheCounts() {
        let r = run(src("a = alloc_skb(64)", "p = alloc_page()", "get_page(p)", "get_page(p)", "q = alloc_page()", "get_page(q)",
                        "skb_add_rx_frag(a, 0, p, 0, 100)", "skb_add_rx_frag(a, 1, q, 0, 100)", "skb_add_rx_frag(a, 2, p, 100, 100)",
                        "pskb_trim(a, 50)", "kfree_skb(a)"), design: .vanilla)
        #expect(Self.texts(r, 10).contains("drop_pages: put_page each later frag: q 2 → 1, p 3 → 2"))
        let s = run(src("a = alloc_skb(64)", "p = alloc_page()", "get_page(p)", "get_page(p)",
                        "skb_add_rx_frag(a, 0, p, 0, 100)", "skb_add_rx_frag(a, 1, p, 100, 100)", "kfree_skb(a)"), design: .vanilla)
        #expect(Self.texts(s, 7).contains("put_page each frag of d1: p 3 → 2, p 2 → 1"))
        // 4.14's skb_copy_ubufs puts the user pages the same way.
        let u = run(src("a = alloc_skb(64)", "p = alloc_page()", "get_page(p)", "get_page(p)",
                        "skb_add_rx_frag(a, 0, p, 0, 100)", "skb_add_rx_frag(a, 1, p, 100, 100)",
                        "set_data_destructor(a, vhost_zerocopy_callback)", "skb_orphan_frags(a)"), design: .msgZerocopy2017)
        #expect(Self.texts(u, 8).contains("put_page each user frag: p 3 → 2, p 2 → 1"))
    }

    /// `skb->destructor` runs in `skb_release_head_state`, which `skb_release_all` calls.
    @Test func skbDestructorRunsInReleaseHeadState() {
        let r = run(src("a = alloc_skb(64)", "skb_set_owner_w(a)", "kfree_skb(a)"), design: .vanilla)
        #expect(Self.texts(r, 3) == [
            "kfree_skb(a (s1)): users 1: __kfree_skb",
            "skb_release_head_state: skb->destructor(skb): sock_wfree(s1)",
            "skb_release_data(a (s1)) on d1: cloned 0: the only user, free the data",
            "kfree(skb->head): the head of d1",
            "kfree_skbmem(s1): kmem_cache_free(skbuff_head_cache)",
        ])
    }

    /// `skb_copy` copies the headroom too (`skb_copy_bits(skb, -headerlen, n->head, …)`);
    /// `pskb_copy` copies the head with `skb_copy_from_linear_data`, then sets `truesize`,
    /// `data_len`, `len` in that order.
    @Test func copiesNameTheirCopies() {
        let r = run(src("a = alloc_skb(200)", "skb_reserve(a, 64)", "skb_put(a, 54)", "p1 = alloc_page()",
                        "skb_add_rx_frag(a, 0, p1, 0, 100)", "c = skb_copy(a)", "n = pskb_copy(a)"), design: .vanilla)
        #expect(Self.texts(r, 6) == [
            "n = alloc_skb(end - head + data_len = 356): SKB_DATA_ALIGN → 384: s2, d2",
            "skb_reserve(n, 64); skb_put(n, 154); skb_copy_bits(skb, -64, n->head, 64 + 154): the headroom and all 154 bytes (linear, frags, frag_list) into n's head",
        ])
        #expect(Array(Self.texts(r, 7).prefix(2)) == [
            "n = alloc_skb(end - head = 256): s3, d3; skb_reserve(n, 64); skb_put(n, 54); skb_copy_from_linear_data: the 54 linear bytes",
            "n->truesize += 100; n->data_len = 100, n->len = 154",
        ])
    }

    /// `__pskb_pull_tail`'s `pull_pages` moves a frag's `page_offset`.
    @Test func pullPagesMovesPageOffset() {
        let r = run(src("a = alloc_skb(256)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 100)",
                        "pskb_may_pull(a, 40)"), design: .vanilla)
        #expect(Self.texts(r, 4).contains("pull_pages: p1 page_offset += 40, size → 60; nr_frags = 1"))
    }

    /// 4.14's `skb_release_data` drops the list with `kfree_skb_list` and frees the head with
    /// `skb_free_head`; its `pskb_expand_head` frees an uncloned skb's old head with `skb_free_head`.
    @Test func msgZerocopyNames414Calls() {
        let r = run(src("h = alloc_skb(64)", "m = alloc_skb(64)", "skb_frag_list_add(h, m)",
                        "pskb_expand_head(h, 0, 0)", "kfree_skb(h)"), design: .msgZerocopy2017)
        #expect(Self.texts(r, 4).contains("not skb_cloned: skb_free_head(skb), the head of d1: the frags and the frag_list move to d3 as they are, no zero-copy hook"))
        let release = Self.texts(r, 5)
        #expect(release.contains("kfree_skb_list(d3->frag_list): kfree_skb each of s2"))
        #expect(release.contains("skb_free_head(skb): kfree(skb->head), the head of d3"))
    }

    /// 3.1's `pskb_expand_head` takes its `fastpath` (`kfree(skb->head)`) when no other
    /// reference is on the head; macvtap sets `SKBTX_DEV_ZEROCOPY` before `destructor_arg`.
    @Test func ubuf2011NamesFastpathAndMacvtapOrder() {
        let r = run(src("a = alloc_skb(64)", "set_data_destructor(a, vhost_zerocopy_callback)", "pskb_expand_head(a, 0, 0)"),
                    design: .ubuf2011)
        #expect(Self.texts(r, 2) == [
            "macvtap: skb_shinfo(s1)->tx_flags |= SKBTX_DEV_ZEROCOPY; destructor_arg = u1 (vhost's ubuf_info, callback vhost_zerocopy_callback)",
        ])
        #expect(Self.texts(r, 3).contains("fastpath (no other reference on d1): kfree(skb->head), the head of d1: the frags and u1 move to d2 as they are, no zero-copy hook"))
    }

    /// `skb_zerocopy_notify_extend` keeps the tail's code: only a tail without
    /// `SO_EE_CODE_ZEROCOPY_COPIED` loses the COPIED of the range merged into it.
    @Test func notifyExtendSaysCopiedIsLostOnlyWhenItIs() {
        let copiedTwice = run(src("a = alloc_skb(64)", "p1 = alloc_page()", "skb_add_rx_frag(a, 0, p1, 0, 100)",
                                  "set_data_destructor(a, sock_zerocopy_callback)", "skb_orphan_frags_rx(a)",
                                  "b = alloc_skb(64)", "p2 = alloc_page()", "skb_add_rx_frag(b, 0, p2, 0, 100)",
                                  "set_data_destructor(b, sock_zerocopy_callback)", "skb_orphan_frags_rx(b)"),
                              design: .msgZerocopy2017)
        #expect(Self.texts(copiedTwice, 10).contains("sock_zerocopy_callback: skb_zerocopy_notify_extend: the tail [0..0] becomes [0..1]"))
        let copiedAfterZerocopy = run(src("a = alloc_skb(64)", "set_data_destructor(a, sock_zerocopy_callback)", "kfree_skb(a)",
                                          "b = alloc_skb(64)", "p2 = alloc_page()", "skb_add_rx_frag(b, 0, p2, 0, 100)",
                                          "set_data_destructor(b, sock_zerocopy_callback)", "skb_orphan_frags_rx(b)"),
                                      design: .msgZerocopy2017)
        #expect(Self.texts(copiedAfterZerocopy, 8).contains(
            "sock_zerocopy_callback: skb_zerocopy_notify_extend: the tail [0..0] becomes [0..1] (its code is kept: COPIED is lost)"))
    }
}
