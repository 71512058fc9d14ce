import ArgumentParser
import VizModel

/// `skbviz _terminal-demo [--color auto|always|never]`: the terminal layer on its own,
/// showing the "terminal too small" screen at the current size until `q`.
///
/// Hidden; it exists so tests in a real terminal (tmux) can check keys, resize, colour,
/// signals and terminal restore before the viewer does.
struct TerminalSelfTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_terminal-demo",
        abstract: "Show the 'terminal too small' screen until q (for tests of the terminal layer).",
        shouldDisplay: false
    )

    @Option(help: "Use colour: auto, always or never (auto honours NO_COLOR).")
    var color: ColorChoice = .auto

    func run() throws {
        try TerminalSelfTest.showTooSmall(color: color)
    }

    /// Shows `TooSmallScreen` for the terminal's size, redrawn on resize, until `q`.
    ///
    /// The message is marked `changed`, so tests see how the painter shows changes
    /// (yellow in colour, reversed without).
    static func showTooSmall(color: ColorChoice) throws {
        let session = try TerminalSession(color: color)
        defer { session.shutdown() }
        let style = Style(foreground: .yellow, bold: true, changed: true)
        session.run(render: { TooSmallScreen.grid(size: $0, style: style) }, handle: { key, _ in key != .character("q") })
    }
}
