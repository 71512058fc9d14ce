/// How the screen is drawn, apart from its size.
public struct ViewerOptions: Hashable, Sendable {
    /// Whether the painter shows colours. Without them, every changed value also gets a `*`.
    public var usesColor: Bool
    /// Box drawing, or the ASCII fallback.
    public var glyphs: GlyphSet

    public init(usesColor: Bool, glyphs: GlyphSet = .unicode) {
        self.usesColor = usesColor
        self.glyphs = glyphs
    }

    var isASCII: Bool { glyphs == .ascii }
    /// What follows a changed value: `*` without colour (`Style.changeMark`).
    var changeMark: String { Style.changeMark(usesColor: usesColor) }
    /// `→` in text, `->` in ASCII.
    var rightArrow: String { isASCII ? "->" : "→" }
    /// `←` in text, `<-` in ASCII: where a frag slot came from.
    var leftArrow: String { isASCII ? "<-" : "←" }
    /// `…` in text, `...` in ASCII: where a long lineage is cut.
    var ellipsis: String { isASCII ? "..." : "…" }
    var upMark: String { isASCII ? "^" : "↑" }
    var downMark: String { isASCII ? "v" : "↓" }
    /// What leads a data destructor's event line: `◆`, `@` in ASCII.
    var destructorMark: String { isASCII ? "@" : "◆" }
    /// What marks the object under the objects pane's cursor, in its left margin.
    var selectionMark: String { isASCII ? ">" : "▸" }
    /// Model text (step texts, notes) as this glyph set can show it.
    func text(_ s: String) -> String { isASCII ? PlainText.ascii(s) : s }
}

/// The viewer's screen as a pure function of the session, the screen size and the options.
///
/// At 80×24 and more: a header, the objects pane, the step pane and the events pane (side by
/// side from 120 columns, else one at a time, switched with Tab), and the hint bar. Below
/// 80×24 the objects pane alone with a note; below 40×12 the "terminal too small" message.
/// An open prompt takes the hint bar's place, on as many rows as it needs, the panes ending
/// above it. The help overlay and the touched list, when open, are drawn over the rest.
public enum ViewerLayout {
    /// The smallest size that shows only the objects pane.
    public static let minimumSize = Size(width: 40, height: 12)
    /// From this width the steps and events panes stand side by side; below it, one at a time.
    static let sideBySideWidth = 120
    /// The objects pane's share of the rows between header and hint bar: the objects are the
    /// picture, the steps and events below are read a line at a time.
    static let objectsShare = 55
    /// The objects pane always shows a few lines (frame and four rows).
    static let objectsMinimumHeight = 6
    /// The steps pane's share of the width when side by side: step texts are longer than events.
    static let stepsShare = 55

    public static func grid(_ session: ViewerSession, size: Size, options: ViewerOptions) -> Grid {
        guard size.covers(minimumSize) else { return TooSmallScreen.grid(size: size, need: minimumSize) }
        var grid = Grid(size: size)
        let screen = Rect(size)
        let (objects, anchors) = objectsLayout(session, width: Frame.content(of: screen).width, options: options)
        func drawObjects(_ frame: Frame, in area: Rect) {
            let height = Frame.content(of: area).height
            let offset = session.scroll[.objects] ?? ChangeFollow.offset(objects, height: height)
            var frame = frame
            if let key = session.selected {
                frame.title += "  \(options.selectionMark) " + ObjectCursor.name(key, in: session.history.state, step: session.shownStep)
            }
            Framed(frame: frame, content: ScrolledLines(lines: objects, offset: offset, options: options)).draw(on: &grid, in: area)
            // The object under the cursor: a mark in the margin left of its first line.
            if let key = session.selected, let line = anchors.first(where: { $0.key == key })?.line {
                let start = max(0, min(offset, objects.count - height))
                if line >= start, line < start + height {
                    grid.put(options.selectionMark, x: area.x + 1, y: area.y + 1 + line - start, style: Style(foreground: .cyan, bold: true))
                }
            }
            // What changed out of view, on the frame's bottom edge.
            guard let strip = ChangeFollow.strip(objects, offset: offset, height: height), area.width > 8 else { return }
            var text = " \(options.text(strip)) "
            if Grid.width(of: text) > area.width - 4 {
                text = String(Grid.prefix(of: Substring(text), fitting: area.width - 4 - 4)) + "... "
            }
            grid.put(text, x: area.x + 2, y: area.bottom - 1, style: Style(foreground: .yellow, bold: true))
        }
        if !size.covers(TooSmallScreen.designSize) {
            let parts = screen.rows([.fill, .cells(bottomRows(session, size: size, options: options))])
            let frame = Frame(title: "objects  \(HeaderBar.position(session))", focused: false, glyphs: options.glyphs)
            drawObjects(frame, in: parts[0])
            drawBottom(session, size: size, on: &grid, in: parts[1], options: options)
        } else {
            let header = HeaderBar(session: session)
            let parts = mainRows(session, size: size, objects: objects.count, options: options)
            header.draw(on: &grid, in: parts[0])
            let frame = Frame(title: "objects", focused: session.focus == .objects, glyphs: options.glyphs)
            drawObjects(frame, in: parts[1])
            let steps = StepsPane(session: session, options: options)
            let events = EventsPane(session: session, options: options)
            let lower = lowerPanes(parts[2], size: size)
            if size.width >= sideBySideWidth || session.focus != .events { steps.draw(on: &grid, in: lower.steps) }
            if size.width >= sideBySideWidth || session.focus == .events { events.draw(on: &grid, in: lower.events) }
            drawBottom(session, size: size, on: &grid, in: parts[3], options: options)
        }
        if let list = session.touched { TouchedOverlay(list: list, options: options).draw(on: &grid, in: screen) }
        if let help = session.help { HelpOverlay(help: help, keymap: session.keymap, options: options).draw(on: &grid, in: screen) }
        return grid
    }

    /// The prompt, when open, else the hint bar (below 80×24 with the note that only the
    /// objects pane shows), in `area`: the rows under the panes on a screen of `size`.
    private static func drawBottom(_ session: ViewerSession, size: Size, on grid: inout Grid, in area: Rect, options: ViewerOptions) {
        if let prompt = session.prompt {
            PromptArea(session: session, prompt: prompt, options: options, screenHeight: size.height).draw(on: &grid, in: area)
        } else {
            HintBar(session: session, options: options, smallScreen: size.covers(TooSmallScreen.designSize) ? nil : size)
                .draw(on: &grid, in: area)
        }
    }

    /// The rows under the panes on a screen of `size`: the prompt's when it is open, else the
    /// hint bar's (one, or a long message's).
    private static func bottomRows(_ session: ViewerSession, size: Size, options: ViewerOptions) -> Int {
        if let prompt = session.prompt {
            return PromptArea(session: session, prompt: prompt, options: options, screenHeight: size.height).height(width: size.width)
        }
        return HintBar(session: session, options: options).lines(width: size.width).count
    }

    /// The rows of the screen from 80×24: header, objects, steps and events, hint bar (one row,
    /// or a long message's).
    ///
    /// The objects pane takes its share of the rows, or less when its content is shorter: as
    /// many as the most lines it has at the cursor (`objects`), at the start or at the end of
    /// the call (so it keeps its size while the call is stepped through); the steps and events
    /// get the rest.
    private static func mainRows(_ session: ViewerSession, size: Size, objects: Int, options: ViewerOptions) -> [Rect] {
        let header = HeaderBar(session: session).lines(width: size.width).count
        let share = Rect(size).rows([.cells(header), .percent(objectsShare, atLeast: objectsMinimumHeight), .fill, .cells(1)])[1].height
        let h = session.history, call = h.position.call, width = Frame.content(of: Rect(size)).width
        let texts = session.texts
        var most = objects
        for (index, state) in [(h.start(ofCall: call), texts.before), (h.end(ofCall: call), texts.after)]
        where call > 0 && index != h.cursor && most + 2 < share {
            most = max(most, ObjectsPane(state: state, step: nil, placement: h.placement, options: options,
                                         width: width, callRunning: false).lines.count)
        }
        let rows = max(objectsMinimumHeight, min(share, most + 2))
        // A message longer than the hint bar's row, or the prompt, takes rows from the steps and events.
        return Rect(size).rows([.cells(header), .cells(rows), .fill, .cells(bottomRows(session, size: size, options: options))])
    }

    /// The steps and events panes in `area`: side by side from 120 columns, else both in the
    /// whole of it (one at a time, switched with Tab).
    private static func lowerPanes(_ area: Rect, size: Size) -> (steps: Rect, events: Rect) {
        guard size.width >= sideBySideWidth else { return (area, area) }
        let columns = area.columns([.percent(stepsShare), .fill])
        return (columns[0], columns[1])
    }

    /// Where the focused pane starts after scrolling it by `lines` and `pages` (down when
    /// positive; a page is the rows it shows less one, as `less` keeps a line) on the
    /// session's screen, never past its first or last screenful, as `ViewState.scroll` keeps
    /// it: the objects' and the steps' first line in view, the events' lines back from the
    /// newest. Nil when the pane does not move (at its end, or not on the screen).
    static func scrolled(_ session: ViewerSession, lines: Int, pages: Int) -> Int? {
        let size = session.screenSize
        let options = ViewerOptions(usesColor: false)
        func delta(_ height: Int) -> Int { lines + pages * max(1, height - 1) }
        func moved(_ start: Int, last: Int, height: Int) -> Int? {
            let new = min(max(0, start + delta(height)), last)
            return new == start ? nil : new
        }
        if session.focus == .objects {
            let (lines, _) = objectsLayout(session, width: Frame.content(of: Rect(size)).width, options: options)
            let height = objectsHeight(session, lines: lines, options: options)
            let last = max(0, lines.count - height)
            return moved(min(session.scroll[.objects] ?? ChangeFollow.offset(lines, height: height), last), last: last, height: height)
        }
        guard size.covers(TooSmallScreen.designSize) else { return nil }
        let objects = objectsLayout(session, width: Frame.content(of: Rect(size)).width, options: options).lines.count
        let lower = lowerPanes(mainRows(session, size: size, objects: objects, options: options)[2], size: size)
        if session.focus == .steps {
            let v = StepsPane(session: session, options: options).view(in: Frame.content(of: lower.steps))
            let last = v.fits ? 0 : max(0, v.lines.count - v.height)
            return moved(min(session.scroll[.steps] ?? v.follow, last), last: last, height: v.height)
        }
        // The events count back from the newest: down is fewer lines back.
        let content = Frame.content(of: lower.events), back = session.scroll[.events] ?? 0
        let wanted = max(0, back - delta(content.height))
        let shown = EventsPane(session: session, options: options).lines(width: content.width, limit: content.height + wanted).count
        let new = min(wanted, max(0, shown - content.height))
        return new == back ? nil : new
    }

    /// The objects pane's lines at the cursor, `width` cells wide, and the first line of each
    /// object on them (where the object cursor rests).
    static func objectsLayout(_ session: ViewerSession, width: Int, options: ViewerOptions)
        -> (lines: [StyledLine], anchors: [(key: ObjectKey, line: Int)]) {
        let h = session.history, p = h.position
        return ObjectsPane(state: h.state, step: session.shownStep, placement: h.placement, options: options, width: width,
                           callRunning: p.step > 0 && p.step < h.stepCount(ofCall: p.call)).layout
    }

    /// The rows of the objects pane's content on the session's screen.
    private static func objectsHeight(_ session: ViewerSession, lines: [StyledLine], options: ViewerOptions) -> Int {
        let size = session.screenSize
        let area = size.covers(TooSmallScreen.designSize)
            ? mainRows(session, size: size, objects: lines.count, options: options)[1]
            : Rect(size).rows([.fill, .cells(bottomRows(session, size: size, options: options))])[0]
        return Frame.content(of: area).height
    }

    /// The objects the pane shows on the session's screen, each with its first line, the first
    /// line in view and how many show.
    static func objectsView(_ session: ViewerSession) -> (anchors: [(key: ObjectKey, line: Int)], start: Int, height: Int) {
        let size = session.screenSize
        guard size.covers(minimumSize) else { return ([], 0, 0) }
        let options = ViewerOptions(usesColor: false)
        let (lines, anchors) = objectsLayout(session, width: Frame.content(of: Rect(size)).width, options: options)
        let height = objectsHeight(session, lines: lines, options: options)
        let offset = session.scroll[.objects] ?? ChangeFollow.offset(lines, height: height)
        return (anchors, max(0, min(offset, lines.count - height)), height)
    }

    // MARK: Help

    /// How many lines the help overlay's list has on the session's screen, and how many of
    /// them show at once.
    static func helpViewport(_ session: ViewerSession, options: ViewerOptions) -> (lines: Int, height: Int) {
        guard let help = session.help else { return (0, 0) }
        return HelpOverlay(help: help, keymap: session.keymap, options: options).viewport(size: session.screenSize)
    }

    /// The help overlay's rows (`Keymap.helpRows`).
    public static func helpRows(filter: String, keymap: Keymap = .standard) -> [(keys: String, help: String)] {
        keymap.helpRows(filter: filter)
    }
}
