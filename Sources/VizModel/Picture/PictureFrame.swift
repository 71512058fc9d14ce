/// The geometry a set of pictures shares: a row for every slot any of them fills, each as
/// tall as its tallest object, columns as wide as their widest text, one scale for the
/// buffers, and room for the longest caption. Pictures drawn in one frame put each object at
/// the same place, so the pictures of a run (`--every`) play as an animation.
public struct PictureFrame: Hashable, Sendable {
    /// Per kind, the height in pixels of the row of each slot shown.
    var skbRows: [Int: Double] = [:]
    var dataRows: [Int: Double] = [:]
    var pageRows: [Int: Double] = [:]
    /// The widest text of each column, in cells.
    var skbCells = 0
    var shinfoCells = 0
    var pageCells = 0
    /// The largest buffer: the one drawn `Metrics.barMax` wide; the others to its scale.
    var maxBufferSize = 0
    /// The caption's lines above the legend (`Metrics.captionLines`), at most.
    var captionLines = 0

    /// A frame that fits nothing yet.
    public init() {}

    /// The frame of one picture alone.
    public init(fitting scene: PictureScene) {
        fit(scene)
    }

    /// Grows the frame to fit `scene` too.
    public mutating func fit(_ scene: PictureScene) {
        let objects = PictureObjects(scene)
        for s in objects.skbs {
            skbRows[s.slot] = max(skbRows[s.slot] ?? 0, Metrics.boxHeight(lines: s.lines.count) + Metrics.rowGap)
            skbCells = max(skbCells, s.lines.map(\.width).max() ?? 0)
        }
        for b in objects.buffers {
            dataRows[b.slot] = max(dataRows[b.slot] ?? 0, Metrics.bufferRowHeight(b))
            shinfoCells = max(shinfoCells, (b.shinfo.map(\.width) + [Metrics.shinfoTitle.count]).max() ?? 0)
            maxBufferSize = max(maxBufferSize, b.size)
        }
        for p in objects.pages {
            pageRows[p.slot] = max(pageRows[p.slot] ?? 0, Metrics.boxHeight(lines: p.lines.count) + Metrics.rowGap)
            pageCells = max(pageCells, p.lines.map(\.width).max() ?? 0)
        }
        captionLines = max(captionLines, Metrics.captionLines(scene.caption).count)
    }

    // MARK: Places

    var skbWidth: Double { Metrics.boxWidth(cells: skbCells) }
    var shinfoWidth: Double { Metrics.boxWidth(cells: shinfoCells) }
    var pageWidth: Double { Metrics.boxWidth(cells: pageCells) }
    /// Where the buffers' `head` is.
    var barsX: Double { Metrics.margin + (skbRows.isEmpty ? 0 : skbWidth + Metrics.skbGap) }
    var pagesX: Double { barsX + Metrics.barMax + Metrics.shinfoGap + shinfoWidth + Metrics.pageGap }
    var width: Double {
        let objects = pageRows.isEmpty ? pagesX - Metrics.pageGap + Metrics.margin : pagesX + pageWidth + Metrics.margin
        return max(objects, 2 * Metrics.margin + Double(Metrics.captionCells) * Metrics.cell)
    }

    /// The width of a buffer of `size` bytes, to the frame's scale.
    func barWidth(_ size: Int) -> Double {
        guard maxBufferSize > 0 else { return Metrics.barMax }
        return max(Metrics.barMin, (Metrics.barMax * Double(size) / Double(maxBufferSize)).rounded())
    }

    /// The top of each slot's row, per kind.
    func tops(_ rows: [Int: Double]) -> [Int: Double] {
        var y = Metrics.margin, out: [Int: Double] = [:]
        for slot in rows.keys.sorted() {
            out[slot] = y
            y += rows[slot]!
        }
        return out
    }

    /// Where the objects end and the caption starts.
    var objectsBottom: Double {
        let tallest = [skbRows, dataRows, pageRows].map { $0.values.reduce(0, +) }.max() ?? 0
        return Metrics.margin + max(tallest, Metrics.line * 2)
    }

    var height: Double {
        objectsBottom + Metrics.captionGap + Metrics.captionHeight(lines: captionLines) + Metrics.margin
    }
}

/// The sizes of a picture, in pixels: one monospaced font, so a text's width is its cells.
enum Metrics {
    static let fontSize = 12.0
    static let titleSize = 14.0
    /// The advance of one cell of the font (0.6 em).
    static let cell = 7.2
    static let line = 16.0
    static let margin = 20.0
    static let padding = 8.0
    static let rowGap = 16.0
    static let skbGap = 72.0
    static let barMax = 360.0
    static let barMin = 56.0
    static let shinfoGap = 20.0
    static let pageGap = 80.0
    static let captionGap = 20.0
    /// The caption wraps at this many cells.
    static let captionCells = 120
    static let shinfoTitle = "skb_shared_info"
    /// From a buffer row's top: its label, the tick names, then the strips.
    static let labelBaseline = 12.0
    static let tickBaseline = 28.0
    static let stripsTop = 34.0
    /// A strip's block: the counts line, then the bar.
    static let stripPitch = 42.0
    static let countsBaseline = 12.0
    static let barTop = 16.0
    static let barHeight = 20.0

    /// Text baseline of line `i` of a box whose top is `top`.
    static func baseline(_ top: Double, _ i: Int) -> Double { top + padding + 9 + Double(i) * line }

    static func boxHeight(lines: Int) -> Double { Double(lines) * line + 2 * padding - 4 }

    static func boxWidth(cells: Int) -> Double { Double(cells) * cell + 2 * padding }

    static func bufferRowHeight(_ b: PictureObjects.BufferBox) -> Double {
        if b.freedNote != nil { return tickBaseline + 8 + rowGap }
        let strips = Double(max(1, b.strips.count)) * stripPitch
        let shinfo = boxHeight(lines: b.shinfo.count + 1)
        return stripsTop + max(strips, shinfo) + rowGap
    }

    // MARK: Caption

    /// The caption's lines above the legend, each wrapped to the picture: the title (in the
    /// title's size, so at fewer cells), the source, the call, then the lines that vary from
    /// step to step: the step's text, what the step caused, the completion objects of a
    /// zero-copy design and the call's notes.
    static func captionLines(_ c: PictureCaption) -> [(text: String, style: Style, size: Double)] {
        var out: [(String, Style, Double)] = []
        func add(_ text: String, _ style: Style, indent: Int = 2, size: Double = fontSize) {
            let cells = Int(Double(captionCells) * fontSize / size)
            for piece in text.wrapped(width: cells, indent: indent) { out.append((piece, style, size)) }
        }
        add(c.title, Style(bold: true), size: titleSize)
        add(c.source, Style(dim: true))
        add(c.call, Style(bold: true))
        if let step = c.step { add(step, Style()) }
        for o in c.outcomes { add(o.text, o.style) }
        for completion in c.completions { add(completion, Style(foreground: .magenta)) }
        for note in c.notes { add("note: " + note, Style(foreground: .cyan), indent: 6) }
        return out
    }

    /// The caption's `lines` and the legend's two.
    static func captionHeight(lines: Int) -> Double { Double(2 + lines) * line + 4 }
}
