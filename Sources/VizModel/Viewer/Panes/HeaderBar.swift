/// The top of the screen: the program, file, title and design, then the call and step at the
/// cursor; on one row when both fit, else on two.
struct HeaderBar: Pane {
    var session: ViewerSession

    /// The header's rows for a screen `width` columns wide.
    func lines(width: Int) -> [StyledLine] {
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

    func draw(on grid: inout Grid, in area: Rect) {
        Lines(lines(width: area.width)).draw(on: &grid, in: area)
    }

    /// `call 3/9  step 2/5`, or `no calls`: where the cursor is, in short.
    static func position(_ session: ViewerSession) -> String {
        let h = session.history
        guard h.callCount > 0 else { return "no calls" }
        let p = h.position
        return "call \(p.call)/\(h.callCount)  step \(p.step)/\(h.stepCount(ofCall: p.call))"
    }
}
