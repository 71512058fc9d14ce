extension Machine {
    /// `alloc_skb(size)` / `alloc_skb_fclone(size)` as a call of its own: four steps.
    mutating func allocSkb(size: Int, fclone: Bool) throws(KernelError) -> Int {
        let fn = fclone ? "alloc_skb_fclone" : "alloc_skb"
        let aligned = try alignedSize(size, in: fn, argument: .size)
        if fclone {
            begin(say("skb = kmem_cache_alloc_node(skbuff_fclone_cache): s\(state.counters.lastSkb + 1) with its companion free, fclone_ref = 1"))
        } else {
            begin(say("skb = kmem_cache_alloc_node(skbuff_head_cache): s\(state.counters.lastSkb + 1)"))
        }
        let id = newSkb(data: 0, size: 0, fclone: fclone ? .orig : .none)
        begin(say("data = kmalloc_node_track_caller(SKB_DATA_ALIGN(\(size)) = \(aligned) + sizeof(struct skb_shared_info)): d\(state.counters.lastData + 1)"))
        let d = newBuffer(size: aligned)
        updateBuffer(d) {
            $0.dataref = 0
            $0.shinfo = .notInitialised
        }
        updateSkb(id) { $0.data = d }
        begin(say("users = 1; len = data_len = 0; head = data = tail = d\(d), end = head + \(aligned)"))
        updateSkb(id) {
            $0.tailroom = aligned
            $0.truesize = aligned
        }
        begin(say(design.hasDataDestructor
              ? "shinfo: dataref = 1, nr_frags = 0, frag_list = NULL, destructor = NULL, orig = NULL, len = \(aligned)"
              : "shinfo: dataref = 1, nr_frags = 0, frag_list = NULL"))
        updateBuffer(d) {
            $0.dataref = 1
            $0.shinfo = .live
        }
        return id
    }

    /// `alloc_skb` inside another call (`skb_copy`, `pskb_copy`, `skb_segment`): one change, in the open step.
    mutating func allocInline(size: Int) -> Int {
        let aligned = Kernel.dataAlign(size)
        let id = newSkb(data: 0, size: aligned)
        let d = newBuffer(size: aligned)
        updateSkb(id) { $0.data = d }
        return id
    }

    /// `SKB_DATA_ALIGN(size)`, refused above the model's 16 MiB limit; `fn`, the caller's name for
    /// the message, is built only for an error.
    func alignedSize(_ size: Int, in fn: @autoclosure () -> String, argument: Parameter?) throws(KernelError) -> Int {
        let aligned = Kernel.dataAlign(size)
        guard aligned <= Kernel.maxBufferSize else {
            throw KernelError("\(fn()): a buffer of SKB_DATA_ALIGN(\(size)) = \(aligned) bytes is above the model's limit of 16 MiB (16777216 bytes)", argument: argument)
        }
        return aligned
    }

    /// `alloc_page()`: a page with count 1, held by the scenario.
    /// `name`, the scenario's name for it, is for the step's text only: the binding names the
    /// page once the call is done.
    mutating func allocPage(_ name: String?) -> Int {
        begin(say("\(name ?? "page") = alloc_page(): count 1, held by the scenario"))
        return newPage()
    }

    /// `get_page(p)` by the scenario: one more reference, held by it.
    mutating func scenarioGetPage(_ id: Int) {
        let count = state.pages[id]!.count
        begin(say("get_page(\(pageRef(id))): count \(count) → \(count + 1)"))
        updatePage(id) {
            $0.count += 1
            $0.held += 1
        }
    }

    /// `put_page(p)` by the scenario: gives back one of its references.
    mutating func scenarioPutPage(_ id: Int) throws(KernelError) {
        let page = state.pages[id]!
        guard page.held > 0 else {
            throw KernelError("put_page(\(pageRef(id))): the scenario holds no reference to this page\(lastPageReference(id))", argument: .page)
        }
        begin(say(page.count == 1 ? "put_page(\(pageRef(id))): count 1 → 0: the page is freed"
                                  : "put_page(\(pageRef(id))): count \(page.count) → \(page.count - 1)"))
        updatePage(id) { $0.held -= 1 }
        if call != nil, page.held == 1, page.count > 1 { remember(pageRef(id)) }
        putPage(id)
    }

    /// `: it gave up its last at line 3 by skb_add_rx_frag(a, 0, p, 0, 10)`, where the
    /// scenario's last reference to a live page went, if a call recorded it.
    func lastPageReference(_ id: Int) -> String {
        state.freed[pageRef(id)].map { ": it gave up its last \($0.described)" } ?? ""
    }
}
