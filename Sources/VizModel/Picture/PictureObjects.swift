/// What a picture draws, before it is placed: a box for each sk_buff, each data buffer (its
/// bars and its `skb_shared_info` lines) and each page, with what the step changed marked by
/// `Style.changed`, in the order of the viewer's slots.
struct PictureObjects {
    /// One line of a box, and the objects its arrows point at.
    struct Line {
        var spans: [Span]
        var links: [Link] = []
        /// The step changed what the line shows (its arrows are marked too).
        var changed = false

        var width: Int { spans.reduce(0) { $0 + $1.width } }
    }

    /// Where an arrow from a line goes.
    enum Link: Hashable {
        /// A frag's page; `owned` false while the slot owns no page reference.
        case page(Int, owned: Bool)
        /// The buffer `orig` holds a payload reference on.
        case orig(Int)
        /// A `frag_list` member.
        case member(Int)
    }

    struct SkbBox {
        var id: Int
        var slot: Int
        var lines: [Line]
        var created: Bool
        var freed: Bool
        /// The buffer `head` points at (nil for a freed skb), and whether the step changed it.
        var data: Int?
        var dataChanged: Bool
    }

    /// The `[headroom|data|tailroom]` of the skbs that share one geometry on a buffer.
    struct Strip {
        var bar: BufferBar
        var skbs: [Int]
        var changed: Bool
    }

    struct BufferBox {
        var id: Int
        var slot: Int
        var size: Int
        var label: Line
        /// Why the buffer is drawn though freed (the step freed it), else nil.
        var freedNote: Line?
        /// One strip per geometry, none for a buffer no skb points at.
        var strips: [Strip]
        var shinfo: [Line]
        var created: Bool
    }

    struct PageBox {
        var id: Int
        var slot: Int
        var lines: [Line]
        var created: Bool
        var freed: Bool
    }

    let skbs: [SkbBox]
    let buffers: [BufferBox]
    let pages: [PageBox]

    /// The text width, in cells, at which page holders and long shinfo lines wrap.
    static let wrapWidth = 44

    init(_ scene: PictureScene) {
        let marks = scene.marks, state = scene.state, placement = scene.placement
        func slot(_ kind: Placement.Kind, _ id: Int) -> Int { placement.slot(kind, id) ?? Int(Int32.max) + id }
        let draft = Draft(scene: scene)
        skbs = (state.skbs.values.map { draft.skb($0, freed: false) } + marks.freedSkbs.map { draft.skb($0, freed: true) })
            .map { var b = $0; b.slot = slot(.skb, b.id); return b }
            .sorted { ($0.slot, $0.id) < ($1.slot, $1.id) }
        buffers = (state.data.values.map { draft.buffer($0, freed: false) } + marks.freedData.map { draft.buffer($0, freed: true) })
            .map { var b = $0; b.slot = slot(.data, b.id); return b }
            .sorted { ($0.slot, $0.id) < ($1.slot, $1.id) }
        pages = (state.pages.values.map { draft.page($0, freed: false) } + marks.freedPages.map { draft.page($0, freed: true) })
            .map { var b = $0; b.slot = slot(.page, b.id); return b }
            .sorted { ($0.slot, $0.id) < ($1.slot, $1.id) }
    }

    /// The boxes' contents, in the kernel's words (`Describe`), changed values marked.
    private struct Draft {
        let scene: PictureScene
        let changed: Set<FieldPath>
        /// The frag slots that own a reference on each page (`d1 frags[0]`).
        let pageSlots: [Int: [String]]
        /// What points at each buffer, for its holders.
        let pointers: DatarefHolders.Pointers
        var state: SkbState { scene.state }

        init(scene: PictureScene) {
            self.scene = scene
            changed = scene.marks.changed
            pageSlots = Describe.pageSlots(in: scene.state)
            pointers = DatarefHolders.Pointers(scene.state)
        }

        /// `text`, marked if the step changed `path`.
        func value(_ text: String, _ path: FieldPath, _ style: Style = .plain) -> Span {
            Span(text, style.markedChanged(changed.contains(path)))
        }

        func line(_ spans: [Span], changed: Bool = false, links: [Link] = []) -> Line {
            Line(spans: changed ? spans.map { Span($0.text, $0.style.markedChanged()) } : spans, links: links, changed: changed)
        }

        // MARK: sk_buffs

        func skb(_ s: SkBuff, freed: Bool) -> SkbBox {
            let id = s.id
            let created = changed.contains(.object(.skb(id)))
            var title = [Span(s.name ?? "-", Style(bold: true)), Span("  \(s.ref)", Style(bold: true))]
            if freed {
                title.append(Span("  freed", Style(foreground: .red, bold: true)))
                let lines = [line(title, changed: true), line([Span(Describe.freedSkb(s, arrow: "→"), Style(dim: true))])]
                return SkbBox(id: id, slot: 0, lines: lines, created: false, freed: true, data: nil, dataChanged: false)
            }
            switch s.fclone {
            case .none: break
            case .orig: title += [Span("  fclone orig, ref "), value("\(s.fcloneRef)", .skb(id, .fcloneRef))]
            case .clone: title += [Span("  "), value(Describe.fclone(of: s, in: state) ?? "fclone clone", .skb(id, .fclone))]
            }
            let lenChanged = [.len, .dataLen, .headlen].contains { changed.contains(.skb(id, $0)) }
            let holdersChanged = changed.contains(.skb(id, .held)) || changed.contains(.skb(id, .inFlight))
            let lines = [
                line(title, changed: created),
                line([Span("users "), value("\(s.users)", .skb(id, .users)),
                      Span("  cloned "), value("\(s.cloned ? 1 : 0)", .skb(id, .cloned)),
                      Span("  nohdr "), value("\(s.nohdr ? 1 : 0)", .skb(id, .nohdr))]),
            ] + predicates(s) + [
                line([Span(Describe.length(of: s, in: state))], changed: lenChanged),
                line([Span("skb->destructor "), value(s.destructor ?? "NULL", .skb(id, .destructor), s.destructor == nil ? Style(dim: true) : .plain)]),
                line([Span(Describe.holders(of: s, in: state, callRunning: scene.callRunning), Style(dim: true))], changed: holdersChanged),
            ] + (Describe.headState(of: s, in: state).isEmpty ? [] : [line([Span("head" + Describe.headState(of: s, in: state), Style(dim: true))])])
            return SkbBox(id: id, slot: 0, lines: lines, created: created, freed: false, data: s.data,
                          dataChanged: changed.contains(.skb(id, .data)) || created)
        }

        /// `skb_cloned() 1, skb_header_cloned() 0` on a line of its own when `cloned` is set.
        func predicates(_ s: SkBuff) -> [Line] {
            let text = Describe.predicatesText(of: s, in: state)
            guard text.hasPrefix(" (") else { return [] }
            return [line([Span(String(text.dropFirst(2).dropLast()), Style(dim: true))])]
        }

        // MARK: Data buffers

        func buffer(_ b: DataBuffer, freed: Bool) -> BufferBox {
            let id = b.id
            let created = changed.contains(.object(.data(id)))
            var label = [Span(b.ref, Style(bold: true)), Span("  \(b.size) B")]
            if freed {
                label.append(Span("  freed", Style(foreground: .red, bold: true)))
                let note = line([Span("(head and skb_shared_info kfree'd; dataref was \(Describe.dataref(b.dataref, arrow: "→")))",
                                      Style(dim: true))])
                return BufferBox(id: id, slot: 0, size: b.size, label: line(label, changed: true), freedNote: note, strips: [],
                                 shinfo: [], created: false)
            }
            var strips: [Strip] = []
            for s in state.skbs.values.sorted(by: { $0.id < $1.id }) where s.data == id {
                let bar = BufferBar(s)
                let moved = [.headroom, .headlen, .tailroom, .data].contains { changed.contains(.skb(s.id, $0)) }
                    || changed.contains(.object(.skb(s.id)))
                if let i = strips.firstIndex(where: { $0.bar == bar }) {
                    strips[i].skbs.append(s.id)
                    strips[i].changed = strips[i].changed || moved
                } else {
                    strips.append(Strip(bar: bar, skbs: [s.id], changed: moved))
                }
            }
            return BufferBox(id: id, slot: 0, size: b.size,
                             label: line(label, changed: created || changed.contains(.data(id, .size))),
                             freedNote: nil, strips: strips, shinfo: shinfo(b), created: created)
        }

        /// `text` wrapped to the box, the links on its first line.
        func wrapped(_ text: String, _ isChanged: Bool, links: [Link]) -> [Line] {
            text.wrapped(width: PictureObjects.wrapWidth, indent: 2, keepingGroups: true).enumerated().map { i, piece in
                line([Span(piece)], changed: isChanged, links: i == 0 ? links : [])
            }
        }

        /// The lines of a buffer's `skb_shared_info`, one field a line (`dataref` two: the raw
        /// word, then its halves). A new shinfo field is one more line here.
        func shinfo(_ b: DataBuffer) -> [Line] {
            let id = b.id
            var out: [Line] = []
            func add(_ text: String, _ isChanged: Bool, links: [Link] = []) { out += wrapped(text, isChanged, links: links) }
            let datarefChanged = changed.contains(.data(id, .dataref)) || changed.contains(.data(id, .shinfo))
            guard b.shinfo == .live else {
                add(Describe.datarefLine(of: b, arrow: "→"), datarefChanged)
                if b.shinfo == .notInitialised { return out }
                return out + rest(b)
            }
            let dataref = Describe.dataref(b.dataref, arrow: "→")
            let halves = dataref.firstIndex(of: "=").map {
                (String(dataref[..<$0]).trimmingBlanks, String(dataref[dataref.index(after: $0)...]).trimmingBlanks)
            }
            add("dataref " + (halves?.0 ?? dataref), datarefChanged)
            if let halves { add("  = " + halves.1, datarefChanged) }
            let holders = DatarefHolders(of: b, in: pointers, freed: scene.marks.freedData, callRunning: scene.callRunning)
            if let holders { add("  " + holders.text, false) }
            out += rest(b)
            if let waits = Describe.waits(b, holders: holders) { add(waits, false) }
            return out
        }

        /// A shinfo's lines after `dataref`: frags (with where each came from), `frag_list`,
        /// the data destructor, `orig`, the zero-copy fields.
        func rest(_ b: DataBuffer) -> [Line] {
            let id = b.id
            var out: [Line] = []
            func add(_ text: String, _ isChanged: Bool, links: [Link] = []) { out += wrapped(text, isChanged, links: links) }
            let fragsChanged = changed.contains(.data(id, .frags)) || changed.contains(.data(id, .nrFrags))
            add("nr_frags \(b.nrFrags)", fragsChanged)
            for (i, f) in b.frags.enumerated() {
                add("frags[\(i)] \(state.pageRef(f.page)) +\(f.off) \(f.size)" + (f.owned ? "" : "  (owns no page ref)"),
                    fragsChanged, links: [.page(f.page, owned: f.owned)])
                if let from = Describe.lineage(of: f, in: b, arrow: "←", ellipsis: "…") { add("  " + from, fragsChanged) }
                for p in scene.premature where p.isSlot(i, of: b.ref) {
                    let note = "  " + Describe.prematureNote(p, frag: f, in: state, mark: "↑")
                    out += note.wrapped(width: PictureObjects.wrapWidth, indent: 4).map {
                        line([Span($0, Style(foreground: .red, bold: true))])
                    }
                }
            }
            if !b.fragList.isEmpty {
                let members = b.fragList.map { m in state.skbs[m].map { s in s.name.map { "\($0) s\(m)" } ?? "s\(m)" } ?? "s\(m)" }
                add("frag_list " + members.joined(separator: " → ") + (b.fragListOwned ? "" : "  (no users ref yet)"),
                    changed.contains(.data(id, .fragList)), links: b.fragList.map(Link.member))
            }
            if let d = b.destructor {
                add("shinfo->destructor \(d)", changed.contains(.data(id, .destructor)))
            } else if changed.contains(.data(id, .destructor)) {
                add("shinfo->destructor NULL", true)
            }
            if let o = b.orig {
                add("orig → d\(o)" + (b.shinfo == .copied ? " (copied, not a reference)" : ""), changed.contains(.data(id, .orig)), links: [.orig(o)])
            }
            let zcChanged = changed.contains(.data(id, .zc)) || changed.contains(.data(id, .ubuf))
            if let zc = Describe.zerocopy(of: b, in: state) {
                add(zc, zcChanged)
            } else if zcChanged {
                add("zc 0  (no ubuf)", true)
            }
            return out
        }

        // MARK: Pages

        func page(_ p: Page, freed: Bool) -> PageBox {
            let name = Span(state.pageRef(p.id), Style(bold: true))
            if freed {
                let lines = [line([name, Span("  freed", Style(foreground: .red, bold: true))], changed: true),
                             line([Span("(count reached 0: put_page frees it)", Style(dim: true))])]
                return PageBox(id: p.id, slot: 0, lines: lines, created: false, freed: true)
            }
            let created = changed.contains(.object(.page(p.id)))
            var lines = [line([name, Span("  count "), value("\(p.count)", .page(p.id, .count))], changed: created)]
            let slots = pageSlots[p.id] ?? []
            let holdersChanged = changed.contains(.page(p.id, .held))
            for piece in ((Describe.kernelPage(p, in: state, arrow: "←").map { $0 + "; " } ?? "") + Describe.holders(of: p, slots: slots)).wrapped(width: PictureObjects.wrapWidth, indent: 2, keepingGroups: true) {
                lines.append(line([Span(piece, Style(dim: true))], changed: holdersChanged))
            }
            return PageBox(id: p.id, slot: 0, lines: lines, created: created, freed: false)
        }
    }
}
