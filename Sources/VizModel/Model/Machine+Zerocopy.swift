/// The zero-copy completions of the designs Linux shipped (model-later.md §3–§4): attaching a
/// `ubuf_info`, its callback and the checks made right after it, `skb_copy_ubufs` as 3.1 and
/// 4.14.0 wrote it, and 4.14's `skb_zcopy_*` / `sock_zerocopy_*` helpers.
extension Machine {
    // MARK: Objects

    mutating func updateUbuf(_ id: Int, _ change: (inout UbufInfo) -> Void) {
        touch(.ubuf(id))
        change(&state.ubufs[id]!)
    }

    mutating func updateSocket(_ change: (inout ZerocopySocket) -> Void) {
        touch(.socket)
        change(&state.socket)
    }

    /// The next completion object `uN`.
    private mutating func newUbuf(kind: UbufInfo.Kind, fn: String) -> Int {
        touch(.counters)
        state.counters.lastUbuf += 1
        let id = state.counters.lastUbuf
        touch(.ubuf(id))
        state.ubufs[id] = UbufInfo(id: id, kind: kind, fn: fn)
        return id
    }

    /// A new frag origin: what `skb_add_rx_frag` and `skb_copy_ubufs` give each slot they fill
    /// in a zero-copy design (0, none, in the others: nothing asks).
    mutating func newOrigin() -> Int {
        guard design.zerocopy != nil else { return 0 }
        touch(.counters)
        state.counters.lastOrigin += 1
        return state.counters.lastOrigin
    }

    /// A page the kernel allocates (`kN`) and copies the bytes of the user pages `copyOf`
    /// into: count 1, held by the running call until a frag slot takes it.
    private mutating func newKernelPage(copyOf: [Int]) -> Int {
        let id = newPage()
        state.counters.lastKernelPage += 1
        var page = state.pages[id]!
        page.held = 0
        page.inFlight = 1
        page.kernel = state.counters.lastKernelPage
        page.copyOf = copyOf
        state[.page(id)] = .page(page)
        return id
    }

    // MARK: Attach

    /// `set_data_destructor(s, fn)` in a zero-copy design: the owner of s's pages asks to be
    /// told when the stack is done with them, as macvtap (3.1), a MSG_ZEROCOPY send or
    /// tun/tap (4.14) attach a `ubuf_info` (model-later.md §3).
    mutating func attachUbuf(_ id: Int, _ fn: String, _ zerocopy: Design.Zerocopy) throws(KernelError) {
        let s = skb(id), b = buffer(s.data)
        let kind: UbufInfo.Kind = zerocopy == .copyOnShare ? .ubuf : fn == Kernel.msgZerocopyCallback ? .msg : .legacy
        if b.zc, let u = b.ubuf {
            throw KernelError(kind == .msg
                ? "set_data_destructor(\(s.label), \(fn)): the buffer \(b.ref) already carries u\(u): skb_zerocopy_iter_stream returns -EEXIST (TCP would start a new skb; not modelled)"
                : "set_data_destructor(\(s.label), \(fn)): the buffer \(b.ref) already carries u\(u) (the kernel attaches a ubuf_info once, to an skb it has just built)")
        }
        let next = state.counters.lastUbuf + 1
        switch kind {
        case .ubuf:
            begin(say("macvtap: skb_shinfo(\(s.ref))->tx_flags |= SKBTX_DEV_ZEROCOPY; destructor_arg = u\(next) (vhost's ubuf_info, callback \(fn))"))
        case .msg:
            begin(say("sock_zerocopy_alloc: u\(next), refcnt 1, id = sk_zckey = \(state.socket.zckey) (sk_zckey → \(state.socket.zckey + 1)), len 1, zerocopy 1"))
        case .legacy:
            begin(say("tun/tap: skb_shinfo(\(s.ref))->destructor_arg = u\(next) (vhost's ubuf_info, callback \(fn), refcnt 1); tx_flags |= SKBTX_ZEROCOPY_FRAG"))
        }
        let u = newUbuf(kind: kind, fn: fn)
        let origins = b.frags.map(\.origin)
        updateUbuf(u) {
            $0.userData = origins
            if kind != .ubuf { $0.refcnt = 1 }
        }
        if kind == .msg {
            let key = state.socket.zckey
            updateUbuf(u) {
                $0.lo = key
                $0.len = 1
                $0.zerocopy = true
            }
            updateSocket { $0.zckey += 1 }
            begin(say("skb_zcopy_set(\(s.ref), u\(u)): refcnt 1 → 2; tx_flags |= SKBTX_ZEROCOPY_FRAG"))
            updateUbuf(u) { $0.refcnt = 2 }
        }
        updateBuffer(b.id) {
            $0.zc = true
            $0.ubuf = u
        }
        if kind == .msg {
            begin(say("sock_zerocopy_put(u\(u)) at the end of the send: refcnt 2 → 1, held by \(b.ref) alone"))
            updateUbuf(u) { $0.refcnt = 1 }
        }
    }

    // MARK: Callbacks

    /// Runs the callback of completion object `u` (the open step takes its event), then the
    /// checks of model-later.md §7 made right after it.
    mutating func runCallback(_ u: Int, success: Bool?, via: CompletionVia) {
        let before = state.ubufs[u]!
        emit(.zerocopyCallback(ubuf: u, fn: before.fn, success: success, via: via))
        updateUbuf(u) { $0.completions += 1 }
        if before.completions > 0 {
            report(Violation(kind: .doubleCompletion,
                             message: "zerocopy completion \(before.ref) (\(before.fn)) ran \(before.completions + 1) times",
                             fields: [("ubuf", .id(before.ref))]))
        }
        if reports { for v in Checker.prematureCompletion(of: before, in: state) { report(v) } }
    }

    /// What a buffer's release does with its completion object: 3.1 calls back after the
    /// pages are put; 4.14 `skb_zcopy_clear(skb, true)` after the `frag_list` is dropped.
    mutating func releaseCompletion(of data: Int) {
        guard let zerocopy = design.zerocopy, let b = state.data[data], b.zc, let u = b.ubuf else { return }
        switch zerocopy {
        case .copyOnShare:
            begin(say("skb_release_data(\(b.ref)): SKBTX_DEV_ZEROCOPY: uarg->callback(uarg) = \(state.ubufs[u]!.fn)(u\(u))"))
            runCallback(u, success: nil, via: .release)
        case .refcounted:
            zcopyClear(data, ok: true, via: .release)
        }
    }

    /// 4.14 `skb_zcopy_clear(skb, ok)` on buffer `data`: a msg object is put (its callback
    /// runs at refcount 0), any other called back; then the flag goes.
    mutating func zcopyClear(_ data: Int, ok: Bool, via: CompletionVia) {
        guard let b = state.data[data], b.zc, let u = b.ubuf else { return }
        let info = state.ubufs[u]!
        if info.kind == .msg {
            let zerocopy = (info.zerocopy ?? true) && ok
            begin(say("skb_zcopy_clear(\(b.ref), \(ok)): u\(u).zerocopy = \(zerocopy ? 1 : 0); sock_zerocopy_put(u\(u)): refcnt \(info.refcnt ?? 0) → \((info.refcnt ?? 0) - 1)"))
            updateUbuf(u) {
                $0.zerocopy = zerocopy
                $0.refcnt = ($0.refcnt ?? 0) - 1
            }
            if (info.refcnt ?? 0) - 1 == 0 { sockZerocopyCallback(u, via: via) }
        } else {
            begin(say("skb_zcopy_clear(\(b.ref), \(ok)): uarg->callback(uarg, \(ok)) = \(info.fn)(u\(u))"))
            runCallback(u, success: ok, via: via)
        }
        begin(say("\(b.ref): tx_flags &= ~SKBTX_ZEROCOPY_FRAG"))
        updateBuffer(data) {
            $0.zc = false
            $0.ubuf = nil
        }
    }

    /// `sock_zerocopy_callback(u, u.zerocopy)` at refcount 0: the callback, then the
    /// notification, merged into the error queue's tail when its id follows it.
    private mutating func sockZerocopyCallback(_ u: Int, via: CompletionVia) {
        let info = state.ubufs[u]!
        let success = info.zerocopy ?? true
        runCallback(u, success: success, via: via)
        let lo = info.lo ?? 0, len = info.len ?? 1
        let hi = lo + len - 1
        let queue = state.socket.errqueue
        if let tail = queue.last, lo == tail.hi + 1, tail.hi - tail.lo + 1 + len < 1 << 32 {
            begin(say("sock_zerocopy_callback: skb_zerocopy_notify_extend: the tail [\(tail.lo)..\(tail.hi)] becomes [\(tail.lo)..\(tail.hi + len)]\(success || tail.copied ? "" : " (its code is kept: COPIED is lost)")"))
            updateSocket { $0.errqueue[$0.errqueue.count - 1].hi += len }
            emit(.zerocopyNotify(ubuf: u, lo: lo, hi: hi, copied: !success, merged: true))
        } else {
            begin(say("sock_zerocopy_callback: queue [\(lo)..\(hi)]\(success ? "" : " SO_EE_CODE_ZEROCOPY_COPIED") on sk_error_queue"))
            updateSocket { $0.errqueue.append(ZerocopySocket.Notification(lo: lo, hi: hi, copied: !success)) }
            emit(.zerocopyNotify(ubuf: u, lo: lo, hi: hi, copied: !success, merged: false))
        }
    }

    /// 4.14 `skb_zcopy_set(buffer, u)`: takes a reference for a buffer without a uarg.
    private mutating func zcopySet(_ data: Int, _ u: Int) {
        guard !buffer(data).zc else { return }
        let refcnt = state.ubufs[u]!.refcnt ?? 0
        begin(say("skb_zcopy_set(d\(data), u\(u)): refcnt \(refcnt) → \(refcnt + 1); tx_flags |= SKBTX_ZEROCOPY_FRAG"))
        updateUbuf(u) { $0.refcnt = refcnt + 1 }
        updateBuffer(data) {
            $0.zc = true
            $0.ubuf = u
        }
    }

    /// 4.14 `skb_zerocopy_clone(n, s, gfp)`: `n`'s fresh buffer carries `s`'s uarg too. With
    /// `gfp == 0` (`skb_split`) a buffer that already carries one is a `WARN_ON_ONCE`.
    mutating func zerocopyClone(_ n: Int, from id: Int, gfpZero: Bool = false) {
        let b = bufferOf(id), nb = bufferOf(n)
        guard b.zc, let u = b.ubuf else { return }
        if nb.zc, let own = nb.ubuf {
            guard gfpZero else { return }
            let s = skb(id), t = skb(n)
            begin(say("skb_zerocopy_clone(\(t.ref), \(s.ref), 0): \(nb.ref) already carries u\(own): WARN_ON_ONCE, returns -ENOMEM, ignored"))
            report(Violation(kind: .kernelWarn,
                             message: "WARN_ON_ONCE in skb_zerocopy_clone: \(t.label) already carries u\(own), so it does not get u\(u) of \(s.label) (the error is ignored by skb_split)",
                             fields: [("ubuf", .id("u\(u)")), ("data", .id(nb.ref))]))
            return
        }
        zcopySet(nb.id, u)
    }

    // MARK: Orphans

    /// 4.14 `skb_orphan_frags(s)`: a legacy uarg's pages are copied away; a msg one stays.
    mutating func orphanFrags(_ id: Int, for caller: String) throws(KernelError) {
        let b = bufferOf(id)
        guard b.zc, let u = b.ubuf else { return }
        if state.ubufs[u]!.kind == .msg {
            begin(say("skb_orphan_frags(\(skb(id).ref)): u\(u) is a MSG_ZEROCOPY uarg: nothing"))
            return
        }
        begin(say("skb_orphan_frags(\(skb(id).ref)): u\(u) is not sock_zerocopy_callback's: skb_copy_ubufs"))
        try copyUbufs(id, for: caller)
    }

    /// The scenario's `skb_orphan_frags(s)` or `skb_orphan_frags_rx(s)`, in any design.
    mutating func scenarioOrphanFrags(_ id: Int, rx: Bool) throws(KernelError) {
        let fn = rx ? "skb_orphan_frags_rx" : "skb_orphan_frags"
        let s = skb(id)
        guard design.zerocopy == .refcounted else {
            begin(say(rx
                ? "\(design.rawValue): no \(fn) (it came in 4.14): a delivery here only takes a users reference"
                : "\(design.rawValue): no \(fn) (it came in 3.6): nothing happens"))
            return
        }
        let b = buffer(s.data)
        guard b.zc, let u = b.ubuf else {
            begin(say("\(fn)(\(s.ref)): \(b.ref) carries no uarg: nothing"))
            return
        }
        let kind = state.ubufs[u]!.kind
        if rx {
            begin(say("\(fn)(\(s.ref)): a local receiver or tap: skb_copy_ubufs"))
            try copyUbufs(id, for: fn)
        } else {
            try orphanFrags(id, for: fn)
        }
        let after = bufferOf(id)
        if after.zc, let still = after.ubuf, rx || kind == .legacy {
            report(Violation(kind: .orphanIncomplete,
                             message: "\(fn)(\(s.label)) returned success but \(after.ref) still carries u\(still): its completion now waits for this holder",
                             fields: [("ubuf", .id("u\(still)")), ("data", .id(after.ref))]))
        }
    }

    // MARK: Copies

    /// 3.1 `skb_copy_ubufs` on buffer `data`: each user frag into a kernel page of its own,
    /// the user pages put, the callback, the frags rewritten, the flag cleared. In place: every
    /// skb sharing the buffer sees the kernel pages.
    mutating func copyUbufs31(_ data: Int) {
        let b = buffer(data)
        guard b.zc, let u = b.ubuf else { return }
        let fn = state.ubufs[u]!.fn
        var kernelPages: [Int] = []
        if !b.frags.isEmpty {
            let first = state.counters.lastKernelPage + 1
            begin(say("skb_copy_ubufs(\(b.ref)): alloc_page() and copy for each of the \(b.nrFrags) frag\(b.nrFrags == 1 ? "" : "s"): k\(first)\(b.nrFrags > 1 ? "…k\(first + b.nrFrags - 1)" : "")"))
            for f in b.frags { kernelPages.append(newKernelPage(copyOf: [f.page])) }
            putUserFrags(data)
        }
        begin(say("uarg->callback(uarg) = \(fn)(u\(u)): the user pages are done with"))
        runCallback(u, success: nil, via: .copy)
        begin(say(kernelPages.isEmpty
            ? "tx_flags &= ~SKBTX_DEV_ZEROCOPY (no frags to copy)"
            : "frags[i] = {k, 0, size}: \(b.ref) now holds the kernel's copies; tx_flags &= ~SKBTX_DEV_ZEROCOPY"))
        var frags: [Frag] = []
        for (f, page) in zip(b.frags, kernelPages) {
            frags.append(Frag(page: page, off: 0, size: f.size, origin: newOrigin()))
            updatePage(page) { $0.inFlight = 0 }
        }
        updateBuffer(data) {
            $0.frags = frags
            $0.zc = false
            $0.ubuf = nil
        }
    }

    /// 4.14.0 `skb_copy_ubufs(s)`: the paged bytes packed into as few kernel pages as hold
    /// them, the user pages put, `skb_zcopy_clear(s, false)`.
    mutating func copyUbufs(_ id: Int, for caller: String) throws(KernelError) {
        let s = skb(id)
        let b = buffer(s.data)
        guard let u = b.ubuf, b.zc else { return }
        guard b.nrFrags > 0 else {
            begin(say("skb_copy_ubufs(\(s.ref)): nr_frags 0: returns 0 at once (4.14.0: u\(u) stays)"))
            return
        }
        guard s.users == 1 else {
            throw KernelError("skb_copy_ubufs(\(s.label)): skb_shared (users \(s.users)) returns -EINVAL, so \(caller) fails (NULL / error return)")
        }
        if isCloned(id) {
            if state.ubufs[u]!.kind != .msg { throw recursion(caller: caller, id, u) }
            begin(say("skb_copy_ubufs(\(s.ref)): skb_cloned: skb_unclone → pskb_expand_head(\(s.ref), 0, 0)"))
            try nested { (m: inout Machine) throws(KernelError) in
                try m.pskbExpandHead(id, nhead: 0, ntail: 0, caller: Caller(function: "skb_copy_ubufs", argument: nil, limitArgument: nil))
            }
        }
        let d = skb(id).data
        let total = buffer(d).fragBytes
        let n = (total + Kernel.pageSize - 1) / Kernel.pageSize
        let first = state.counters.lastKernelPage + 1
        begin(say("skb_copy_ubufs(\(skb(id).ref)): \(total) bytes into \(n) kernel page\(n == 1 ? "" : "s") k\(first)\(n > 1 ? "…k\(first + n - 1)" : ""), the last allocated filled first"))
        // The j-th page from the last allocated holds bytes [4096 j, 4096 (j + 1)) of the frags.
        var sources = Array(repeating: [Int](), count: n)
        var at = 0
        for f in buffer(d).frags {
            for j in (at / Kernel.pageSize)...((at + f.size - 1) / Kernel.pageSize) where !sources[j].contains(f.page) {
                sources[j].append(f.page)
            }
            at += f.size
        }
        var pages: [Int] = []
        for k in 0..<n { pages.append(newKernelPage(copyOf: sources[n - 1 - k])) }
        putUserFrags(d)
        var frags: [Frag] = []
        for j in 0..<n {
            let size = j == n - 1 ? total - Kernel.pageSize * (n - 1) : Kernel.pageSize
            frags.append(Frag(page: pages[n - 1 - j], off: 0, size: size, origin: newOrigin()))
        }
        let names = frags.map { "\(pageRef($0.page)):0:\($0.size)" }
        begin(say("frags = \(names.joined(separator: ", ")); nr_frags = \(n)"))
        for p in pages { updatePage(p) { $0.inFlight = 0 } }
        updateBuffer(d) { $0.frags = frags }
        zcopyClear(d, ok: false, via: .copy)
    }

    /// `put_page` of every user frag of buffer `data`, in order; the slots own nothing after.
    private mutating func putUserFrags(_ data: Int) {
        let frags = buffer(data).frags
        begin(say("put_page each user frag: \(puts(frags))"))
        updateBuffer(data) { b in for i in b.frags.indices { b.frags[i].owned = false } }
        for f in frags { putPage(f.page) }
    }

    /// The hazard H-recurse of model-later.md §6: `skb_copy_ubufs` on a cloned skb with a
    /// legacy uarg and frags never returns.
    func recursion(caller: String, _ id: Int, _ u: Int) -> KernelError {
        KernelError("kernel stack overflow (hazard H-recurse): \(caller)(\(skb(id).label)) -> skb_orphan_frags -> skb_copy_ubufs -> skb_unclone -> pskb_expand_head ... recurses without end on a cloned skb with a legacy ubuf (u\(u)) and frags")
    }
}
