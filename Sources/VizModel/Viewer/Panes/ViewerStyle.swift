/// Styles that more than one pane uses, named once.
enum ViewerStyle {
    /// An event magenta, a violation red and bold; marked changed when the step at the cursor
    /// caused it.
    static func outcome(_ outcome: Outcome, current: Bool) -> Style {
        switch outcome {
        case .event: Style(foreground: .magenta, changed: current)
        case .violation: Style(foreground: .red, bold: true, changed: current)
        }
    }

    /// A call that failed, and an error in a prompt.
    static let failure = Style(foreground: .red, bold: true)
}
