extension String {
    /// The text broken at spaces into lines of at most `width` cells (as `Grid.width(of:)`
    /// measures): the one word-wrap of the viewer, the exports and the reports.
    ///
    /// A line breaks before the first word that would not fit; the spaces at a break are
    /// dropped and the next line starts with `indent` blanks (at most half the width). Spaces
    /// inside a line and the text's own leading blanks stay as written. A word wider than a
    /// line is cut. A width under 4 counts as 4. Each word is measured once, so the time is
    /// linear in the length of the text.
    func wrapped(width: Int, indent: Int) -> [String] {
        let width = Swift.max(4, width)
        guard Grid.width(of: self) > width else { return [self] }
        let pad = String(repeating: " ", count: Swift.min(Swift.max(0, indent), width / 2))
        var lines: [String] = []
        let lead = prefix { $0 == " " }
        var line = String(lead)
        var used = lead.count
        var hasWord = false
        var previousEnd = lead.endIndex
        for word in self[lead.endIndex...].split(separator: " ") {
            let gap = utf8.distance(from: previousEnd, to: word.startIndex)
            previousEnd = word.endIndex
            var rest = word
            var restWidth = Grid.width(of: word)
            if hasWord, used + gap + restWidth > width {
                lines.append(line)
                (line, used, hasWord) = (pad, pad.count, false)
            } else if hasWord {
                line += String(repeating: " ", count: gap)
                used += gap
            }
            while used + restWidth > width {
                var head = Grid.prefix(of: rest, fitting: width - used)
                if head.isEmpty { head = rest.prefix(1) }
                line += head
                lines.append(line)
                (line, used) = (pad, pad.count)
                restWidth -= Grid.width(of: head)
                rest = rest[head.endIndex...]
            }
            if !rest.isEmpty {
                line += rest
                used += restWidth
                hasWord = true
            }
        }
        if hasWord || lines.isEmpty { lines.append(line) }
        return lines
    }
}
