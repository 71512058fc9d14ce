extension String {
    /// The text broken at spaces into lines of at most `width` cells (as `Grid.width(of:)`
    /// measures): the one word-wrap of the viewer, the exports and the reports.
    ///
    /// A line breaks before the first word that would not fit; the spaces at a break are
    /// dropped and the next line starts with `indent` blanks (at most half the width). Spaces
    /// inside a line and the text's own leading blanks stay as written. A word wider than a
    /// line is cut. A width under 4 counts as 4. Each word is measured once, so the time is
    /// linear in the length of the text.
    ///
    /// With `keepingGroups`, a parenthesised group of words that fits on a continuation line
    /// is not broken: the line breaks before its `(`, so that a field's explanation never
    /// leaves a lone `a)` on a line of its own. For the drawn objects' fields, not for prose.
    func wrapped(width: Int, indent: Int, keepingGroups: Bool = false) -> [String] {
        let width = Swift.max(4, width)
        guard Grid.width(of: self) > width else { return [self] }
        let pad = String(repeating: " ", count: Swift.min(Swift.max(0, indent), width / 2))
        var lines: [String] = []
        let lead = prefix { $0 == " " }
        var line = String(lead)
        var used = lead.count
        var hasWord = false
        var previousEnd = lead.endIndex
        let words = self[lead.endIndex...].split(separator: " ")
        for word in keepingGroups ? groups(of: words, fitting: width - pad.count) : words {
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

    /// `words` with each parenthesised group that fits in `width` cells taken as one word
    /// (its inner spaces kept as written); a group that does not fit stays in words.
    private func groups(of words: [Substring], fitting width: Int) -> [Substring] {
        var out: [Substring] = []
        var i = 0
        while i < words.count {
            if words[i].first == "(", let end = groupEnd(words, from: i),
               case let group = self[words[i].startIndex..<words[end].endIndex], Grid.width(of: group) <= width {
                out.append(group)
                i = end + 1
            } else {
                out.append(words[i])
                i += 1
            }
        }
        return out
    }

    /// The index of the word whose `)` closes the `(` that opens `words[start]`, if any.
    private func groupEnd(_ words: [Substring], from start: Int) -> Int? {
        var depth = 0
        for j in start..<words.count {
            for c in words[j] {
                if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            }
            if depth <= 0 { return j }
        }
        return nil
    }
}
