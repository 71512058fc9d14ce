/// A step as an SVG diagram: each sk_buff a box with its fields, each data buffer to scale
/// with its `head`/`data`/`tail`/`end` ticks and byte counts and its `skb_shared_info` box
/// after `end`, each page a box with its count; arrows skb → buffer, frag → page,
/// `orig` → parent and `frag_list` → member; what the step changed highlighted; a caption.
///
/// Objects sit in the viewer's slots (`Placement`) within a `PictureFrame`; pictures drawn in
/// one frame keep every object in its place. Text is `<text>`, one monospaced font; the card
/// is light, or dark where the reader prefers it (`prefers-color-scheme`).
public enum Picture {
    /// The picture of `session` at its cursor, in its own frame.
    public static func svg(of session: ViewerSession) -> String {
        svg(PictureScene(session))
    }

    /// The picture of `scene` in `frame` (by default the frame of this picture alone).
    public static func svg(_ scene: PictureScene, frame: PictureFrame? = nil) -> String {
        var drawing = Drawing(scene: scene, frame: frame ?? PictureFrame(fitting: scene))
        return drawing.draw()
    }

    /// Every step of `session`'s run, from the first, drawn in one frame fitted to them all:
    /// `body` gets each step's global index and its SVG.
    public static func every(_ session: ViewerSession, _ body: (Int, String) throws -> Void) rethrows {
        let count = session.history.stepCount
        guard count > 0 else { return }
        var frame = PictureFrame()
        var walk = session
        _ = walk.apply(.firstStep, count: 1)
        for i in 1...count {
            if i > 1 { _ = walk.apply(.nextStep) }
            frame.fit(PictureScene(walk))
        }
        _ = walk.apply(.firstStep, count: 1)
        for i in 1...count {
            if i > 1 { _ = walk.apply(.nextStep) }
            try body(i, svg(PictureScene(walk), frame: frame))
        }
    }

    /// `step-0001.svg`: step `index`'s file among `count` steps, numbered to sort as text.
    public static func fileName(step index: Int, of count: Int) -> String {
        "step-" + padded(index, digits(count)) + ".svg"
    }

    static func digits(_ count: Int) -> Int { max(4, String(count).count) }

    static func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

/// One picture being drawn: the objects placed in the frame, arrows first (under the boxes),
/// then the boxes, then the caption.
private struct Drawing {
    let scene: PictureScene
    let frame: PictureFrame
    let objects: PictureObjects
    var out = SVGText()
    /// Where each object was put, for the arrows: the box's top-left and size.
    private var skbBoxes: [Int: (x: Double, y: Double, width: Double)] = [:]
    private var stripEnds: [Int: [Int: (x: Double, y: Double)]] = [:]
    private var shinfoBoxes: [Int: (x: Double, y: Double, width: Double)] = [:]
    private var pageBoxes: [Int: (x: Double, y: Double)] = [:]

    init(scene: PictureScene, frame: PictureFrame) {
        self.scene = scene
        self.frame = frame
        objects = PictureObjects(scene)
    }

    mutating func draw() -> String {
        let width = frame.width, height = frame.height
        let w = SVGText.number(width), h = SVGText.number(height)
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("width", w), ("height", h), ("viewBox", "0 0 \(w) \(h)"),
                            ("font-family", PictureStyle.fontFamily), ("font-size", SVGText.number(Metrics.fontSize)),
                            ("xml:space", "preserve"), ("role", "img"), ("aria-labelledby", "picture-title")], open: true)
        out.raw("\n")
        out.element("title", [("id", "picture-title")], open: true)
        let c = scene.caption
        out.raw(SVGText.escaped([c.title, c.call, c.step ?? ""].filter { !$0.isEmpty }.joined(separator: "; ")))
        out.close("title")
        out.raw(PictureStyle.sheet)
        out.element("rect", [("class", "card"), ("width", w), ("height", h), ("rx", "10")])
        place()
        out.element("g", [("id", "arrows")], open: true)
        out.raw("\n")
        arrows()
        out.close("g")
        out.element("g", [("id", "objects")], open: true)
        out.raw("\n")
        skbs()
        buffers()
        pages()
        if objects.skbs.isEmpty && objects.buffers.isEmpty && objects.pages.isEmpty {
            out.line([Span("(nothing allocated)", Style(dim: true))], x: Metrics.margin, y: Metrics.margin + Metrics.line)
        }
        out.close("g")
        caption()
        out.close("svg")
        return out.text
    }

    // MARK: Places

    /// Computes where every box, strip and shinfo box goes.
    private mutating func place() {
        let skbTops = frame.tops(frame.skbRows)
        for s in objects.skbs {
            skbBoxes[s.id] = (Metrics.margin, skbTops[s.slot] ?? Metrics.margin, frame.skbWidth)
        }
        let dataTops = frame.tops(frame.dataRows)
        for b in objects.buffers where b.freedNote == nil {
            let top = dataTops[b.slot] ?? Metrics.margin, x = frame.barsX, bw = frame.barWidth(b.size)
            var ends: [Int: (Double, Double)] = [:]
            for (i, strip) in b.strips.enumerated() {
                let y = top + Metrics.stripsTop + Double(i) * Metrics.stripPitch + Metrics.barTop + Metrics.barHeight / 2
                for id in strip.skbs { ends[id] = (x, y) }
            }
            stripEnds[b.id] = ends
            shinfoBoxes[b.id] = (x + bw + Metrics.shinfoGap, top + Metrics.stripsTop, frame.shinfoWidth)
        }
        let pageTops = frame.tops(frame.pageRows)
        for p in objects.pages where !p.freed {
            pageBoxes[p.id] = (frame.pagesX, pageTops[p.slot] ?? Metrics.margin)
        }
    }

    // MARK: Boxes

    private func boxClass(_ kind: String, created: Bool, freed: Bool) -> String {
        kind + (created ? " created" : "") + (freed ? " freed" : "")
    }

    private mutating func box(x: Double, y: Double, width: Double, lines: [PictureObjects.Line], className: String) {
        out.element("rect", [("class", className), ("x", SVGText.number(x)), ("y", SVGText.number(y)),
                             ("width", SVGText.number(width)), ("height", SVGText.number(Metrics.boxHeight(lines: lines.count))),
                             ("rx", "4")])
        for (i, l) in lines.enumerated() {
            out.line(l.spans, x: x + Metrics.padding, y: Metrics.baseline(y, i))
        }
    }

    private mutating func skbs() {
        for s in objects.skbs {
            guard let (x, y, width) = skbBoxes[s.id] else { continue }
            out.element("g", [("id", "skb-s\(s.id)"), ("class", boxClass("skb", created: s.created, freed: s.freed))], open: true)
            out.raw("\n")
            box(x: x, y: y, width: width, lines: s.lines, className: boxClass("box", created: s.created, freed: s.freed))
            out.close("g")
        }
    }

    private mutating func buffers() {
        let tops = frame.tops(frame.dataRows)
        for b in objects.buffers {
            let top = tops[b.slot] ?? Metrics.margin, x = frame.barsX
            out.element("g", [("id", "data-d\(b.id)"), ("class", boxClass("buffer", created: b.created, freed: b.freedNote != nil))],
                        open: true)
            out.raw("\n")
            out.line(b.label.spans, x: x, y: top + Metrics.labelBaseline)
            if let note = b.freedNote {
                out.line(note.spans, x: x, y: top + Metrics.tickBaseline)
                out.close("g")
                continue
            }
            let bw = frame.barWidth(b.size)
            if b.strips.isEmpty {
                tickNames([("head", 0, x), ("end", b.size, x + bw)], y: top + Metrics.tickBaseline)
                strip(nil, of: b, x: x, width: bw, top: top + Metrics.stripsTop)
            }
            for (i, s) in b.strips.enumerated() {
                let ticks = stripTicks(s.bar, x: x, width: bw)
                if i == 0 {
                    tickNames(zip(s.bar.marks, ticks).map { ($0.name, $0.offset, $1) }, y: top + Metrics.tickBaseline)
                }
                strip(s, of: b, x: x, width: bw, top: top + Metrics.stripsTop + Double(i) * Metrics.stripPitch)
            }
            let stripsBottom = top + Metrics.stripsTop + Double(max(1, b.strips.count)) * Metrics.stripPitch
            for tx in [x, x + bw] { tick(tx, from: top + Metrics.tickBaseline + 4, to: stripsBottom - Metrics.stripPitch + Metrics.barTop + Metrics.barHeight) }
            if let (sx, sy, sw) = shinfoBoxes[b.id] {
                out.element("line", [("class", "tick"), ("x1", SVGText.number(x + bw)), ("y1", SVGText.number(sy + Metrics.line)),
                                     ("x2", SVGText.number(sx)), ("y2", SVGText.number(sy + Metrics.line))])
                var lines = [PictureObjects.Line(spans: [Span(Metrics.shinfoTitle, Style(dim: true))])]
                lines += b.shinfo
                out.element("g", [("class", "shinfo")], open: true)
                out.raw("\n")
                box(x: sx, y: sy, width: sw, lines: lines, className: "box")
                out.close("g")
            }
            out.close("g")
        }
    }

    /// The x of `head`, `data`, `tail` and `end` for a geometry, to scale.
    private func stripTicks(_ bar: BufferBar, x: Double, width: Double) -> [Double] {
        let total = Double(max(1, bar.headroom + bar.headlen + bar.tailroom))
        let h = width * Double(bar.headroom) / total, d = width * Double(bar.headlen) / total
        return [x, x + h, x + h + d, x + width]
    }

    /// The tick names at their x (`BufferBar.markNames`).
    private mutating func tickNames(_ items: [(name: String, offset: Int, at: Double)], y: Double) {
        for piece in BufferBar.markNames(items, width: { Double($0.count) * Metrics.cell }, gap: 4) {
            out.line([Span(piece.name, Style(dim: true))], x: piece.at, y: y)
        }
    }

    private mutating func tick(_ x: Double, from y1: Double, to y2: Double) {
        out.element("line", [("class", "tick"), ("x1", SVGText.number(x)), ("y1", SVGText.number(y1)),
                             ("x2", SVGText.number(x)), ("y2", SVGText.number(y2))])
    }

    /// One bar: the regions to scale, their byte counts above them, the ticks between; `nil`
    /// for a buffer no skb points at.
    private mutating func strip(_ s: PictureObjects.Strip?, of b: PictureObjects.BufferBox, x: Double, width: Double, top: Double) {
        let barY = top + Metrics.barTop
        let bar = s?.bar ?? BufferBar(headroom: 0, headlen: 0, tailroom: b.size)
        let ticks = stripTicks(bar, x: x, width: width)
        let names = s.map { $0.skbs.map { id in scene.state.skbs[id].map { $0.name ?? $0.ref } ?? "s\(id)" }.joined(separator: " ") }
        out.element("g", [("class", "strip" + ((s?.changed ?? false) ? " changed" : ""))], open: true)
        out.title(names.map { "\($0): headroom \(bar.headroom), linear \(bar.headlen), tailroom \(bar.tailroom)" }
                  ?? "no sk_buff: \(b.size) bytes")
        out.raw("\n")
        let regions: [(String, Int)] = s == nil ? [("unused", b.size)]
            : [("headroom", bar.headroom), ("linear", bar.headlen), ("tailroom", bar.tailroom)]
        let edges = s == nil ? [x, x + width] : ticks
        let fits = regions.indices.allSatisfy { i in
            regions[i].1 == 0 || Double("\(regions[i].1)".count) * Metrics.cell + 4 <= edges[i + 1] - edges[i]
        }
        for (i, (kind, bytes)) in regions.enumerated() where bytes > 0 {
            let rx = edges[i], rw = edges[i + 1] - edges[i]
            out.element("rect", [("class", kind), ("x", SVGText.number(rx)), ("y", SVGText.number(barY)),
                                 ("width", SVGText.number(rw)), ("height", SVGText.number(Metrics.barHeight))])
            let text = "\(bytes)"
            if fits {
                out.line([Span(text)], x: rx + (rw - Double(text.count) * Metrics.cell) / 2, y: top + Metrics.countsBaseline)
            }
        }
        if !fits {
            // As the viewer does (`│ 64/2/1982 │`): no count is lost. Centred on the bar, it may
            // reach past it, but not into the shinfo box beside it.
            let text = regions.map { "\($0.1)" }.joined(separator: "/"), tw = Double(text.count) * Metrics.cell
            let tx = min(x + (width - tw) / 2, x + width + Metrics.shinfoGap - 4 - tw)
            out.line([Span(text)], x: tx, y: top + Metrics.countsBaseline)
        }
        if s == nil {
            let note = "no sk_buff"
            if Double(note.count) * Metrics.cell + 4 <= width {
                out.line([Span(note, Style(dim: true))], x: x + (width - Double(note.count) * Metrics.cell) / 2, y: barY + 14)
            }
        }
        for tx in ticks.dropFirst().dropLast() where s != nil { tick(tx, from: top + 2, to: barY + Metrics.barHeight) }
        out.element("rect", [("class", "bar"), ("x", SVGText.number(x)), ("y", SVGText.number(barY)),
                             ("width", SVGText.number(width)), ("height", SVGText.number(Metrics.barHeight))])
        out.close("g")
    }

    private mutating func pages() {
        let tops = frame.tops(frame.pageRows)
        for p in objects.pages {
            let (x, y) = pageBoxes[p.id] ?? (frame.pagesX, tops[p.slot] ?? Metrics.margin)
            out.element("g", [("id", "page-\(p.id)"), ("class", boxClass("page", created: p.created, freed: p.freed)),
                              ("data-name", scene.state.pageRef(p.id))], open: true)
            out.raw("\n")
            box(x: x, y: y, width: frame.pageWidth, lines: p.lines, className: boxClass("box", created: p.created, freed: p.freed))
            out.close("g")
        }
    }

    // MARK: Arrows

    private mutating func arrows() {
        for s in objects.skbs {
            guard let d = s.data, let (x, y, width) = skbBoxes[s.id], let end = stripEnds[d]?[s.id] else { continue }
            arrow(id: "head-s\(s.id)", kind: "skb-data", from: "skb-s\(s.id)", to: "data-d\(d)", changed: s.dataChanged,
                  start: (x + width, Metrics.baseline(y, 0) - 4), end: (end.x - 1, end.y), bend: .across)
        }
        for b in objects.buffers {
            guard let (bx, by, bw) = shinfoBoxes[b.id] else { continue }
            var frag = 0, member = 0
            for (i, l) in b.shinfo.enumerated() {
                let y = Metrics.baseline(by, i + 1) - 4
                for link in l.links {
                    switch link {
                    case .page(let p, let owned):
                        defer { frag += 1 }
                        guard let (px, py) = pageBoxes[p] else { continue }
                        arrow(id: "frag-d\(b.id)-\(frag)", kind: "frag" + (owned ? "" : " unowned"), from: "data-d\(b.id)",
                              to: "page-\(p)", changed: l.changed, start: (bx + bw, y), end: (px - 1, Metrics.baseline(py, 0) - 4),
                              bend: .across)
                    case .orig(let o):
                        guard let (ox, oy, ow) = shinfoBoxes[o] else { continue }
                        arrow(id: "orig-d\(b.id)", kind: "orig", from: "data-d\(b.id)", to: "data-d\(o)", changed: l.changed,
                              start: (bx + bw, y), end: (ox + ow + 1, Metrics.baseline(oy, 0) - 4), bend: .loopRight)
                    case .member(let m):
                        defer { member += 1 }
                        guard let (mx, my, mw) = skbBoxes[m] else { continue }
                        arrow(id: "frag_list-d\(b.id)-\(member)", kind: "frag-list", from: "data-d\(b.id)", to: "skb-s\(m)",
                              changed: l.changed, start: (bx, y), end: (mx + mw + 1, Metrics.baseline(my, 1) - 4), bend: .back)
                    }
                }
            }
        }
    }

    private enum Bend {
        /// Left to right: out of the right side, into the left.
        case across
        /// Out of the right side and back into a right side.
        case loopRight
        /// Out of the left side, into a right side further left.
        case back
    }

    private mutating func arrow(id: String, kind: String, from: String, to: String, changed: Bool,
                                start: (Double, Double), end: (Double, Double), bend: Bend) {
        let (x1, y1) = start, (x2, y2) = end
        let c1: Double, c2: Double
        switch bend {
        case .across:
            let dx = max(24, (x2 - x1) / 2)
            (c1, c2) = (x1 + dx, x2 - dx)
        case .loopRight:
            let right = max(x1, x2) + 36 + min(60, abs(y2 - y1) / 8)
            (c1, c2) = (right, right)
        case .back:
            let dx = max(40, (x1 - x2) / 3)
            (c1, c2) = (x1 - dx, x2 + dx)
        }
        let n = SVGText.number
        let marker = changed ? "changed" : kind.split(separator: " ").first.map(String.init) ?? kind
        out.element("path", [("id", id), ("class", "arrow \(kind)" + (changed ? " changed" : "")), ("data-from", from), ("data-to", to),
                             ("d", "M\(n(x1)),\(n(y1)) C\(n(c1)),\(n(y1)) \(n(c2)),\(n(y2)) \(n(x2)),\(n(y2))"),
                             ("marker-end", "url(#m-\(marker))")])
    }

    // MARK: Caption

    private mutating func caption() {
        let x = Metrics.margin
        var y = frame.objectsBottom + Metrics.captionGap + Metrics.titleSize
        out.element("g", [("id", "caption")], open: true)
        out.raw("\n")
        for (text, style, size) in Metrics.captionLines(scene.caption) {
            out.line([Span(text, style)], x: x, y: y, size: size)
            y += Metrics.line
        }
        y = frame.objectsBottom + Metrics.captionGap + Metrics.captionHeight(lines: frame.captionLines) - 4 - Metrics.line
        out.line([Span("highlighted", Style(changed: true)), Span(": what this step changed   ", Style(dim: true)),
                  Span("arrows: skb → buffer, frag → page, orig → parent, frag_list → member", Style(dim: true))], x: x, y: y)
        barsLegend(x: x, y: y + Metrics.line)
        out.close("g")
    }

    /// What the bars' colours and the dashes mean, for a reader who has not seen the viewer:
    /// a swatch of each region drawn as the bars draw it, then its name.
    private mutating func barsLegend(x: Double, y: Double) {
        var text = "bars:"
        var swatches: [(kind: String, column: Int)] = []
        for (kind, name) in [("headroom", "headroom"), ("linear", "linear data"), ("tailroom", "tailroom")] {
            swatches.append((kind, text.count + 1))
            text += "    " + name + " "
        }
        text += "  dashed box: freed   dashed frag arrow: the slot holds no page reference"
        let n = SVGText.number
        for s in swatches {
            let sx = x + Double(s.column) * Metrics.cell
            for kind in [s.kind, "bar"] {
                out.element("rect", [("class", kind), ("x", n(sx)), ("y", n(y - 9)), ("width", n(2 * Metrics.cell)), ("height", "10")])
            }
        }
        out.line([Span(text, Style(dim: true))], x: x, y: y)
    }
}
