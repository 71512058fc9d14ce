/// How the viewer looks at the run, apart from where its cursor is: the focused pane, the
/// scroll offset of each pane, the help overlay and a count being typed.
public struct ViewState: Hashable, Sendable {
    /// The panes, in Tab order.
    public enum Pane: Int, CaseIterable, Hashable, Sendable {
        case objects, steps, events
    }

    /// The help overlay's state.
    public struct Help: Hashable, Sendable {
        /// The filter as typed, with its insertion point.
        public var filterLine: LineEditor
        /// Whether keys are being typed into the filter.
        public var isEditingFilter = false
        /// Lines of the list scrolled off its top.
        public var offset = 0

        public init(filter: String = "", isEditingFilter: Bool = false, offset: Int = 0) {
            self.filterLine = LineEditor(filter)
            self.isEditingFilter = isEditingFilter
            self.offset = offset
        }

        /// Only the commands whose keys or help text contain this (case-insensitively).
        public var filter: String { filterLine.text }
    }

    /// The list of the steps that changed the object under the objects pane's cursor (`t`).
    public struct TouchedList: Hashable, Sendable {
        /// The object's name (`d1`).
        public var object: String
        public var touches: [ObjectCursor.Touch]
        /// The entry under the list's cursor.
        public var row: Int
    }

    /// The largest count a motion takes.
    static let maximumCount = 99_999_999

    public private(set) var focus: Pane = .objects
    /// Where each pane was scrolled by hand, until the next motion (nil: it follows the
    /// cursor): for the objects and the steps, the first line in view; for the events, the
    /// lines back from the newest (`ViewerLayout.scrolled`).
    public private(set) var scroll: [Pane: Int] = [:]
    /// The help overlay, when open.
    public private(set) var help: Help?
    /// The count being typed before a motion (`42` of `42g`).
    public private(set) var count: Int?
    /// The object the objects pane's cursor rests on, kept from step to step (it may be freed
    /// or not yet allocated at the step shown: then it is named in the pane's title only).
    public private(set) var selected: ObjectKey?
    /// The touched list, when open.
    public private(set) var touched: TouchedList?

    public init() {}

    /// Moves the focus to the next pane in Tab order (`forward`), or to the previous one.
    public mutating func cycleFocus(forward: Bool) {
        let all = Pane.allCases, step = forward ? 1 : all.count - 1
        focus = all[(focus.rawValue + step) % all.count]
    }

    /// Puts the objects pane's cursor on `key` (nil takes it away), the pane focused.
    public mutating func select(_ key: ObjectKey?) {
        selected = key
        if key != nil { focus = .objects }
    }

    /// Scrolls the objects pane to start at line `offset`.
    mutating func scrollObjects(to offset: Int) { scroll[.objects] = max(0, offset) }

    /// Opens the touched list, or closes it (nil).
    mutating func showTouched(_ list: TouchedList?) { touched = list }

    /// After a motion: every pane follows the cursor again, the objects pane the change.
    public mutating func followChange() { scroll = [:] }

    /// Scrolls `pane` (the one the screen has focused) to `offset`, never above its top
    /// (`ViewerLayout.scrolled` says where, on the screen).
    public mutating func scroll(_ pane: Pane, to offset: Int) { scroll[pane] = max(0, offset) }

    /// Takes `key` as a digit of the count, when it is one (a leading 0 is not: it is a key).
    /// - Returns: Whether the key was a digit of the count.
    public mutating func typeCount(_ key: Key) -> Bool {
        guard case .character(let c) = key, c.isASCII, let digit = c.wholeNumberValue, digit > 0 || count != nil else {
            return false
        }
        count = min((count ?? 0) * 10 + digit, Self.maximumCount)
        return true
    }

    /// The count typed so far, cleared.
    public mutating func takeCount() -> Int? {
        defer { count = nil }
        return count
    }

    // MARK: The help overlay

    /// Opens the help overlay, unfiltered.
    public mutating func openHelp() { help = Help() }

    /// What a key did in the help overlay.
    public enum HelpResult: Hashable, Sendable {
        case changed, unchanged, quit
    }

    /// Handles `key` while the help overlay is open: its own commands, or the filter being typed.
    /// `viewport` is how many lines the overlay's list has and how many show at once, for
    /// scrolling; a changed filter scrolls back to the top.
    public mutating func handleHelp(_ key: Key, keymap: Keymap, viewport: (lines: Int, height: Int) = (0, 0)) -> HelpResult {
        guard var h = help else { return .unchanged }
        let command = keymap.help.command(for: key)
        // While the filter is typed, `q` is a letter (`sk_error_queue`), as at the prompts.
        if h.isEditingFilter {
            switch keymap.prompt.command(for: key) {
            case .cancel: h = Help()
            case .submit: h.isEditingFilter = false
            case let command?:
                let before = h.filterLine
                guard h.filterLine.perform(command), h.filterLine != before else { return .unchanged }
            case nil: guard case .character(let c) = key else { return .unchanged }; h.filterLine.insert(c)
            }
            if h.filter != help?.filter { h.offset = 0 }
            help = h
            return .changed
        }
        switch command {
        case .quit: return .quit
        case .close: help = nil
        case .filter: h.isEditingFilter = true; help = h
        case .clearFilter where !h.filter.isEmpty: h.filterLine = LineEditor(); h.offset = 0; help = h
        case .scrollDown, .scrollUp, .pageDown, .pageUp, .top, .bottom:
            let last = max(0, viewport.lines - viewport.height), page = max(1, viewport.height - 1)
            let wanted = switch command {
            case .scrollDown: h.offset + 1
            case .scrollUp: h.offset - 1
            case .pageDown: h.offset + page
            case .pageUp: h.offset - page
            case .top: 0
            default: last
            }
            let offset = min(max(0, wanted), last)
            guard offset != h.offset else { return .unchanged }
            h.offset = offset
            help = h
        default: return .unchanged
        }
        return .changed
    }
}
