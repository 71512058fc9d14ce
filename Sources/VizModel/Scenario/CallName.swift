/// Every call of the scenario language, by its kernel name, and its entry in the call table.
///
/// A new call is a case here, its entry in `declared` (the compiler asks for it) and the
/// machine's function it runs.
public enum CallName: String, CaseIterable, Sendable {
    case allocSkb = "alloc_skb"
    case allocSkbFclone = "alloc_skb_fclone"
    case skbReserve = "skb_reserve"
    case skbPut = "skb_put"
    case skbPush = "skb_push"
    case skbPull = "skb_pull"
    case allocPage = "alloc_page"
    case getPage = "get_page"
    case putPage = "put_page"
    case skbAddRxFrag = "skb_add_rx_frag"
    case skbFragListAdd = "skb_frag_list_add"
    case skbSetOwnerW = "skb_set_owner_w"
    case skbOrphan = "skb_orphan"
    case setDataDestructor = "set_data_destructor"
    case skbClone = "skb_clone"
    case skbCopy = "skb_copy"
    case pskbCopy = "pskb_copy"
    case skbGet = "skb_get"
    case kfreeSkb = "kfree_skb"
    case skbHeaderRelease = "skb_header_release"
    case pskbExpandHead = "pskb_expand_head"
    case pskbPullTail = "__pskb_pull_tail"
    case pskbMayPull = "pskb_may_pull"
    case pskbPull = "pskb_pull"
    case skbLinearize = "skb_linearize"
    case pskbTrim = "pskb_trim"
    case skbSplit = "skb_split"
    case skbSegment = "skb_segment"
    case skbOrphanFrags = "skb_orphan_frags"
    case skbOrphanFragsRx = "skb_orphan_frags_rx"
}

extension CallName {
    /// The call's entry in the table.
    public var entry: CallEntry {
        // By the case's place: a dictionary of the cases hashes the raw value, a string, on
        // every lookup, and searching `allCases` compares a tag a case (`explore` looks an
        // entry up for every call it tries).
        Self.table[place]
    }

    /// The case's place in `allCases`: a case without a payload is stored as its place in
    /// declaration order, one byte (`CallTableTests` checks both).
    var place: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    public var parameters: [Parameter] { entry.parameters }
    public var returns: ReturnKind { entry.returns }
    public var summary: String { entry.summary }

    /// How a scenario writes the call, with the kernel's parameter names: `n = skb_clone(skb)`.
    public var signature: String {
        let call = "\(rawValue)(\(parameters.map(\.name).joined(separator: ", ")))"
        return returns.exampleName.map { "\($0) = \(call)" } ?? call
    }

    private static let table = allCases.map(\.declared)

    /// The call table: one entry per call.
    private var declared: CallEntry {
        switch self {
        case .allocSkb:
            CallEntry([.size], returns: .skb, summary: "new skb with a new data buffer of `SKB_DATA_ALIGN(size)` bytes",
                      hints: .allocation) { m, a throws(KernelError) in
                [try m.allocSkb(size: a.integer(.size), fclone: false)]
            }
        case .allocSkbFclone:
            CallEntry([.size], returns: .skb,
                      summary: "the same from the fast-clone cache: a companion struct for one `skb_clone`",
                      hints: .allocation) { m, a throws(KernelError) in
                [try m.allocSkb(size: a.integer(.size), fclone: true)]
            }
        case .skbReserve:
            CallEntry([.skb, .len], summary: "`data` and `tail` move forward on an empty skb (headroom)",
                      hints: CallHints { d in
                          guard let s = d.anySkb({ $0.len == 0 }) else { return nil }
                          return "\(s.name), \(d.upTo(min(s.skb.tailroom, 128)))"
                      }) { m, a throws(KernelError) in
                try m.skbReserve(a.skb(.skb), a.integer(.len))
                return []
            }
        case .skbPut:
            CallEntry([.skb, .len], summary: "`tail` and `len` grow; `skb_over_panic` past `end`; linear skbs only",
                      hints: CallHints { d in
                          guard let s = d.anySkb({ $0.dataLen == 0 }) else { return nil }
                          return "\(s.name), \(d.upTo(min(s.skb.tailroom, 256)))"
                      }) { m, a throws(KernelError) in
                try m.skbPut(a.skb(.skb), a.integer(.len))
                return []
            }
        case .skbPush:
            CallEntry([.skb, .len], summary: "`data` moves back, `len` grows; `skb_under_panic` before `head`",
                      hints: CallHints { d in
                          guard let s = d.anySkb() else { return nil }
                          return "\(s.name), \(d.upTo(s.skb.headroom))"
                      }) { m, a throws(KernelError) in
                try m.skbPush(a.skb(.skb), a.integer(.len))
                return []
            }
        case .skbPull:
            CallEntry([.skb, .len], summary: "`data` moves forward, `len` shrinks; never into the frags",
                      hints: CallHints { d in
                          guard let s = d.anySkb() else { return nil }
                          return "\(s.name), \(d.below(8) == 0 ? s.skb.len + 1 : d.upTo(s.skb.headlen))"
                      }) { m, a throws(KernelError) in
                try m.skbPull(a.skb(.skb), a.integer(.len))
                return []
            }
        case .allocPage:
            CallEntry([], returns: .page, summary: "a page with count 1, held by the scenario",
                      unboundError: "alloc_page() must be bound to a name (p = alloc_page()): a page's id is its name",
                      hints: CallHints(result: "p") { _ in "" }) { m, a throws(KernelError) in
                guard let name = a.binding else { throw KernelError("alloc_page() must be bound to a name") }
                return [m.allocPage(name)]
            }
        case .getPage:
            CallEntry([.page], summary: "one more page reference for the scenario",
                      hints: CallHints { d in d.any(d.state.sortedPages).map { d.state.pageRef($0.id) } }) { m, a in
                m.scenarioGetPage(a.page(.page))
                return []
            }
        case .putPage:
            CallEntry([.page], summary: "give back one of the scenario's page references",
                      hints: CallHints { d in d.any(d.heldPages).map { d.state.pageRef($0.id) } }) { m, a throws(KernelError) in
                try m.scenarioPutPage(a.page(.page))
                return []
            }
        case .skbAddRxFrag:
            CallEntry([.skb, .i, .page, .off, .size],
                      summary: "`frags[i] = {page, off, size}`; the skb takes a scenario reference to `page`",
                      hints: CallHints { d in
                          let pages = d.heldPages
                          guard !pages.isEmpty, let s = d.anySkb() else { return nil }
                          let nr = d.state.data[s.skb.data]?.nrFrags ?? 0
                          let off = d.upTo(4000)
                          return "\(s.name), \(nr), \(d.state.pageRef(pages[d.below(pages.count)].id)), \(off), \(1 + d.upTo(Kernel.pageSize - off - 1))"
                      }) { m, a throws(KernelError) in
                try m.skbAddRxFrag(a.skb(.skb), i: a.integer(.i), page: a.page(.page), off: a.integer(.off), size: a.integer(.size))
                return []
            }
        case .skbFragListAdd:
            CallEntry([.skb, .t], summary: "append `t` to `skb`'s `frag_list`; the scenario's reference moves to the list",
                      kernel: "(no helper in 2.6.28: callers such as `ip_frag_reasm` link `frag_list` by hand)",
                      hints: CallHints(mayTrap: true) { d in
                          guard let s = d.anySkb(), let t = d.anySkb({ $0.id != s.skb.id }) else { return nil }
                          return "\(s.name), \(t.name)"
                      }) { m, a throws(KernelError) in
                try m.skbFragListAdd(a.skb(.skb), a.skb(.t))
                return []
            }
        case .skbSetOwnerW:
            CallEntry([.skb], summary: "`skb->destructor = sock_wfree`", hints: .anySkb) { m, a in
                m.skbSetOwnerW(a.skb(.skb))
                return []
            }
        case .skbOrphan:
            CallEntry([.skb], summary: "call and clear `skb->destructor`", hints: .anySkb) { m, a in
                m.skbOrphan(a.skb(.skb))
                return []
            }
        case .setDataDestructor:
            CallEntry([.skb, .fn],
                      summary: "the seed patch's data destructor (a no-op step in `vanilla`); in `ubuf-2011` and `msg-zerocopy-2017` a zero-copy completion object (`sock_zerocopy_callback`: a MSG_ZEROCOPY send)",
                      kernel: "`skb_shinfo(skb)->destructor = fn`",
                      hints: CallHints(mayTrap: true) { d in
                          guard let s = d.anySkb() else { return nil }
                          let names = ["tun_free", "zc_done", "vring_done"] + (d.zerocopy ? [Kernel.msgZerocopyCallback] : [])
                          return "\(s.name), \(names[d.below(names.count)])"
                      }) { m, a throws(KernelError) in
                try m.setDataDestructor(a.skb(.skb), a.function(.fn))
                return []
            }
        case .skbClone:
            CallEntry([.skb], returns: .skb, summary: "new skb sharing the data (the fclone companion when it is free)",
                      hints: .copy) { m, a throws(KernelError) in
                [try m.skbClone(a.skb(.skb))]
            }
        case .skbCopy:
            CallEntry([.skb], returns: .skb, summary: "new skb with a private, fully linear copy of all the data",
                      hints: .copy) { m, a throws(KernelError) in
                [try m.skbCopy(a.skb(.skb))]
            }
        case .pskbCopy:
            CallEntry([.skb], returns: .skb,
                      summary: "new skb with a private linear part, sharing the frag pages and the `frag_list`",
                      hints: CallHints(result: "x", mayTrap: true) { d in d.anySkb()?.name }) { m, a throws(KernelError) in
                [try m.pskbCopy(a.skb(.skb))]
            }
        case .skbGet:
            CallEntry([.skb], summary: "`users` + 1 (the scenario holds one more reference)", hints: .anySkb) { m, a in
                m.skbGet(a.skb(.skb))
                return []
            }
        case .kfreeSkb:
            CallEntry([.skb], summary: "give back one reference; the last one releases the skb", hints: .anySkb) { m, a in
                m.scenarioKfreeSkb(a.skb(.skb))
                return []
            }
        case .skbHeaderRelease:
            CallEntry([.skb], summary: "`nohdr = 1`: payload-only, upper half of `dataref` + 1", hints: .anySkb) { m, a throws(KernelError) in
                try m.skbHeaderRelease(a.skb(.skb))
                return []
            }
        case .pskbExpandHead:
            CallEntry([.skb, .nhead, .ntail], summary: "new private head with `nhead` more headroom and at least `ntail` more tailroom (a copy when both are 0); the old data is released",
                      hints: CallHints(mayTrap: true) { d in
                          guard let s = d.anySkb({ $0.users == 1 }) else { return nil }
                          return "\(s.name), \(d.upTo(64)), \(d.upTo(128))"
                      }) { m, a throws(KernelError) in
                try m.pskbExpandHead(a.skb(.skb), nhead: a.integer(.nhead), ntail: a.integer(.ntail))
                return []
            }
        case .pskbPullTail:
            CallEntry([.skb, .delta], summary: "move `delta` bytes from the frags / `frag_list` into the linear part",
                      hints: CallHints(mayTrap: true) { d in
                          guard let s = d.anySkb({ $0.dataLen > 0 }) else { return nil }
                          return "\(s.name), \(d.upTo(s.skb.dataLen))"
                      }) { m, a throws(KernelError) in
                try m.pskbPullTail(a.skb(.skb), delta: a.integer(.delta), argument: .delta)
                return []
            }
        case .pskbMayPull:
            CallEntry([.skb, .len], summary: "make the first `len` bytes linear (`__pskb_pull_tail` when needed)",
                      hints: .pullUpToLen) { m, a throws(KernelError) in
                try m.pskbMayPull(a.skb(.skb), a.integer(.len))
                return []
            }
        case .pskbPull:
            CallEntry([.skb, .len], summary: "pull `len` bytes off the front, linearising first where needed",
                      hints: .pullUpToLen) { m, a throws(KernelError) in
                try m.pskbPull(a.skb(.skb), a.integer(.len), argument: .len)
                return []
            }
        case .skbLinearize:
            CallEntry([.skb], summary: "`__pskb_pull_tail(skb, data_len)`",
                      hints: CallHints(mayTrap: true) { d in d.anySkb()?.name }) { m, a throws(KernelError) in
                try m.skbLinearize(a.skb(.skb))
                return []
            }
        case .pskbTrim:
            CallEntry([.skb, .len], summary: "cut to `len` bytes, dropping frags and `frag_list` members past it",
                      hints: CallHints(mayTrap: true) { d in
                          guard let s = d.anySkb() else { return nil }
                          return "\(s.name), \(d.upTo(s.skb.len))"
                      }) { m, a throws(KernelError) in
                try m.pskbTrim(a.skb(.skb), a.integer(.len))
                return []
            }
        case .skbSplit:
            CallEntry([.skb, .skb1, .len], summary: "move everything past `len` into the empty skb `skb1`",
                      hints: CallHints(mayTrap: true) { d in
                          let data = d.state.data
                          guard let s = d.anySkb({ $0.len > 1 }),
                                let t = d.anySkb({ t in
                                    t.len == 0 && t.data != s.skb.data && data[t.data]?.frags.isEmpty == true
                                        && data[t.data]?.fragList.isEmpty == true
                                })
                          else { return nil }
                          return "\(s.name), \(t.name), \(1 + d.upTo(s.skb.len - 2))"
                      }) { m, a throws(KernelError) in
                try m.skbSplit(a.skb(.skb), a.skb(.skb1), len: a.integer(.len))
                return []
            }
        case .skbSegment:
            CallEntry([.skb, .mss, .doffset], returns: .list,
                      summary: "GSO: segments with a copy of the `doffset` header bytes and at most `mss` payload bytes each",
                      hints: CallHints(result: "g", mayTrap: true) { d in
                          guard let s = d.anySkb() else { return nil }
                          let mss = max(1 + d.upTo(1500), (s.skb.len + 3) / 4)
                          return "\(s.name), \(mss), \(d.upTo(min(s.skb.headroom, 54)))"
                      }) { m, a throws(KernelError) in
                try m.skbSegment(a.skb(.skb), mss: a.integer(.mss), doffset: a.integer(.doffset))
            }
        case .skbOrphanFrags:
            CallEntry([.skb], summary: "4.14: copy a legacy zero-copy object's user pages away (`skb_copy_ubufs`); a MSG_ZEROCOPY one stays; no such function before 3.6",
                      hints: CallHints(zerocopyOnly: true) { d in d.anySkb()?.name }) { m, a throws(KernelError) in
                try m.scenarioOrphanFrags(a.skb(.skb), rx: false)
                return []
            }
        case .skbOrphanFragsRx:
            CallEntry([.skb], summary: "4.14: a delivery to a local receiver or tap copies any zero-copy user pages away; elsewhere it changes nothing",
                      hints: CallHints(zerocopyOnly: true) { d in d.anySkb()?.name }) { m, a throws(KernelError) in
                try m.scenarioOrphanFrags(a.skb(.skb), rx: true)
                return []
            }
        }
    }
}

extension CallHints {
    /// A new skb of up to 1500 bytes (a quarter of them up to 64).
    static let allocation = CallHints(result: "s") { d in "\(d.below(4) == 0 ? d.upTo(64) : d.upTo(1500))" }
    /// Any skb the scenario holds, as the only argument.
    static let anySkb = CallHints { d in d.anySkb()?.name }
    /// A new skb from any skb the scenario holds.
    static let copy = CallHints(result: "x") { d in d.anySkb()?.name }
    /// Any skb the scenario holds and a length up to 8 bytes past its end.
    static let pullUpToLen = CallHints(mayTrap: true) { d in
        guard let s = d.anySkb() else { return nil }
        return "\(s.name), \(d.upTo(s.skb.len + 8))"
    }
}
