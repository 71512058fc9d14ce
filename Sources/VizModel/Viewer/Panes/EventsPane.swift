/// What the run caused up to the cursor, newest last: events and violations with their call,
/// then at the end the leaks and a failed call; framed. Marked `≠` where the design compared
/// against differs.
struct EventsPane: Pane {
    var session: ViewerSession
    var options: ViewerOptions

    /// What marks an event that differs from the design compared against.
    private var mark: String { options.isASCII ? "!=" : "≠" }

    func draw(on grid: inout Grid, in area: Rect) {
        let title = session.markedAgainst.map { "events  (\(mark) differs from \($0.rawValue))" } ?? "events"
        Frame(title: title, focused: session.focus == .events, glyphs: options.glyphs).draw(on: &grid, in: area)
        let content = Frame.content(of: area)
        guard content.width > 8, content.height > 0 else { return }
        let back = session.scroll[.events] ?? 0
        var lines = lines(width: content.width, limit: content.height + back)
        if lines.isEmpty {
            lines = [StyledLine("(none yet: nothing freed, no destructor run)", Style(dim: true))]
        }
        ScrolledLines(lines: lines, offset: max(0, lines.count - content.height - back), options: options)
            .draw(on: &grid, in: content)
    }

    /// The lines of the events up to the cursor, newest last, from at most the `limit` newest
    /// steps that have any (each gives a line or more), `width` cells wide.
    func lines(width: Int, limit: Int) -> [StyledLine] {
        let h = session.history
        var lines: [StyledLine] = []
        let callWidth = "call \(h.callCount)".count
        // While events are marked, a column of their own, a blank either side (`call 10 ≠ event`).
        let textX = callWidth + 2 + (session.markedAgainst == nil ? 0 : Grid.width(of: mark))
        /// The lines of `text`, `trailer` (a data destructor's mark) after its last line and the
        /// change mark (`*` without colour) after its first, each in columns kept for it, so that
        /// neither is cut at the pane's edge nor wrapped away from the text.
        func add(_ label: String, _ text: String, _ style: Style, marked: Bool = false, trailer: String = "") {
            let markWidth = style.changed ? Grid.width(of: options.changeMark) : 0
            let pieces = text.wrapped(width: width - textX - markWidth - Grid.width(of: trailer), indent: 2)
            for (i, piece) in pieces.enumerated() {
                var line = StyledLine()
                if i == 0 { line.place(Span(label, Style(dim: true)), at: 0) }
                if i == 0 && marked { line.place(Span(mark, Style(foreground: .yellow, bold: true)), at: callWidth + 1) }
                line.place(Span(piece + (i == pieces.count - 1 ? trailer : ""), style), at: textX)
                if i == 0, style.changed { line.append(options.changeMark, style) }
                lines.append(line)
            }
        }
        for index in h.outcomeSteps(upTo: h.cursor, limit: limit) {
            let call = h.position(of: index).call
            for (n, outcome) in h.outcomes(ofStep: index).enumerated() {
                let destructor = ViewerStyle.isDataDestructor(outcome) ? " \(options.destructorMark)" : ""
                add("call \(call)", outcome.screenLine, ViewerStyle.inPane(outcome, current: index == h.cursor),
                    marked: session.designMarks.contains(.init(step: index, outcome: n)), trailer: destructor)
            }
        }
        if h.cursor == h.stepCount {
            for v in session.endViolations {
                add("end", v.line, ViewerStyle.outcome(.violation(v), current: true))
            }
            if let f = session.failure {
                add("call \(f.op)", "failed: \(f.diagnostic.message)", ViewerStyle.failure.markedChanged())
            }
        }
        return lines
    }
}
