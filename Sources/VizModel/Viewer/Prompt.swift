extension ViewerSession {
    /// The command line at the bottom of the screen: typed calls, the export path and its
    /// confirmation.
    public struct Prompt: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// A call of the language, run at the cursor.
            case call
            /// Where to write the session log (empty: the default name).
            case exportPath
            /// What to search the walk for (empty: the last search again).
            case search
            /// `existing` files of the log at `path` exist: overwrite them? (y/n)
            case confirmOverwrite(path: String, existing: [String])
            /// Where to write the picture of the step (empty: the default name).
            case picturePath
            /// The picture's file exists at `path`: overwrite it? (y/n)
            case confirmPicture(path: String)
        }

        public var kind: Kind
        /// The line being typed.
        public internal(set) var line: LineEditor
        /// Errors or completions shown above the line.
        public internal(set) var messages: [String] = []
        /// Whether `messages` are errors (else completions or information).
        public internal(set) var isError = false
        /// Where to put a caret under the text (a character offset), for an error.
        public internal(set) var caret: Int?
        /// Which entry of the typed history is shown (Up/Down), and the text typed before.
        var historyIndex: Int?
        var draft = ""
        /// The keys of the answers to a confirmation, as the label shows them (`y/n`).
        var answers = ""

        public init(kind: Kind, text: String = "") {
            self.kind = kind
            self.line = LineEditor(text)
        }

        /// The text typed.
        public var text: String { line.text }
        /// The insertion point, in characters from the start of `text`.
        public var cursor: Int { line.cursor }

        /// What the line starts with.
        public var label: String {
            switch kind {
            case .call: ": "
            case .exportPath: "export to: "
            case .picturePath: "picture to: "
            case .confirmPicture(let path): "\(path) exists: overwrite? (\(answers)) "
            case .search: "/"
            case .confirmOverwrite(let path, let existing):
                "\(existing.count == 1 ? existing[0] : "\(path).*") exist\(existing.count == 1 ? "s" : ""): overwrite? (\(answers)) "
            }
        }
    }
}
