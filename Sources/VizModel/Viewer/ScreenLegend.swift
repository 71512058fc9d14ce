/// The marks and words the viewer's screen uses, each with what it means: the end of the help
/// overlay, so that nothing on screen has to be guessed; last, the designs the header names.
enum ScreenLegend {
    /// The rows for `options`' glyphs, spelled as they show (in ASCII under ASCII glyphs),
    /// those whose mark or meaning contain `filter` (case-insensitively), as shown.
    static func rows(options: ViewerOptions, filter: String) -> [(mark: String, meaning: String)] {
        let g = options.glyphs
        let arrow = "\(g.horizontal)\(g.horizontal)\(g.arrowHead)"
        let all: [(mark: String, meaning: String)] = [
            ("\(g.headroom) \(g.data) \(g.tailroom)",
             "a data buffer to scale: headroom, data (data to tail), tailroom; head, data, tail and end above it"),
            ("*", "what the step at the cursor changed (in colour: highlighted, without the *)"),
            ("\(g.arrowHead)", "the step at the cursor; the focused pane's title"),
            ("- s1", "an sk_buff the scenario has no name for (just allocated, or a result not assigned): its struct names it"),
            ("\(arrow) d2", "an sk_buff's data buffer (its head)"),
            ("orig \(arrow) d1", "the buffer this one holds a payload reference on (the orig chain)"),
            ("\(options.upMark) \(options.downMark)", "more lines above or below: Tab to the pane, then j/k"),
            (options.isASCII ? "!=" : "≠", "after d: an event or violation that the design before did not have"),
            ("payload-only", "dataref's upper half: references to the payload alone (skb_header_release, nohdr)"),
            ("header refs", "dataref's lower half minus the payload-only ones: references that use the header"),
            ("\(arrow) d2 (released)", "skb_release_data has dropped this skb's reference; the pointer stays until the struct is freed or moved"),
            ("\(arrow) d2 (freed)", "the buffer this skb still points at is gone (the skb is freed next)"),
            ("head (not set)", "a struct just allocated whose head the call has not set yet"),
            ("skb_cloned() 1", "what the kernel's skb_cloned() and skb_header_cloned() answer: cloned and a dataref (all, or header refs) other than 1"),
            ("in frags, in frag_list", "where data_len's bytes are: page frags, or the frag_list members' own lengths"),
            ("len 0, data_len 0", "in the middle of a call, a length whose parts are not set yet"),
            ("skb->destructor", "the sk_buff's own destructor (sock_wfree): runs when the struct is freed"),
            ("shinfo->destructor", "the data destructor of the patch (tun_free): runs when the data and every orig child are gone"),
            ("held by", "who holds a reference: a name of the scenario, a frag slot (d1 frags[0]), a frag_list, the running call"),
            ("held by b (full)", "under dataref: each skb on the buffer (full, or payload with nohdr) and each buffer on it through orig; they add up to dataref"),
            ("d2 via orig (payload)", "a child buffer's payload reference (orig-chain); pending: its child is freed and shinfo_put drops it at the next step"),
            ("tun_free waits for b, d2", "what the data destructor waits for: every holder of the buffer; (and through it for c): the skbs behind a holder that is a buffer (orig), down the chain"),
            ("(not initialised)", "a shinfo just kmalloc'd: nothing in it is a value yet"),
            ("(copied, not a reference)", "pskb_expand_head's memcpy of the old shinfo: dataref and orig hold the old buffer's values until set"),
            ("(released: …)", "skb_release_data let go of the last reference; the pages, frag_list and head go next"),
            ("\(options.leftArrow) d1.frags[0] (\(options.ellipsis))",
             "where a frag slot came from, newest hand-on first: the buffer and slot, and how: get_page (a page reference of its own), moved (the reference went with it: skb_split, or the zero-copy designs' pskb_expand_head of an skb not cloned), memcpy (pskb_expand_head's copy of the shinfo, before its get_page)"),
            ("(owns no page ref)", "a frag slot without a page reference: memcpy'd by pskb_expand_head before its get_page, or put by skb_release_data (the slot stays until the head is freed)"),
            ("zc  ubuf u1", "ubuf-2011, msg-zerocopy-2017: the buffer's zero-copy flag and the completion object (ubuf_info) its destructor_arg points at"),
            ("u1 … carried by", "a completion object: its callback, refcnt, whether it completed, the buffers carrying it, each with the skbs on it (d1 (a, b))"),
            ("\(options.leftArrow) copy of p1", "a kernel page kN that skb_copy_ubufs allocated and copied the user page p1 into"),
            ("sk_error_queue", "MSG_ZEROCOPY: the completed send ranges waiting for user space, and sk_zckey"),
            ("freed", "an object freed by the step at the cursor, shown until the next step"),
            ("event", "what the kernel did: a destructor ran, an skb, a head or a page was freed"),
            (options.destructorMark, "a data destructor fired (shinfo->destructor, or a zero-copy completion callback): x/X go there"),
            ("other designs:", "when the same data destructor fires under the other designs of the family (2008, or zero-copy)"),
            (options.selectionMark, "the objects pane's cursor (Enter puts it on an object): [ ] its last/next change, t every step that changed it"),
            ("VIOLATION", "a rule broken: a premature_destructor, a leak, a broken invariant"),
            ("\(options.upMark) premature_\(options.ellipsis)",
             "under a frag slot the violation names: the data destructor (premature_completion: the completion callback) of its page ran while the slot still holds it, and how the page left that buffer"),
            ("note:", "the scenario's comment on the call at the cursor"),
        ] + Design.allCases.map { d in
            (d.rawValue, "design (the header's last word): \(d.summary)")
        }
        let shown = all.map { (mark: options.text($0.mark), meaning: options.text($0.meaning)) }
        let f = HelpFilter(filter)
        return f.isEmpty ? shown : shown.filter { f.matches($0.mark, $0.meaning) }
    }
}
