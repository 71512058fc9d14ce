/// The steps of the call at the cursor, the current one marked, each with its events and
/// violations (at the end of the walk, its leaks and a call that failed too), then the call's
/// notes that hold under the running design; framed, titled with the call.
struct StepsPane: Pane {
    var session: ViewerSession
    var options: ViewerOptions

    /// The steps as shown (with this run's values).
    private var steps: [Step] { session.shownSteps }

    func draw(on grid: inout Grid, in area: Rect) {
        let h = session.history
        let call = h.position.call
        let focused = session.focus == .steps
        guard call > 0 else {
            Frame(title: "steps", focused: focused, glyphs: options.glyphs).draw(on: &grid, in: area)
            return
        }
        Frame(title: session.calls[call - 1].text, focused: focused, glyphs: options.glyphs).draw(on: &grid, in: area)
        let content = Frame.content(of: area)
        guard content.width > 8, content.height > 0 else { return }
        let v = view(in: content)
        if v.fits {
            Lines(v.lines + v.notes).draw(on: &grid, in: content)
            return
        }
        let parts = content.rows([.fill, .cells(v.notes.count)])
        ScrolledLines(lines: v.lines, offset: session.scroll[.steps] ?? v.follow, options: options).draw(on: &grid, in: parts[0])
        Lines(v.notes).draw(on: &grid, in: parts[1])
    }

    /// The step lines and the notes on `content`, and how they share it. When all fits, the
    /// notes follow the steps. Else the notes take at most half the rows, at the bottom, and
    /// the steps scroll in `height` rows: by hand (`ViewState.scroll`), or from `follow`, so
    /// that the current step stays in view, and its violation (the line `v` went there for)
    /// or its data destructor's other designs.
    func view(in content: Rect) -> (lines: [StyledLine], notes: [StyledLine], height: Int, follow: Int, fits: Bool) {
        let call = session.history.position.call
        guard call > 0, content.width > 8, content.height > 0 else { return ([], [], 0, 0, true) }
        let (lines, currentLine, keepLine) = stepLines(width: content.width)
        let notes = session.calls[call - 1].notes.texts(under: session.scenario.design).flatMap { note in
            ("note: " + options.text(note)).wrapped(width: content.width, indent: 6)
                .map { StyledLine($0, Style(foreground: .cyan)) }
        }
        if lines.count + notes.count <= content.height { return (lines, notes, content.height, 0, true) }
        let shown = Array(notes.prefix(content.height / 2))
        let height = content.height - shown.count
        let follow = max(0, currentLine - max(0, height - 3), (keepLine ?? 0) - height + 1)
        return (lines, shown, height, min(follow, max(0, lines.count - height)), false)
    }

    /// The lines of every step and its outcomes, the index of the current step's first line,
    /// and that of its last violation or other-designs line, if it has one. The other steps'
    /// lines come from the call's memo (`StepLinesMemo`): only the current step is laid out
    /// on every frame.
    private func stepLines(width: Int) -> (lines: [StyledLine], current: Int, keep: Int?) {
        let current = session.history.position.step
        let key = StepLinesMemo.Key(width: width, glyphs: options.glyphs, otherDesigns: session.otherDesigns != nil)
        let blocks = session.texts.lines.blocks(for: key) {
            steps.indices.map { stepBlock($0, current: false, width: width).lines }
        }
        var lines: [StyledLine] = []
        lines.reserveCapacity(blocks.reduce(0) { $0 + $1.count } + 8)
        var currentLine = 0
        var keepLine: Int?
        for (j, block) in blocks.enumerated() {
            guard j + 1 == current else {
                lines += block
                continue
            }
            let (own, keep) = stepBlock(j, current: true, width: width)
            currentLine = lines.count
            keepLine = keep.map { lines.count + $0 }
            lines += own
        }
        // At the end of the walk: the data destructors that never fired under this design.
        if session.history.cursor == session.history.stepCount, let others = session.otherDesigns {
            for text in others.endLines() {
                for piece in options.text(text).wrapped(width: width, indent: 4) {
                    keepLine = lines.count
                    lines.append(StyledLine(piece, Style(foreground: .magenta, bold: true)))
                }
            }
        }
        // At the end of the walk: its leaks, as the events pane lists them (below 120 columns
        // it is not on the screen); the first is kept in view, where `v` stops.
        if session.history.cursor == session.history.stepCount {
            for (n, v) in session.endViolations.enumerated() {
                let style = ViewerStyle.outcome(.violation(v), current: true)
                for (i, piece) in ("end: " + options.text(v.line)).wrapped(width: width - 1, indent: 4).enumerated() {
                    if n == 0 { keepLine = lines.count }
                    var line = StyledLine(piece, style)
                    if i == 0 { line.append(options.changeMark, style) }
                    lines.append(line)
                }
            }
            // A call that failed ends the walk: said here too, so that it shows at every size.
            if let text = session.failureText {
                for (i, piece) in options.text(text).wrapped(width: width - 1, indent: 4).enumerated() {
                    if i == 0 { keepLine = lines.count }
                    var line = StyledLine(piece, ViewerStyle.failure)
                    if i == 0 { line.append(options.changeMark, ViewerStyle.failure) }
                    lines.append(line)
                }
            }
        }
        return (lines, currentLine, keepLine)
    }

    /// The lines of step `j` (its text, then its outcomes, each wrapped to `width`) as shown
    /// when it is the current step or not, and the index among them of the current step's
    /// last violation or other-designs line.
    private func stepBlock(_ j: Int, current isCurrent: Bool, width: Int) -> (lines: [StyledLine], keep: Int?) {
        let step = steps[j]
        let numberWidth = "\(steps.count)".count
        var lines: [StyledLine] = []
        var keepLine: Int?
        let marker = isCurrent ? "\(options.glyphs.arrowHead) " : "  "
        let number = String(repeating: " ", count: numberWidth - "\(j + 1)".count) + "\(j + 1) "
        let indent = Nesting.indent(step.depth)
        let lead = Grid.width(of: marker + number + indent)
        let style = isCurrent ? Style(bold: true) : Style()
        for (i, piece) in options.text(Nesting.label(step.depth) + step.text).wrapped(width: width - lead, indent: 2).enumerated() {
            var line = StyledLine()
            if i == 0 {
                line.append(marker, Style(bold: true))
                line.append(number, Style(dim: !isCurrent))
            }
            line.place(Span(piece, style), at: lead)
            lines.append(line)
        }
        for outcome in step.outcomes {
            let style = ViewerStyle.inPane(outcome, current: isCurrent)
            // The change mark (`*` without colour) after each line keeps a column of its own.
            let markWidth = isCurrent ? Grid.width(of: options.changeMark) : 0
            for (i, piece) in outcome.line.wrapped(width: width - lead - 2 - markWidth, indent: 2).enumerated() {
                var line = StyledLine()
                // A data destructor's mark, in the indent before its event.
                if i == 0, ViewerStyle.isDataDestructor(outcome) { line.place(Span(options.destructorMark, style), at: lead) }
                line.place(Span(piece, style), at: lead + 2)
                if isCurrent { line.append(options.changeMark, style) }
                if isCurrent, case .violation = outcome { keepLine = lines.count }
                lines.append(line)
            }
            if case .event(let e) = outcome, let key = OtherDesigns.Key(e), let others = session.otherDesigns {
                for piece in options.text(others.line(key)).wrapped(width: width - lead - 4, indent: 2) {
                    var line = StyledLine()
                    line.place(Span(piece, ViewerStyle.otherDesigns), at: lead + 4)
                    if isCurrent { keepLine = lines.count }
                    lines.append(line)
                }
            }
        }
        return (lines, keepLine)
    }
}
