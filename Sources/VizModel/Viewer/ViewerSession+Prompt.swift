/// The command line: typed calls with completion and their history, the export path and its
/// confirmation, the keys of `Keymap.prompt` and `Keymap.confirm`.
extension ViewerSession {
    // MARK: The run, as the prompt and the log read it

    /// What the call prompt says about where a call goes.
    public var typedCallPlace: String { run.typedCallPlace }

    /// The same in a few words (`ViewerRun.typedCallPlaceShort`).
    public var typedCallPlaceShort: String { run.typedCallPlaceShort }

    /// The names a typed call can use at the cursor (`ViewerRun.namesAliveAtCursor`).
    public var namesAliveAtCursor: [String] { run.namesAliveAtCursor }

    /// The session as its log records it.
    public var logSource: SessionLog.Source { run.logSource }

    // MARK: The front end reports back

    /// The log's files exist: ask before overwriting.
    public mutating func exportNeedsConfirmation(path: String, existing: [String]) {
        var p = Prompt(kind: .confirmOverwrite(path: path, existing: existing))
        p.answers = keymap.confirm.entries.compactMap { $0.keys.first?.hintName }.joined(separator: "/")
        prompt = p
    }

    /// The picture's file exists: ask before overwriting.
    public mutating func pictureNeedsConfirmation(path: String) {
        var p = Prompt(kind: .confirmPicture(path: path))
        p.answers = keymap.confirm.entries.compactMap { $0.keys.first?.hintName }.joined(separator: "/")
        prompt = p
    }

    /// The picture is written at `path`: say so in the hint bar, with the directory a relative
    /// path was written in (`wrote skbviz-step-17.svg in /home/me`), as the log's message does.
    public mutating func pictureWritten(path: String) {
        var message = "wrote \(path)"
        if !path.hasPrefix("/"), let directory = exportDirectory {
            message += " in " + (path.lastIndex(of: "/").map { directory + "/" + path[..<$0] } ?? directory)
        }
        exportFinished(TerminalText.escaped(message))
    }

    /// The export ended (written, refused or failed): say so in the hint bar.
    public mutating func exportFinished(_ message: String) {
        prompt = nil
        status = message
    }

    // MARK: Keys at the prompt

    mutating func handlePrompt(_ key: Key) -> Effect {
        guard var p = prompt else { return .none }
        if case .confirmOverwrite(let path, _) = p.kind {
            switch keymap.confirm.command(for: key) {
            case .overwrite:
                prompt = nil
                return .export(path: path, overwrite: true)
            case .keep:
                prompt = nil
                status = "not written: \(path).* kept as they were"
                return .redraw
            case nil:
                return .none
            }
        }
        if case .confirmPicture(let path) = p.kind {
            switch keymap.confirm.command(for: key) {
            case .overwrite:
                prompt = nil
                return .picture(path: path, overwrite: true)
            case .keep:
                prompt = nil
                status = "not written: \(path) kept as it was"
                return .redraw
            case nil:
                return .none
            }
        }
        switch keymap.prompt.command(for: key) {
        case .cancel:
            prompt = nil
            return .redraw
        case .submit:
            return submit()
        case .complete:
            guard p.kind == .call else { return .none }
            complete(&p)
            prompt = p
            return .redraw
        case .olderCall, .newerCall:
            guard p.kind == .call, !typedHistory.isEmpty else { return .none }
            if p.historyIndex == nil { p.draft = p.text }
            let current = p.historyIndex ?? typedHistory.count
            let next = keymap.prompt.command(for: key) == .olderCall ? max(0, current - 1) : current + 1
            if next >= typedHistory.count {
                p.historyIndex = nil
                p.line.replace(with: p.draft)
            } else {
                p.historyIndex = next
                p.line.replace(with: typedHistory[next])
            }
            p.messages = []
            p.caret = nil
            prompt = p
            return .redraw
        case let command?:
            let before = p.line
            guard p.line.perform(command), p.line != before else { return .none }
        case nil:
            guard case .character(let c) = key else { return .none }
            p.line.insert(c)
        }
        p.messages = []
        p.caret = nil
        p.isError = false
        prompt = p
        return .redraw
    }

    /// Goes to the next step that matches `text` (`WalkSearch`), and says so when the search
    /// wrapped to the top or found nothing.
    mutating func search(_ text: String) {
        let shown = "'\(TerminalText.escaped(text))'"
        needOtherDesigns()
        switch WalkSearch.next(text, in: history, calls: calls, design: scenario.design, others: otherDesigns, end: endTexts,
                               after: history.cursor) {
        case .found(let step):
            go(to: step)
        case .wrapped(let step):
            status = step == history.cursor ? "\(shown): only this step matches" : "\(shown): from the top again"
            go(to: step)
        case .notFound:
            status = "\(shown) not found in the walk"
        }
    }

    /// Why an export path looks like typing meant for somewhere else (a call typed at the
    /// wrong prompt, keys after a Backspace too many), or nil: a leading blank, parentheses,
    /// no letter or digit. The empty path is the default name.
    static func strayPath(_ text: String) -> String? {
        guard !text.isEmpty else { return nil }
        let why: String
        if text.first == " " || text.first == "\t" {
            why = "it starts with a blank"
        } else if text.contains("(") || text.contains(")") {
            why = "it has parentheses, as a call has"
        } else if !text.contains(where: { $0.isLetter || $0.isNumber }) {
            why = "it has no letter or digit"
        } else {
            return nil
        }
        return "'\(TerminalText.escaped(text))' looks like stray typing (\(why)): nothing written; type a path such as out/session, or Esc"
    }

    private mutating func submit() -> Effect {
        guard let p = prompt else { return .none }
        let trimmed = p.text.trimmingBlanks
        switch p.kind {
        case .exportPath:
            if let problem = Self.strayPath(p.text) {
                var q = p
                q.messages = [problem]
                q.isError = true
                prompt = q
                return .redraw
            }
            prompt = nil
            return .export(path: trimmed.isEmpty ? nil : trimmed, overwrite: false)
        case .picturePath:
            prompt = nil
            return .picture(path: trimmed.isEmpty ? nil : trimmed, overwrite: false)
        case .confirmOverwrite, .confirmPicture:
            return .none
        case .search:
            prompt = nil
            guard let text = p.text.isEmpty ? lastSearch : p.text else {
                status = "no search yet: type what to look for after /"
                return .redraw
            }
            lastSearch = text
            search(text)
            return .redraw
        case .call:
            if trimmed.isEmpty {
                prompt = nil
                return .redraw
            }
            if typedHistory.last != trimmed { typedHistory.append(trimmed) }
            switch run.typedCall(p.text) {
            case .success(let record):
                appendTypedCall(record)
                prompt = nil
                status = "call \(record.op) added: \(record.statement.text)"
            case .failure(let errors):
                var q = p
                q.historyIndex = nil
                q.messages = errors.diagnostics.map { "\($0.location.line):\($0.location.column): error: \($0.message)" }
                    + [run.typedCallHint(errors)].compactMap { $0 }
                q.isError = true
                q.caret = errors.diagnostics.first.map { Self.characterOffset(ofByteColumn: $0.location.column, in: p.text) }
                prompt = q
            }
            return .redraw
        }
    }

    static func characterOffset(ofByteColumn column: Int, in text: String) -> Int {
        var bytes = 0, chars = 0
        for c in text {
            if bytes >= column - 1 { break }
            bytes += c.utf8.count
            chars += 1
        }
        return chars
    }

    // MARK: Completion

    private func complete(_ p: inout Prompt) {
        let chars = Array(p.text)
        var start = p.cursor
        while start > 0, chars[start - 1].isWordPart { start -= 1 }
        let word = String(chars[start..<p.cursor])
        let before = String(chars[..<start]).trimmingBlanks
        let isCallName = before.isEmpty || (before.hasSuffix("=") && before.dropLast().trimmingBlanks.allSatisfy(\.isWordPart))
        let candidates = (isCallName ? CallName.allCases.map(\.rawValue) : namesAliveAtCursor).filter { $0.hasPrefix(word) }
        p.messages = []
        p.isError = false
        p.caret = nil
        guard let first = candidates.first else {
            p.messages = [isCallName ? "no call starts with '\(word)'" : "no name alive at the cursor starts with '\(word)'"]
            return
        }
        var common = first
        for c in candidates.dropFirst() {
            while !c.hasPrefix(common) { common.removeLast() }
        }
        var insert = String(common.dropFirst(word.count))
        if candidates.count == 1 && isCallName && !(p.cursor < chars.count && chars[p.cursor] == "(") { insert += "(" }
        if candidates.count > 1 { p.messages = [candidates.joined(separator: "  ")] }
        p.line.insert(insert)
    }
}

extension Character {
    /// A character of a name or of a list element (`segs[0]`).
    var isWordPart: Bool { isASCII && (isLetter || isNumber || self == "_" || self == "[" || self == "]") }
}

extension StringProtocol {
    /// Without spaces, tabs and CRs at either end.
    var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
