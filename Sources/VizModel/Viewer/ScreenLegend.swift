/// The marks and words the viewer's screen uses, each with what it means: the end of the help
/// overlay, so that nothing on screen has to be guessed.
enum ScreenLegend {
    /// The rows for `options`' glyphs, those whose mark or meaning contain `filter`
    /// (case-insensitively).
    static func rows(options: ViewerOptions, filter: String) -> [(mark: String, meaning: String)] {
        let g = options.glyphs
        let arrow = "\(g.horizontal)\(g.horizontal)\(g.arrowHead)"
        let all: [(mark: String, meaning: String)] = [
            ("\(g.headroom) \(g.data) \(g.tailroom)",
             "a data buffer to scale: headroom, data (data to tail), tailroom; head, data, tail and end above it"),
            ("*", "what the step at the cursor changed (in colour: highlighted, without the *)"),
            ("\(g.arrowHead)", "the step at the cursor; the focused pane's title"),
            ("\(arrow) d2", "an sk_buff's data buffer (its head)"),
            ("orig \(arrow) d1", "the buffer this one holds a payload reference on (the orig chain)"),
            ("\(options.upMark) \(options.downMark)", "more lines above or below: Tab to the pane, then j/k"),
            (options.isASCII ? "!=" : "≠", "after d: an event or violation that the design before did not have"),
            ("payload-only", "dataref's upper half: references to the payload alone (skb_header_release, nohdr)"),
            ("header refs", "dataref's lower half minus the payload-only ones: references that use the header"),
            ("held by", "who holds a reference: a name of the scenario, a frag slot (d1 frags[0]), a frag_list, the running call"),
            ("zc  ubuf u1", "ubuf-2011, msg-zerocopy-2017: the buffer's zero-copy flag and the completion object (ubuf_info) its destructor_arg points at"),
            ("u1 … carried by", "a completion object: its callback, refcnt, whether it completed, the buffers carrying it"),
            ("← copy of p1", "a kernel page kN that skb_copy_ubufs allocated and copied the user page p1 into"),
            ("sk_error_queue", "MSG_ZEROCOPY: the completed send ranges waiting for user space, and sk_zckey"),
            ("freed", "an object freed by the step at the cursor, shown until the next step"),
            ("event", "what the kernel did: a destructor ran, an skb, a head or a page was freed"),
            ("VIOLATION", "a rule broken: a premature_destructor, a leak, a broken invariant"),
            ("note:", "the scenario's comment on the call at the cursor"),
        ]
        let f = filter.lowercased()
        return f.isEmpty ? all : all.filter { $0.mark.lowercased().contains(f) || $0.meaning.lowercased().contains(f) }
    }
}
