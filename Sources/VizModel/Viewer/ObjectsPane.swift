/// The objects pane's lines: each sk_buff, each data buffer drawn to scale with its marks and
/// its `skb_shared_info`, and each page with its holders, in their stable places.
struct ObjectsPane {
    let state: SkbState
    let step: Step?
    let placement: Placement
    let options: ViewerOptions
    /// Content width in columns.
    let width: Int
    /// Whether the cursor is inside a call (not at its last step): references held by the
    /// call are then the running call's, not leaks.
    let callRunning: Bool

    /// Fields the current step changed (`d1.dataref`), and objects it created or freed (`d2`).
    private let changed: Set<FieldPath>
    private let freedSkbs: [SkBuff]
    private let freedData: [DataBuffer]
    private let freedPages: [Page]

    init(state: SkbState, step: Step?, placement: Placement, options: ViewerOptions, width: Int, callRunning: Bool) {
        self.state = state
        self.callRunning = callRunning
        self.step = step
        self.placement = placement
        self.options = options
        self.width = width
        let marks = StepMarks(step: step, state: state)
        changed = marks.changed
        freedSkbs = marks.freedSkbs
        freedData = marks.freedData
        freedPages = marks.freedPages
    }

    // MARK: Styles

    /// `text` highlighted if `path` changed (with a `*` when there is no colour).
    private func value(_ text: String, _ path: FieldPath, _ style: Style = .plain) -> [Span] {
        guard changed.contains(path) else { return [Span(text, style)] }
        var s = style
        s.changed = true
        return [Span(text, s), Span(options.changeMark, s)]
    }

    /// `spans` highlighted if `isChanged`, with a `*` after them when there is no colour;
    /// `name`: what a drawing is called when it is out of view (`Span.changeName`).
    private func mark(_ spans: [Span], if isChanged: Bool, named name: String? = nil) -> [Span] {
        guard isChanged else { return spans }
        var out = spans.map { Span($0.text, { var s = $0; s.changed = true; return s }($0.style), changeName: name) }
        out.append(Span(options.changeMark, Style(changed: true), changeName: name))
        return out
    }

    /// The whole line highlighted, with a `*` after it when there is no colour; `name` as for `mark`.
    private func markLine(_ line: StyledLine, if isChanged: Bool, named name: String) -> StyledLine {
        guard isChanged else { return line }
        var out = StyledLine()
        for (x, span) in line.spans {
            var s = span.style
            s.changed = true
            out.place(Span(span.text, s, changeName: name), at: x)
        }
        out.append(Span(options.changeMark, Style(changed: true), changeName: name))
        return out
    }

    private var arrow: String {
        let g = options.glyphs
        return "\(g.horizontal)\(g.horizontal)\(g.arrowHead)"
    }

    // MARK: Lines

    var lines: [StyledLine] { layout.lines }

    /// The pane's lines, and the first line of each live object on them, in line order: where
    /// the object cursor can rest (`ObjectCursor`).
    var layout: (lines: [StyledLine], anchors: [(key: ObjectKey, line: Int)]) {
        var out: [StyledLine] = []
        var anchors: [(key: ObjectKey, line: Int)] = []
        /// Appends a group of blocks, a blank line before it and between its blocks when asked.
        func append(_ blocks: [Block], spaced: Bool) {
            guard !blocks.isEmpty else { return }
            if !out.isEmpty { out.append(StyledLine()) }
            for (i, b) in blocks.enumerated() {
                if spaced && i > 0 { out.append(StyledLine()) }
                if let key = b.key { anchors.append((key, out.count)) }
                out += b.lines
            }
        }
        let (skbs, predicatesShown) = skbBlocks()
        append(skbs, spaced: false)
        append(bufferBlocks(predicates: !predicatesShown), spaced: true)
        append(pageBlocks(), spaced: false)
        append(completionBlocks(), spaced: false)
        if out.isEmpty { out = [StyledLine("(nothing allocated)", Style(dim: true))] }
        return (out, anchors)
    }

    /// The lines of one object (nil key: one the step freed, or the socket's queue).
    private struct Block {
        var key: ObjectKey?
        var lines: [StyledLine]
    }

    /// The live objects of a kind and those the step freed (flagged), in slot order, each with
    /// its slot (`Int.max` for none), ties by id.
    private func inSlots<T>(_ live: some Collection<T>, freed: [T], _ kind: Placement.Kind,
                            id: (T) -> Int) -> [(Int, T, Bool)] {
        let all = live.map { (placement.slot(kind, id($0)) ?? Int.max, $0, false) }
            + freed.map { (placement.slot(kind, id($0)) ?? Int.max, $0, true) }
        return all.sorted { ($0.0, id($0.1)) < ($1.0, id($1.1)) }
    }

    // MARK: sk_buffs

    /// The skb rows, and whether they show `skb_cloned()` and `skb_header_cloned()` (when
    /// they do not, each buffer's shinfo does).
    private func skbBlocks() -> ([Block], Bool) {
        let bySlot = inSlots(state.skbs.values, freed: freedSkbs, .skb, id: \.id)
        guard !bySlot.isEmpty else { return ([], true) }
        func key(_ s: SkBuff, _ freed: Bool) -> ObjectKey? { freed ? nil : .skb(s.id) }
        // The columns of the table, widest form first; narrower forms drop or shorten.
        for detail in RowDetail.widestFirst {
            let rows = bySlot.map { skbRow($0.1, freed: $0.2, detail) }
            if let lines = table(rows) {
                return (zip(bySlot, lines).map { Block(key: key($0.0.1, $0.0.2), lines: [$0.1]) }, detail.predicates)
            }
        }
        // Too narrow for one line each: flow each skb over several lines, where a field's
        // kernel name costs no row's alignment.
        return (bySlot.map { _, s, freed in Block(key: key(s, freed), lines: flow(skbRow(s, freed: freed, RowDetail.flowed))) }, false)
    }

    /// What an skb row shows. Each narrower form drops more, so that an 80-column table still
    /// fits every row on one line (rows that wrap one by one no longer line up): first a NULL
    /// `skb->destructor`, then the holders, the words of `len` (and `skb->` before
    /// `destructor`), the predicates, and last all but `len` itself.
    private struct RowDetail {
        var nullDestructor = false, holders = false, predicates = true
        var len = Length.words
        /// `skb->destructor`, not `destructor`, in a form whose `len` is not in words.
        var fullDestructor = false

        var destructorLabel: String { len == .words || fullDestructor ? "skb->destructor " : "destructor " }

        enum Length { case words, short, bare }

        static let widestFirst = [
            RowDetail(nullDestructor: true, holders: true),
            RowDetail(holders: true),
            RowDetail(),
            RowDetail(len: .short),
            RowDetail(predicates: false, len: .short),
            RowDetail(predicates: false, len: .bare),
        ]

        /// The form of a row flowed over several lines: the narrowest, but with the field's
        /// whole name, since a row that wraps anyway has room for it.
        static let flowed = RowDetail(predicates: false, len: .bare, fullDestructor: true)
    }

    /// The cells of one skb's row: name, id, users, cloned (with `skb_cloned()` and
    /// `skb_header_cloned()`), nohdr, fclone, len, `skb->destructor`, holders, buffer arrow.
    private func skbRow(_ s: SkBuff, freed: Bool, _ detail: RowDetail) -> [[Span]] {
        let p = s.ref, id = s.id
        let created = changed.contains(.object(.skb(id)))
        let nameStyle = Style(bold: true)
        // Out of view, a new or freed skb is named once, as the steps name it (`a (s1) freed`).
        let identity = s.name.map { "\($0) (\(p))" } ?? p
        let changeName = freed ? identity + " freed" : identity
        var row: [[Span]] = [
            mark([Span(s.name ?? "-", nameStyle)], if: created, named: changeName),
            mark([Span(p, nameStyle)], if: created, named: changeName),
        ]
        if freed {
            row.append(mark([Span("freed", Style(foreground: .red, bold: true))], if: true, named: changeName))
            row.append([Span(Describe.freedSkb(s, arrow: arrow), Style(dim: true))])
            return row
        }
        row.append([Span("users ")] + value("\(s.users)", .skb(id, .users)))
        // skb_cloned() and skb_header_cloned() follow `cloned` and the buffer's dataref.
        let predicates = detail.predicates ? Describe.predicatesText(of: s, in: state) : ""
        let predicatesChanged = !predicates.isEmpty && predicatesChanged(s)
        row.append([Span("cloned ")] + value("\(s.cloned ? 1 : 0)", .skb(id, .cloned))
                   + (predicates.isEmpty ? [] : mark([Span(predicates)], if: predicatesChanged)))
        row.append([Span("nohdr ")] + value("\(s.nohdr ? 1 : 0)", .skb(id, .nohdr)))
        switch s.fclone {
        case .none: row.append([])
        case .orig: row.append([Span(detail.len != .bare ? "fclone orig ref " : "fclone orig ")] + value("\(s.fcloneRef)", .skb(id, .fcloneRef)))
        case .clone:
            let text = detail.predicates ? Describe.fclone(of: s, in: state) ?? "fclone clone" : "fclone clone"
            row.append(value(text, .skb(id, .fclone)))
        }
        let lenChanged = [.len, .dataLen, .headlen].contains { changed.contains(.skb(id, $0)) }
        let len = switch detail.len {
        case .words: Describe.length(of: s, in: state)
        case .short: Describe.length(of: s, in: state, short: true)
        case .bare: "len \(s.len)"
        }
        row.append(mark([Span(len)], if: lenChanged))
        let destructor = detail.destructorLabel
        row.append(s.destructor.map { [Span(destructor)] + value($0, .skb(id, .destructor)) }
                   ?? (detail.nullDestructor ? [Span(destructor)] + value("NULL", .skb(id, .destructor)) : value("", .skb(id, .destructor))))
        if detail.holders {
            let holdersChanged = changed.contains(.skb(id, .held)) || changed.contains(.skb(id, .inFlight))
            row.append(mark([Span(Describe.holders(of: s, in: state, callRunning: callRunning), Style(dim: true))], if: holdersChanged))
        }
        // A struct just allocated, whose head the call has not set yet, points nowhere; a head
        // whose reference is released, or whose buffer is gone, says so (unmarked: the buffer's
        // own change is what the step did).
        let headState = Describe.headState(of: s, in: state)
        row.append(s.data == 0 ? value("head (not set)", .skb(id, .data), Style(dim: true))
                   : [Span(arrow + " ")] + value("d\(s.data)", .skb(id, .data), Style(bold: true))
                   + (headState.isEmpty ? [] : [Span(headState, Style(dim: true))]))
        return row
    }

    /// Whether `skb_cloned()` or `skb_header_cloned()` of `s` answered otherwise before the
    /// step (its `cloned`, or its buffer's `dataref`, changed).
    private func predicatesChanged(_ s: SkBuff) -> Bool {
        guard let step, changed.contains(.skb(s.id, .cloned)) || changed.contains(.data(s.data, .dataref)) else { return false }
        var skb = s, buffer = state.data[s.data]
        for d in step.deltas {
            switch (d.key, d.before) {
            case (.skb(let id), .skb(let v)?) where id == s.id: skb = v
            case (.data(let id), .data(let v)?) where id == s.data: buffer = v
            default: break
            }
        }
        let now = Describe.predicates(of: s, in: state)
        let then = buffer.flatMap { Describe.predicates(of: skb, buffer: $0) }
        return now?.cloned != then?.cloned || now?.headerCloned != then?.headerCloned
    }

    /// Lays rows out as aligned columns two blanks apart, or nil if they do not fit `width`.
    /// Rows follow their slots' order with no blank row for a slot nobody holds: a freed skb's
    /// row goes after the step that freed it, as a list view closes up.
    private func table(_ rows: [[[Span]]]) -> [StyledLine]? {
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for r in rows {
            for (i, cell) in r.enumerated() where r.count == columns || i < 2 {
                widths[i] = max(widths[i], cell.reduce(0) { $0 + $1.width })
            }
        }
        let live = rows.filter { $0.count == columns }
        guard !live.isEmpty || rows.allSatisfy({ $0.count < columns }) else { return nil }
        let total = widths.reduce(0, +) + 2 * widths.filter { $0 > 0 }.count
        guard total <= width + 2 else { return nil }
        var out: [StyledLine] = []
        for r in rows {
            var line = StyledLine()
            var x = 0
            for (i, cell) in r.enumerated() {
                if r.count < columns && i >= 2 {
                    line.place(cell, at: line.width + (line.width > 0 ? 2 : 0))
                    continue
                }
                line.place(cell, at: x)
                if widths[i] > 0 { x += widths[i] + 2 }
            }
            guard line.width <= width else { return nil }
            out.append(line)
        }
        return out
    }

    /// One row's cells flowed over as many lines as `width` needs, continuation indented.
    private func flow(_ row: [[Span]]) -> [StyledLine] {
        var out: [StyledLine] = []
        var line = StyledLine()
        for cell in row.flatMap(broken) where !cell.isEmpty {
            let w = cell.reduce(0) { $0 + $1.width }
            if line.width > 0, line.width + 2 + w > width {
                out.append(line)
                line = StyledLine()
                line.pad(to: 4)
            }
            line.place(cell, at: line.width + (line.width > 4 || (line.width > 0 && out.isEmpty) ? 2 : 0))
        }
        out.append(line)
        return out
    }

    /// A cell wider than a continuation line (a completion object's `carried by` list with its
    /// note) broken at its blanks into cells that fit, in its first span's style, so that
    /// `flow` goes on with it on the next lines instead of cutting it at the pane's edge.
    private func broken(_ cell: [Span]) -> [[Span]] {
        let room = max(8, width - 4)
        guard let first = cell.first, cell.reduce(0, { $0 + $1.width }) > room else { return [cell] }
        return cell.map(\.text).joined().wrapped(width: room, indent: 0).map { [Span($0, first.style, changeName: first.changeName)] }
    }

    // MARK: Data buffers

    /// The buffers' blocks; `predicates`: each shinfo says what `skb_cloned()` and
    /// `skb_header_cloned()` answer for its skbs (the skb rows had no room).
    private func bufferBlocks(predicates: Bool) -> [Block] {
        let all = inSlots(state.data.values, freed: freedData, .data, id: \.id)
        guard !all.isEmpty else { return [] }
        let maxSize = max(1, all.map(\.1.size).max() ?? 1)
        let labelWidth = max(10, all.map { Grid.width(of: "\($0.1.ref) \($0.1.size) B") }.max()! + 2)
        var shinfoWidth = min(62, max(30, width - labelWidth - 44))
        var barMax = width - labelWidth - 2 - 2 - shinfoWidth
        var shinfoBelow = false
        if barMax < 12 {
            shinfoBelow = true
            barMax = max(8, width - labelWidth - 2)
            shinfoWidth = max(20, width - labelWidth - 2)
        }
        let pointers = DatarefHolders.Pointers(state)
        return all.map { _, b, freed in
            if freed { return Block(lines: freedBuffer(b, labelWidth: labelWidth)) }
            return Block(key: .data(b.id), lines: buffer(b, pointers: pointers, maxSize: maxSize, barMax: barMax, labelWidth: labelWidth,
                                                          shinfoWidth: shinfoWidth, shinfoBelow: shinfoBelow, predicates: predicates))
        }
    }

    /// `d2 128 B  freed  (head and skb_shared_info kfree'd; dataref was …)`, the parenthesis
    /// wrapped under itself rather than cut at the pane's edge.
    private func freedBuffer(_ b: DataBuffer, labelWidth: Int) -> [StyledLine] {
        var line = StyledLine()
        line.place(mark([Span("\(b.ref) \(b.size) B", Style(bold: true))], if: true, named: "\(b.ref) freed"), at: 0)
        line.place(mark([Span("freed", Style(foreground: .red, bold: true))], if: true, named: "\(b.ref) freed"), at: labelWidth)
        let x = line.width + 2
        let why = "(head and skb_shared_info kfree'd; dataref was \(Describe.dataref(b.dataref, arrow: options.rightArrow)))"
        var out: [StyledLine] = []
        for (i, piece) in why.wrapped(width: max(16, width - x), indent: 1).enumerated() {
            if i > 0 { line = StyledLine() }
            line.place(Span(piece, Style(dim: true)), at: x)
            out.append(line)
        }
        return out
    }

    private func buffer(_ b: DataBuffer, pointers: DatarefHolders.Pointers, maxSize: Int, barMax: Int, labelWidth: Int,
                        shinfoWidth: Int, shinfoBelow: Bool, predicates: Bool) -> [StyledLine] {
        let g = options.glyphs, users = pointers.skbs(on: b.id)
        // A buffer of 0 bytes gets an empty bar, `[]`, its four marks at one place.
        let inner = b.size == 0 ? 0 : max(8, b.size * barMax / maxSize)
        let x0 = labelWidth
        // Skbs with the same geometry share one bar.
        var groups: [(BufferBar, [SkBuff])] = []
        for s in users {
            let geo = BufferBar(s)
            if let i = groups.firstIndex(where: { $0.0 == geo }) { groups[i].1.append(s) } else { groups.append((geo, [s])) }
        }
        var left: [StyledLine] = []
        var title = StyledLine()
        title.place(mark([Span("\(b.ref) \(b.size) B", Style(bold: true))], if: changed.contains(.object(.data(b.id))) || changed.contains(.data(b.id, .size))), at: 0)
        if groups.isEmpty {
            title.merge(marks([("head", 0, x0), ("end", b.size, x0 + inner + 1)]))
            left.append(title)
            var numbers = StyledLine()
            numbers.merge(rule([x0, x0 + inner + 1], counts: [b.size]))
            left.append(numbers)
            var bar = StyledLine()
            bar.place(Span("[", .plain), at: x0)
            let note = "no sk_buff"
            let fill = String(repeating: " ", count: inner)
            bar.place(Span(fill), at: x0 + 1)
            if Grid.width(of: note) <= inner { bar.place(Span(note, Style(dim: true)), at: x0 + 1 + (inner - note.count) / 2) }
            bar.place(Span("]"), at: x0 + inner + 1)
            left.append(bar)
        }
        for (i, (geo, skbs)) in groups.enumerated() {
            let (h, d, _) = geo.cells(inner: inner)
            let marksAt = [x0, x0 + 1 + h, x0 + 1 + h + d, x0 + inner + 1]
            let geoChanged = skbs.contains { s in
                [.headroom, .headlen, .tailroom, .data].contains { changed.contains(.skb(s.id, $0)) } || changed.contains(.object(.skb(s.id)))
            }
            if i == 0 {
                title.merge(marks(zip(geo.marks, marksAt).map { ($0.name, $0.offset, $1) }))
                left.append(title)
            }
            let names = skbs.map { $0.name ?? $0.ref }.joined(separator: " ")
            // Out of view, the counts and the bar are named by the kernel's accessors of the lengths.
            let geoName = "\(names) skb_headroom \(geo.headroom) skb_headlen \(geo.headlen) skb_tailroom \(geo.tailroom)"
            var numbers = StyledLine()
            numbers.merge(markLine(rule(marksAt, counts: [geo.headroom, geo.headlen, geo.tailroom]), if: geoChanged, named: geoName))
            left.append(numbers)
            var bar = StyledLine()
            bar.place(Span(String(names.prefix(labelWidth - 1)), Style(dim: true)), at: 1)
            let (hc, dc, tc) = geo.cells(inner: inner)
            let barSpans = [Span("["),
                            Span(String(repeating: g.headroom, count: hc), Style(foreground: .blue)),
                            Span(String(repeating: g.data, count: dc), Style(foreground: .green)),
                            Span(String(repeating: g.tailroom, count: tc)),
                            Span("]")]
            bar.place(mark(barSpans, if: geoChanged, named: geoName), at: x0)
            left.append(bar)
        }
        // skb_shared_info, after end.
        let shinfo = shinfoLines(b, pointers: pointers, width: shinfoWidth, predicates: predicates)
        if shinfoBelow {
            var out = left
            for l in shinfo {
                var line = StyledLine()
                line.place(l.spansOnly, at: labelWidth + 2)
                out.append(line)
            }
            return out
        }
        let sx = x0 + inner + 2 + 2
        var out = left
        for (i, l) in shinfo.enumerated() {
            let row = i + 1
            while out.count <= row { out.append(StyledLine()) }
            out[row].place(l.spansOnly, at: sx)
        }
        return out
    }

    /// `head`, `data`, `tail`, `end` at their columns (`BufferBar.markNames`).
    private func marks(_ items: [(name: String, offset: Int, at: Int)]) -> StyledLine {
        var line = StyledLine()
        for piece in BufferBar.markNames(items, width: Grid.width(of:), gap: 1) {
            line.place(Span(piece.name, Style(dim: true)), at: piece.at)
        }
        return line
    }

    /// `│  96  │ 54 │   170   │`: a rule at each distinct mark, the byte counts between. When a
    /// segment is too narrow for its count, the counts go together between the outer rules
    /// (`│ 64/2/1982 │`), so no number is lost.
    private func rule(_ at: [Int], counts: [Int]) -> StyledLine {
        var line = StyledLine()
        guard let first = at.first, let last = at.last else { return line }
        let v = String(options.glyphs.vertical)
        let segments = counts.indices.filter { $0 + 1 < at.count }
        let fits = segments.allSatisfy { i in counts[i] == 0 || at[i + 1] - at[i] - 1 >= "\(counts[i])".count }
        for x in Set(fits ? at : [first, last]) { line.place(Span(v, Style(dim: true)), at: x) }
        if fits {
            for i in segments where counts[i] != 0 {
                let a = at[i], b = at[i + 1], text = "\(counts[i])"
                line.place(Span(text), at: a + 1 + (b - a - 1 - text.count) / 2)
            }
        } else {
            let text = String(segments.map { "\(counts[$0])" }.joined(separator: "/").prefix(max(0, last - first - 1)))
            line.place(Span(text), at: first + 1 + max(0, last - first - 1 - text.count) / 2)
        }
        return line
    }

    private func shinfoLines(_ b: DataBuffer, pointers: DatarefHolders.Pointers, width: Int, predicates: Bool) -> [StyledLine] {
        let id = b.id
        var out: [StyledLine] = [StyledLine("skb_shared_info", Style(dim: true))]
        func add(_ text: String, _ path: FieldPath? = nil, _ isChanged: Bool? = nil, style: Style = .plain) {
            let hit = isChanged ?? path.map { changed.contains($0) } ?? false
            // A changed field is highlighted on every line it wraps to; its `*` ends the last one.
            let pieces = text.wrapped(width: width - (hit ? Grid.width(of: options.changeMark) : 0), indent: 2, keepingGroups: true)
            for (i, piece) in pieces.enumerated() {
                var spans = mark([Span(piece, style)], if: hit)
                if hit && i < pieces.count - 1 { spans.removeLast() }
                out.append(StyledLine(spans))
            }
        }
        // `skb_ref_data_parent` makes the copied `orig` a reference; the copied `dataref` is
        // still one until the last step: each line is marked when what it says changes.
        let phaseChanged = changed.contains(.data(id, .shinfo))
        add(Describe.datarefLine(of: b, arrow: options.rightArrow), .data(id, .dataref),
            changed.contains(.data(id, .dataref)) || phaseChanged && b.shinfo != .datarefCopied)
        if b.shinfo == .notInitialised { return out }
        let holders = DatarefHolders(of: b, in: pointers, freed: freedData, callRunning: callRunning)
        if let holders {
            add("  " + holders.text, nil, false, style: Style(dim: true))
        }
        if predicates {
            // `skb_cloned() a 1 b 1, skb_header_cloned() a 1 b 0` for the cloned skbs on it.
            let answers = pointers.skbs(on: b.id).filter(\.cloned).compactMap { s in
                Describe.predicates(of: s, buffer: b).map { (s.name ?? s.ref, $0) }
            }
            if !answers.isEmpty {
                let cloned = answers.map { "\($0.0) \($0.1.cloned ? 1 : 0)" }.joined(separator: " ")
                let header = answers.map { "\($0.0) \($0.1.headerCloned ? 1 : 0)" }.joined(separator: " ")
                add("  skb_cloned() \(cloned), skb_header_cloned() \(header)", nil,
                    pointers.skbs(on: b.id).contains { predicatesChanged($0) }, style: Style(dim: true))
            }
        }
        let fragsChanged = changed.contains(.data(id, .frags)) || changed.contains(.data(id, .nrFrags))
        if b.frags.isEmpty {
            add("nr_frags 0", nil, fragsChanged)
        } else {
            add("nr_frags \(b.nrFrags)", nil, fragsChanged)
            for (i, f) in b.frags.enumerated() {
                let from = Describe.lineage(of: f, in: b, arrow: options.leftArrow, ellipsis: options.ellipsis).map { " " + $0 } ?? ""
                add("frags[\(i)] \(state.pageRef(f.page)) +\(f.off) \(f.size)" + from + (f.owned ? "" : "  (owns no page ref)"), nil, fragsChanged)
                for p in premature where p.isSlot(i, of: b.ref) {
                    add("  " + Describe.prematureNote(p, frag: f, in: state, mark: options.upMark), nil, false,
                        style: Style(foreground: .red, bold: true))
                }
            }
        }
        if !b.fragList.isEmpty {
            let members = b.fragList.map { id in state.skbs[id].map { s in s.name.map { "\($0) s\(id)" } ?? "s\(id)" } ?? "s\(id)" }
            add("frag_list " + members.joined(separator: " \(arrow) ") + (b.fragListOwned ? "" : "  (no users ref yet)"), .data(id, .fragList))
        }
        if let d = b.destructor {
            // The data destructor has a style of its own, here as in the steps and events.
            let text = "shinfo->destructor \(d)"
            if Grid.width(of: text) + Grid.width(of: options.changeMark) <= width {
                out.append(StyledLine([Span("shinfo->destructor ")] + value(d, .data(id, .destructor), ViewerStyle.dataDestructor)))
            } else {
                add(text, .data(id, .destructor))
            }
        } else if changed.contains(.data(id, .destructor)) {
            add("shinfo->destructor NULL", .data(id, .destructor))
        }
        if let waits = Describe.waits(b, holders: holders) {
            add("  " + waits, nil, false, style: Style(dim: true))
        }
        if let orig = Describe.origLine(of: b, in: state, arrow: arrow) {
            add(orig, .data(id, .orig), changed.contains(.data(id, .orig)) || phaseChanged && b.shinfo != .released)
        }
        let zcChanged = changed.contains(.data(id, .zc)) || changed.contains(.data(id, .ubuf))
        if let zc = Describe.zerocopy(of: b, in: state) {
            if !zcChanged, let u = b.ubuf.flatMap({ state.ubufs[$0] }), case let l = Describe.ubufLabel(u), let refcnt = l.refcnt,
               changed.contains(.ubuf(u.id, .refcnt)), Grid.width(of: zc) + Grid.width(of: options.changeMark) <= width {
                // The object's count moved, not the flag: the count is what is marked.
                out.append(StyledLine([Span("zc  ubuf " + l.head)] + value(refcnt, .ubuf(u.id, .refcnt)) + [Span(l.tail)]))
            } else {
                add(zc, nil, zcChanged)
            }
        } else if zcChanged {
            add("zc 0  (no ubuf)", nil, true)
        }
        return out
    }

    /// The frag slots the step's premature_destructor and premature_completion violations
    /// name: still holding user data whose destructor or completion has run.
    private var premature: [Describe.PrematureSlot] {
        Describe.prematureSlots(step?.violations ?? [])
    }

    // MARK: Zero-copy completion objects

    /// The completion objects still pending or carried (and one the step just completed),
    /// each with the buffers that carry it; then the MSG_ZEROCOPY socket's error queue.
    private func completionBlocks() -> [Block] {
        let listed = state.listedUbufs
        let touched = state.sortedUbufs.filter { u in
            !listed.contains(u) && UbufInfo.Field.allCases.contains { changed.contains(.ubuf(u.id, $0)) }
        }
        var out = (listed + touched).map { Block(key: .ubuf($0.id), lines: flow(completionRow($0))) }
        if let socket = Describe.socket(state.socket) {
            let hit = changed.contains(.socket(.errqueue)) || changed.contains(.socket(.zckey))
            out.append(Block(lines: socket.wrapped(width: max(16, width - 2), indent: 4).enumerated().map { i, piece in
                StyledLine(mark([Span(piece)], if: hit && i == 0))
            }))
        }
        return out
    }

    /// The cells of one completion object (`Describe.ubuf`'s parts), each changed field marked
    /// as in the other rows: its name when the step made it, `refcnt`, `id`, `zerocopy`, its
    /// completions, and its carriers when a buffer took it or let it go.
    private func completionRow(_ u: UbufInfo) -> [[Span]] {
        let id = u.id
        let carries = { (b: DataBuffer?) in b.map { $0.zc && $0.ubuf == id } ?? false }
        let carriersChanged = step?.deltas.contains { carries($0.before?.data) != carries($0.after?.data) } ?? false
        return [mark([Span(u.ref, Style(bold: true))], if: changed.contains(.object(.ubuf(id))))]
            + Describe.ubufParts(u, in: state).map { part in
                switch part.source {
                case .fixed: [Span(part.text)]
                case .field(let f): [Span(part.label)] + value(part.value, .ubuf(id, f)) + (part.suffix.isEmpty ? [] : [Span(part.suffix)])
                case .carriers: mark([Span(part.text, Style(dim: true))], if: carriersChanged)
                }
            }.map { $0.filter { !$0.text.isEmpty } }
    }

    // MARK: Pages

    private func pageBlocks() -> [Block] {
        let all = inSlots(state.pages.values, freed: freedPages, .page, id: \.id)
        guard !all.isEmpty else { return [] }
        let slots = Describe.pageSlots(in: state)
        let nameWidth = all.map { Grid.width(of: state.pageRef($0.1.id)) }.max()!
        return all.map { _, page, freed in
            var out: [StyledLine] = []
            var line = StyledLine()
            let created = changed.contains(.object(.page(page.id))) && !freed
            line.place(mark([Span(state.pageRef(page.id), Style(bold: true))], if: created), at: 0)
            let x = nameWidth + 2
            if freed {
                line.place(mark([Span("freed", Style(foreground: .red, bold: true))], if: true), at: x)
                line.append(Span("  (count reached 0: put_page frees it)", Style(dim: true)))
                return Block(lines: [line])
            }
            line.place([Span("count ")] + value("\(page.count)", .page(page.id, .count)), at: x)
            let text = (Describe.kernelPage(page, in: state, arrow: options.leftArrow).map { $0 + "  " } ?? "") + Describe.holders(of: page, slots: slots[page.id] ?? [])
            let hx = x + 10
            let pieces = text.wrapped(width: max(16, width - hx), indent: 4)
            line.place(Span(pieces[0], Style(dim: true)), at: hx)
            out.append(line)
            for piece in pieces.dropFirst() {
                var more = StyledLine()
                more.place(Span(piece, Style(dim: true)), at: hx)
                out.append(more)
            }
            return Block(key: .page(page.id), lines: out)
        }
    }
}

extension StyledLine {
    /// Places every span of `other` at its own column.
    mutating func merge(_ other: StyledLine) {
        for (x, span) in other.spans { place(span, at: x) }
    }

    /// The spans with blanks filling the gaps between them, from column 0.
    var spansWithGaps: [Span] {
        var out: [Span] = []
        var x = 0
        for (sx, span) in spans.sorted(by: { $0.x < $1.x }) {
            if sx > x { out.append(Span(String(repeating: " ", count: sx - x))) }
            if sx < x { continue }
            out.append(span)
            x = sx + span.width
        }
        return out
    }

    /// The spans from column 0, gaps filled (for re-placing a line elsewhere).
    var spansOnly: [Span] { spansWithGaps }
}
