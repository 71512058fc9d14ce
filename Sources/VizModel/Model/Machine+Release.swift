extension Machine {
    /// `kfree_skb(s)` written in the scenario: gives back one of its references. When that was
    /// its last and the skb lives on (a `frag_list` holds it), the call is remembered as where
    /// the scenario gave it up.
    mutating func scenarioKfreeSkb(_ id: Int) {
        updateSkb(id) {
            $0.held -= 1
            $0.inFlight += 1
        }
        kfreeSkb(id)
        if call != nil, let s = state.skbs[id], s.held == 0 { remember(s.ref) }
    }

    /// The kernel's `kfree_skb`: drops one `users` reference, which the caller has handed to
    /// the running call (`inFlight`); the last one releases the skb.
    mutating func kfreeSkb(_ id: Int) {
        release(.kfreeSkb(id))
    }

    /// `skb_release_data`, and with the seed patch `shinfo_put`: releases one reference to a
    /// buffer and, when it was the last, its pages, its `frag_list`, its head, and then (in
    /// orig-chain) the payload reference it held on its `orig` parent.
    mutating func shinfoPut(_ id: Int, nohdr: Bool, clone: Bool, for holder: Int) {
        release(.shinfoPut(id, nohdr: nohdr, clone: clone, holder: .skb(holder)))
    }

    /// `skb_drop_list`: unlinks the members of `data`'s `frag_list` from position `index` on,
    /// then `kfree_skb`s each, in list order.
    mutating func dropList(of data: Int, from index: Int) {
        release(.dropList(data, from: index))
    }

    /// A release to start: `kfree_skb`, `skb_release_data` or `skb_drop_list`.
    private enum Release {
        case kfreeSkb(Int)
        case shinfoPut(Int, nohdr: Bool, clone: Bool, holder: Holder)
        /// `byRelease`: the whole list, dropped by `skb_release_data` (4.14 calls
        /// `kfree_skb_list` there, not `skb_drop_list`).
        case dropList(Int, from: Int, byRelease: Bool = false)
    }

    /// Whose reference `skb_release_data` drops: an skb's, or (orig-chain) a freed child
    /// buffer's payload reference on its `orig`.
    private enum Holder {
        case skb(Int)
        case child(Int)
    }

    /// What a release still has to do once the nested release it started is done: the
    /// kernel's call stack kept as data, so that a `frag_list` nested thousands deep makes a
    /// long list instead of a deep stack.
    enum ReleaseRest {
        /// `kfree_skbmem` of the skb whose data is released.
        case skbmem(Int)
        /// The rest of `skb_release_data` of a buffer once its `frag_list` is dropped.
        case head(Int, orig: Int?, destructor: String?)
        /// The members of a dropped list still to `kfree_skb`, one level deeper, from `next` on.
        case members([Int], next: Int)
    }

    /// Runs a release and every release nested in it, in the kernel's order.
    private mutating func release(_ first: Release) {
        // The list of the last release, which it left empty: its room is kept from release
        // to release.
        var rest = releaseRoom
        releaseRoom = []
        var next: Release? = first
        while true {
            if let start = next {
                next = self.start(start, &rest)
            } else if let waiting = rest.popLast() {
                next = resume(waiting, &rest)
            } else {
                releaseRoom = rest
                return
            }
        }
    }

    /// Runs `release` up to its first nested release, which it returns; what it does after
    /// that goes on `rest`.
    private mutating func start(_ release: Release, _ rest: inout [ReleaseRest]) -> Release? {
        switch release {
        case .kfreeSkb(let id):
            let users = readSkb(id) { $0.users }
            if users > 1 {
                begin(say("kfree_skb(\(skb(id).label)): atomic_dec_and_test(&skb->users): \(users) → \(users - 1)"))
                updateSkb(id) {
                    $0.users -= 1
                    $0.inFlight -= 1
                }
                return nil
            }
            begin(say("kfree_skb(\(skb(id).label)): users 1: __kfree_skb"))
            if let fn = readSkb(id, \.destructor) {
                begin(say("skb_release_head_state: skb->destructor(skb): \(fn)(s\(id))"))
                emit(.skbDestructor(skb: id, fn: fn))
            }
            rest.append(.skbmem(id))
            return readSkb(id) { .shinfoPut($0.data, nohdr: $0.nohdr, clone: $0.cloned, holder: .skb(id)) }
        case .shinfoPut(let id, let nohdr, let clone, let holder):
            // The fields read, not the buffer: a copy retained its lists and released them again.
            let (dataref, fragCount, listed, orig, destructor) = readBuffer(id) {
                ($0.dataref, $0.frags.count, !$0.fragList.isEmpty, $0.orig, $0.destructor)
            }
            if clone {
                let sub = nohdr ? Kernel.payloadRef : 1
                let to = dataref &- sub
                let verdict = to == 0 ? "the last reference" : "still referenced"
                begin(say("\(releasing(id, for: holder)): atomic_sub_return(\(nohdr ? "0x10001" : "1"), &dataref): \(hex(dataref)) → \(hex(to)): \(verdict)"))
                updateBuffer(id) { $0.dataref = to }
                if case .skb(let s) = holder { updateSkb(s) { $0.released = true } }
                if to != 0 { return nil }
            } else {
                begin(say("\(releasing(id, for: holder)): cloned 0: the only user, free the data"))
                if case .skb(let s) = holder { updateSkb(s) { $0.released = true } }
            }
            updateBuffer(id) { $0.shinfo = .released }
            if fragCount > 0 {
                begin(say("put_page each frag of d\(id): \(puts(buffer(id).frags))"))
                // The kernel leaves nr_frags and the slots as they are: they own no page now.
                updateBuffer(id) { b in for i in b.frags.indices { b.frags[i].owned = false } }
                for i in 0..<fragCount { putPage(readBuffer(id) { $0.frags[i].page }) }
            }
            if design.zerocopy == .copyOnShare { releaseCompletion(of: id) }
            guard !listed else {
                rest.append(.head(id, orig: orig, destructor: destructor))
                return .dropList(id, from: 0, byRelease: true)
            }
            return freeHead(id, orig: orig, destructor: destructor)
        case .dropList(let data, let index, let byRelease):
            let list = readBuffer(data, \.fragList)
            let members = Array(list[(list.startIndex + index)...])
            begin(say(byRelease && design.zerocopy == .refcounted ? "kfree_skb_list(d\(data)->frag_list): kfree_skb each of \(Self.skbList(members))"
                      : index == 0 ? "skb_drop_list(&d\(data)->frag_list): kfree_skb each of \(Self.skbList(members))"
                      : "skb_drop_list: unlink and kfree_skb \(Self.skbList(members))"))
            // The members before `index` as a slice of the same storage: removing the rest in
            // place copied the list out of the storage the source state still shares.
            updateBuffer(data) { $0.fragList = $0.fragList.prefix(index) }
            for m in members {
                updateSkb(m) { $0.inFlight += 1 }
            }
            descend()
            rest.append(.members(members, next: 0))
            return nil
        }
    }

    /// The function and the reference a release step names: `skb_release_data` of an skb, or,
    /// for a child's payload reference on its `orig`, the patch's `shinfo_put` loop, where no
    /// skb is left.
    private func releasing(_ id: Int, for holder: Holder) -> String {
        switch holder {
        case .skb(let s): "skb_release_data(\(skb(s).label)) on d\(id)"
        case .child(let c): "shinfo_put(d\(id)) for the payload reference of its child d\(c)"
        }
    }

    /// `p1 2 → 1, p2 1 → 0`: the `put_page` of each frag, as a step lists them.
    func puts(_ frags: some Sequence<Frag>) -> String {
        // A page in two slots drops twice: each `put_page` from where the last one left it.
        var counts: [Int: Int] = [:]
        return frags.map { f in
            let c = counts[f.page] ?? state.pages[f.page]?.count ?? 0
            counts[f.page] = c - 1
            return "\(pageRef(f.page)) \(c) → \(c - 1)"
        }.joined(separator: ", ")
    }

    /// `s1, s2`: skbs as a step lists them.
    private static func skbList(_ ids: [Int]) -> String {
        ids.map { "s\($0)" }.joined(separator: ", ")
    }

    /// Goes on with what waited for a nested release; returns the next release it starts.
    private mutating func resume(_ waiting: ReleaseRest, _ rest: inout [ReleaseRest]) -> Release? {
        switch waiting {
        case .skbmem(let id):
            kfreeSkbmem(id)
            return nil
        case .head(let id, let orig, let destructor):
            return freeHead(id, orig: orig, destructor: destructor)
        case .members(let members, let next):
            guard next < members.count else {
                ascend()
                return nil
            }
            rest.append(.members(members, next: next + 1))
            return .kfreeSkb(members[next])
        }
    }

    /// The end of `skb_release_data` of buffer `id`: the data destructor or `kfree` of the
    /// head; then, in orig-chain, the release of the payload reference on its `orig` parent.
    private mutating func freeHead(_ id: Int, orig: Int?, destructor: String?) -> Release? {
        if design.zerocopy == .refcounted { releaseCompletion(of: id) }
        let parent = design.keepsOrigChain ? orig : nil
        if design.hasDataDestructor, let fn = destructor {
            begin(say("shinfo->destructor(shinfo): \(fn)(d\(id)): the data is finished; it kfree()s the head"))
            emit(.dataDestructor(data: id, fn: fn))
            if reports {
                syncReferrers()
                for v in Checker.prematureDestructor(of: id, fn: fn, in: state) { report(v) }
            }
        } else {
            begin(say(design.hasDataDestructor ? "kfree(skb_shinfo_to_head(d\(id)))"
                      : design.zerocopy == .refcounted ? "skb_free_head(skb): kfree(skb->head), the head of d\(id)"
                      : "kfree(skb->head): the head of d\(id)"))
        }
        removeBuffer(id)
        emit(.freeHead(data: id))
        return parent.map { .shinfoPut($0, nohdr: true, clone: true, holder: .child(id)) }
    }

    /// `kfree_skbmem`: the struct goes back to its cache; a fast-clone pair's memory only when
    /// `fclone_ref` reaches zero.
    mutating func kfreeSkbmem(_ id: Int) {
        let (fclone, companion, pairOrig) = readSkb(id) { ($0.fclone, $0.companion, $0.pairOrig) }
        switch fclone {
        case .none:
            begin(say("kfree_skbmem(s\(id)): kmem_cache_free(skbuff_head_cache)"))
        case .orig:
            if let c = companion {
                begin(say("kfree_skbmem(s\(id)): SKB_FCLONE_ORIG: fclone_ref 2 → 1, the pair lives on through s\(c)"))
            } else {
                begin(say("kfree_skbmem(s\(id)): SKB_FCLONE_ORIG: fclone_ref 1 → 0, kmem_cache_free(skbuff_fclone_cache)"))
            }
        case .clone:
            if let o = pairOrig, state.skbs.withValue(o, { $0 != nil }) {
                begin(say("kfree_skbmem(s\(id)): SKB_FCLONE_CLONE: the companion is free again (SKB_FCLONE_UNAVAILABLE), fclone_ref 2 → 1"))
                updateSkb(o) { $0.companion = nil }
            } else {
                begin(say("kfree_skbmem(s\(id)): SKB_FCLONE_CLONE: fclone_ref 1 → 0, kmem_cache_free(skbuff_fclone_cache)"))
            }
        }
        removeSkb(id)
        emit(.freeSkb(skb: id))
    }
}
