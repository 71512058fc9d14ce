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
    /// `→` in text, `->` in ASCII.
    var rightArrow: String { isASCII ? "->" : "→" }
    var upMark: String { isASCII ? "^" : "↑" }
    var downMark: String { isASCII ? "v" : "↓" }
    /// Model text (step texts, notes) as this glyph set can show it.
    func text(_ s: String) -> String { isASCII ? PlainText.ascii(s) : s }
}

/// The viewer's screen as a pure function of the session, the screen size and the options.
///
/// At 80×24 and more: a header, the objects pane, the step pane and the events pane (side by
/// side from 120 columns, else one at a time, switched with Tab), and the hint bar. Below
/// 80×24 the objects pane alone with a note; below 40×12 the "terminal too small" message.
/// The help overlay, when open, is drawn over the rest.
public enum ViewerLayout {
    /// The smallest size that shows only the objects pane.
    public static let minimumSize = Size(width: 40, height: 12)

    public static func grid(_ session: ViewerSession, size: Size, options: ViewerOptions) -> Grid {
        guard size.covers(minimumSize) else { return TooSmallScreen.grid(size: size) }
        var grid = Grid(size: size)
        let h = session.history, p = h.position
        let shown = session.shownSteps
        let current = p.step > 0 && p.step <= shown.count ? shown[p.step - 1] : nil
        let objects = ObjectsPane(state: h.state, step: current, placement: h.placement, options: options,
                                  width: size.width - 4,
                                  callRunning: p.step > 0 && p.step < h.stepCount(ofCall: p.call)).lines
        if !size.covers(TooSmallScreen.designSize) {
            frame(&grid, x: 0, y: 0, width: size.width, height: size.height - 1, title: "objects  \(positionText(session))",
                  focused: false, options: options)
            scrolled(&grid, objects, x: 2, y: 1, width: size.width - 4, height: size.height - 3,
                     offset: session.scroll[.objects] ?? 0, options: options)
            let note = "\(size): objects only (80×24 shows steps and events)  \(session.keymap.smallScreenHint)"
            StyledLine(note, Style(dim: true)).draw(on: &grid, x: 0, y: size.height - 1, limit: size.width)
        } else {
            let header = headerLines(session, width: size.width)
            for (i, l) in header.enumerated() { l.draw(on: &grid, x: 0, y: i, limit: size.width) }
            let top = header.count
            let rest = size.height - top - 1
            let objectsHeight = max(6, rest * 55 / 100)
            let bottomY = top + objectsHeight, bottomHeight = rest - objectsHeight
            frame(&grid, x: 0, y: top, width: size.width, height: objectsHeight, title: "objects",
                  focused: session.focus == .objects, options: options)
            scrolled(&grid, objects, x: 2, y: top + 1, width: size.width - 4, height: objectsHeight - 2,
                     offset: session.scroll[.objects] ?? 0, options: options)
            if size.width >= 120 {
                let stepsWidth = size.width * 55 / 100
                stepsPane(&grid, session, shown, x: 0, y: bottomY, width: stepsWidth, height: bottomHeight, options: options)
                eventsPane(&grid, session, x: stepsWidth, y: bottomY, width: size.width - stepsWidth, height: bottomHeight,
                           options: options)
            } else if session.focus == .events {
                eventsPane(&grid, session, x: 0, y: bottomY, width: size.width, height: bottomHeight, options: options)
            } else {
                stepsPane(&grid, session, shown, x: 0, y: bottomY, width: size.width, height: bottomHeight, options: options)
            }
            hintBar(session, width: size.width).draw(on: &grid, x: 0, y: size.height - 1, limit: size.width)
        }
        if let help = session.help { helpOverlay(&grid, help, keymap: session.keymap, options: options) }
        if let prompt = session.prompt { promptArea(&grid, session, prompt, options: options) }
        return grid
    }

    // MARK: Header and hint bar

    static func positionText(_ session: ViewerSession) -> String {
        let h = session.history
        guard h.callCount > 0 else { return "no calls" }
        let p = h.position
        return "call \(p.call)/\(h.callCount)  step \(p.step)/\(h.stepCount(ofCall: p.call))"
    }

    private static func headerLines(_ session: ViewerSession, width: Int) -> [StyledLine] {
        let h = session.history
        var first = StyledLine()
        first.append(" skbviz", Style(bold: true))
        first.append("  \(session.scenario.file)")
        if let t = session.scenario.title { first.append("  \(t)", Style(bold: true)) }
        first.append("  \(session.scenario.design.rawValue)", Style(foreground: .cyan))
        var second = StyledLine()
        if h.callCount == 0 {
            second.append(" no calls")
        } else {
            let p = h.position
            second.append(" call \(p.call)/\(h.callCount): ", Style(bold: true))
            second.append(session.calls[p.call - 1].text)
            second.append("  step \(p.step)/\(h.stepCount(ofCall: p.call))", Style(bold: true))
            second.append("  (\(h.cursor)/\(h.stepCount) in all)", Style(dim: true))
        }
        if first.width + 3 + second.width <= width {
            first.place(second.spansWithGaps, at: max(first.width + 3, width - second.width))
            return [first]
        }
        return [first, second]
    }

    private static func hintBar(_ session: ViewerSession, width: Int) -> StyledLine {
        if let status = session.status { return StyledLine(" " + status, Style(bold: true)) }
        // Drop hints from the middle until the bar fits; help and quit always stay.
        var hints = session.keymap.hints
        func barWidth() -> Int { 1 + hints.reduce(0) { $0 + cellWidth($1.keys) + cellWidth($1.label) + 3 } }
        while barWidth() > width - (session.count == nil ? 0 : 12), hints.count > 2 { hints.remove(at: hints.count - 3) }
        var line = StyledLine()
        line.append(" ")
        for (keys, label) in hints {
            line.append(keys, Style(bold: true))
            line.append(" \(label)  ")
        }
        if let count = session.count {
            line.place(Span("count \(count) ", Style(bold: true, reverse: true)), at: max(0, width - "count \(count) ".count))
        }
        return line
    }

    // MARK: Frames

    static func frame(_ grid: inout Grid, x: Int, y: Int, width: Int, height: Int, title: String,
                      focused: Bool, options: ViewerOptions) {
        guard width >= 2, height >= 2 else { return }
        let g = options.glyphs
        let inner = String(repeating: g.horizontal, count: width - 2)
        grid.put("\(g.topLeft)\(inner)\(g.topRight)", x: x, y: y)
        for row in (y + 1)..<(y + height - 1) {
            grid.put(String(g.vertical), x: x, y: row)
            grid.put(String(g.vertical), x: x + width - 1, y: row)
        }
        grid.put("\(g.bottomLeft)\(inner)\(g.bottomRight)", x: x, y: y + height - 1)
        var label = " \(title) "
        if focused { label = " \(g.arrowHead)\(label.dropFirst())" }
        let cut = String(label.prefix(max(0, width - 4)))
        grid.put(cut, x: x + 2, y: y, style: Style(bold: true, reverse: focused))
    }

    private static func scrolled(_ grid: inout Grid, _ lines: [StyledLine], x: Int, y: Int, width: Int, height: Int, offset: Int,
                                 options: ViewerOptions) {
        guard height > 0 else { return }
        let start = max(0, min(offset, lines.count - height))
        for (i, line) in lines.dropFirst(start).prefix(height).enumerated() {
            line.draw(on: &grid, x: x, y: y + i, limit: width)
        }
        if start > 0 { grid.put(options.upMark, x: x + width, y: y) }
        if start + height < lines.count { grid.put(options.downMark, x: x + width, y: y + height - 1) }
    }

    // MARK: Steps

    private static func stepsPane(_ grid: inout Grid, _ session: ViewerSession, _ steps: [Step], x: Int, y: Int,
                                  width: Int, height: Int, options: ViewerOptions) {
        let h = session.history
        let call = h.position.call
        guard call > 0 else {
            frame(&grid, x: x, y: y, width: width, height: height, title: "steps", focused: session.focus == .steps, options: options)
            return
        }
        frame(&grid, x: x, y: y, width: width, height: height, title: session.calls[call - 1].text,
              focused: session.focus == .steps, options: options)
        let inner = width - 4, rows = height - 2
        guard inner > 8, rows > 0 else { return }
        let current = h.position.step
        let numberWidth = "\(steps.count)".count
        var lines: [StyledLine] = []
        var currentLine = 0
        for (j, step) in steps.enumerated() {
            let isCurrent = j + 1 == current
            if isCurrent { currentLine = lines.count }
            let marker = isCurrent ? "\(options.glyphs.arrowHead) " : "  "
            let number = String(repeating: " ", count: numberWidth - "\(j + 1)".count) + "\(j + 1) "
            let indent = String(repeating: "  ", count: step.depth)
            let lead = marker.count + number.count + indent.count
            let style = isCurrent ? Style(bold: true) : Style()
            for (i, piece) in wrapText(options.text(step.text), width: inner - lead, indent: 2).enumerated() {
                var line = StyledLine()
                if i == 0 {
                    line.append(marker, Style(bold: true))
                    line.append(number, Style(dim: !isCurrent))
                }
                line.place(Span(piece, style), at: lead)
                lines.append(line)
            }
            for outcome in step.outcomes {
                for piece in wrapText(outcomeText(outcome), width: inner - lead - 2, indent: 2) {
                    var line = StyledLine()
                    var s = outcomeStyle(outcome)
                    s.changed = isCurrent
                    line.place(Span(piece, s), at: lead + 2)
                    if isCurrent && !options.usesColor { line.append("*", s) }
                    lines.append(line)
                }
            }
        }
        var notes: [StyledLine] = []
        for note in session.calls[call - 1].notes {
            for piece in wrapText("note: " + options.text(note), width: inner, indent: 6) {
                notes.append(StyledLine(piece, Style(foreground: .cyan)))
            }
        }
        let noteRows = min(notes.count, rows / 2)
        let stepRows = rows - noteRows
        let auto = max(0, currentLine - max(0, stepRows - 3))
        scrolled(&grid, lines, x: x + 2, y: y + 1, width: inner, height: stepRows, offset: auto + (session.scroll[.steps] ?? 0), options: options)
        for (i, line) in notes.prefix(noteRows).enumerated() {
            line.draw(on: &grid, x: x + 2, y: y + 1 + stepRows + i, limit: inner)
        }
    }

    static func outcomeText(_ outcome: Outcome) -> String {
        switch outcome {
        case .event(let e): "event \(e.summary)"
        case .violation(let v): "VIOLATION \(v.kind.rawValue): \(v.message)"
        }
    }

    static func outcomeStyle(_ outcome: Outcome) -> Style {
        switch outcome {
        case .event: Style(foreground: .magenta)
        case .violation: Style(foreground: .red, bold: true)
        }
    }

    // MARK: Events

    private static func eventsPane(_ grid: inout Grid, _ session: ViewerSession, x: Int, y: Int, width: Int, height: Int,
                                   options: ViewerOptions) {
        let title = session.markedAgainst.map { "events  (\(options.glyphs == .ascii ? "!=" : "≠") differs from \($0.rawValue))" } ?? "events"
        frame(&grid, x: x, y: y, width: width, height: height, title: title, focused: session.focus == .events, options: options)
        let h = session.history
        let inner = width - 4, rows = height - 2
        guard inner > 8, rows > 0 else { return }
        let scroll = session.scroll[.events] ?? 0
        var lines: [StyledLine] = []
        let callWidth = "call \(h.callCount)".count
        let mark = options.glyphs == .ascii ? "!=" : "≠"
        func add(_ label: String, _ text: String, _ style: Style, current: Bool, marked: Bool = false) {
            var s = style
            s.changed = current
            for (i, piece) in wrapText(text, width: inner - callWidth - 2, indent: 2).enumerated() {
                var line = StyledLine()
                if i == 0 { line.place(Span(label, Style(dim: true)), at: 0) }
                if i == 0 && marked { line.place(Span(mark, Style(foreground: .yellow, bold: true)), at: callWidth) }
                line.place(Span(piece, s), at: callWidth + 2)
                if current && !options.usesColor && i == 0 { line.append("*", s) }
                lines.append(line)
            }
        }
        for index in h.outcomeSteps(upTo: h.cursor, limit: rows + scroll) {
            let call = h.position(of: index).call
            for (n, outcome) in h.outcomes(ofStep: index).enumerated() {
                add("call \(call)", outcomeText(outcome), outcomeStyle(outcome), current: index == h.cursor,
                    marked: session.designMarks.contains(.init(step: index, outcome: n)))
            }
        }
        if h.cursor == h.stepCount {
            for v in session.endViolations {
                add("end", "VIOLATION \(v.kind.rawValue): \(v.message)", Style(foreground: .red, bold: true), current: true)
            }
            if let f = session.failure {
                add("call \(f.op)", "failed: \(f.diagnostic.message)", Style(foreground: .red, bold: true), current: true)
            }
        }
        if lines.isEmpty {
            lines = [StyledLine("(none yet: nothing freed, no destructor run)", Style(dim: true))]
        }
        let start = max(0, lines.count - rows - scroll)
        scrolled(&grid, lines, x: x + 2, y: y + 1, width: inner, height: rows, offset: start, options: options)
    }

    // MARK: Prompt

    /// The command line on the last rows: messages (errors or completions), the line being
    /// typed with its cursor, and a caret under an error's column.
    private static func promptArea(_ grid: inout Grid, _ session: ViewerSession, _ prompt: ViewerSession.Prompt,
                                   options: ViewerOptions) {
        let width = grid.width
        var rows: [StyledLine] = []
        let messageStyle = prompt.isError ? Style(foreground: .red, bold: true) : Style(dim: true)
        var messages = prompt.messages
        if messages.isEmpty, prompt.kind == .call { messages = [session.typedCallPlace] }
        if messages.isEmpty, prompt.kind == .exportPath {
            messages = [session.keymap.exportPathHint]
        }
        for m in messages {
            for piece in wrapText(m, width: max(10, width - 2), indent: 2) { rows.append(StyledLine(" " + piece, messageStyle)) }
        }
        rows = Array(rows.suffix(max(1, grid.height / 3)))
        var input = StyledLine()
        input.append(prompt.label, Style(bold: true))
        let start = input.width
        let chars = Array(prompt.text)
        // Keep the cursor on screen: scroll the text left when it is long.
        let room = max(1, width - start - 1)
        let skip = max(0, prompt.cursor - room + 1)
        let shown = Array(chars.dropFirst(skip).prefix(room))
        input.append(String(shown))
        let cursorX = start + prompt.cursor - skip
        rows.append(input)
        var caretRow: StyledLine?
        if let caret = prompt.caret, caret >= skip {
            var line = StyledLine()
            line.place(Span("^", Style(foreground: .red, bold: true)), at: start + caret - skip)
            caretRow = line
        }
        if let c = caretRow { rows.append(c) }
        let top = grid.height - rows.count
        grid.fill(x: 0, y: top, width: width, height: rows.count)
        if top > 0 {
            grid.put(String(repeating: options.glyphs.horizontal, count: width), x: 0, y: top - 1, style: Style(dim: true))
        }
        for (i, row) in rows.enumerated() { row.draw(on: &grid, x: 0, y: top + i, limit: width) }
        let inputY = top + rows.count - (caretRow == nil ? 1 : 2)
        if cursorX < width {
            let under = prompt.cursor < chars.count ? String(chars[prompt.cursor]) : " "
            grid.put(under, x: cursorX, y: inputY, style: Style(reverse: true))
        }
    }

    // MARK: Help

    /// The help overlay's rows (`Keymap.helpRows`).
    public static func helpRows(filter: String, keymap: Keymap = .standard) -> [(keys: String, help: String)] {
        keymap.helpRows(filter: filter)
    }

    private static func helpOverlay(_ grid: inout Grid, _ help: ViewerSession.Help, keymap: Keymap, options: ViewerOptions) {
        let rows = helpRows(filter: help.filter, keymap: keymap)
        let keyWidth = 22
        let width = min(grid.width - 2, 80)
        let height = min(grid.height - 2, rows.count + 5)
        let x = (grid.width - width) / 2, y = (grid.height - height) / 2
        grid.fill(x: x, y: y, width: width, height: height)
        frame(&grid, x: x, y: y, width: width, height: height, title: "help: keys", focused: true, options: options)
        var filterLine = StyledLine()
        filterLine.append("/ filter: ", Style(bold: true))
        filterLine.append(help.filter + (help.isEditingFilter ? "_" : ""), Style(underline: help.isEditingFilter))
        filterLine.draw(on: &grid, x: x + 2, y: y + 1, limit: width - 4)
        for (i, row) in rows.prefix(max(0, height - 5)).enumerated() {
            var line = StyledLine()
            line.append(row.keys, Style(bold: true))
            line.place(Span(row.help), at: keyWidth)
            line.draw(on: &grid, x: x + 2, y: y + 3 + i, limit: width - 4)
        }
        if rows.isEmpty { StyledLine("(no key matches)", Style(dim: true)).draw(on: &grid, x: x + 2, y: y + 3, limit: width - 4) }
        StyledLine(keymap.helpFooter, Style(dim: true))
            .draw(on: &grid, x: x + 2, y: y + height - 2, limit: width - 4)
    }
}
