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

    /// An outcome in the steps and events panes: as `outcome`, and a data destructor firing
    /// (`OtherDesigns.isDataDestructor`) bold and underlined, which a terminal without colour
    /// shows too; the panes also mark its line with `ViewerOptions.destructorMark`.
    static func inPane(_ outcome: Outcome, current: Bool) -> Style {
        var style = Self.outcome(outcome, current: current)
        if isDataDestructor(outcome) {
            style.bold = true
            style.underline = true
        }
        return style
    }

    static func isDataDestructor(_ outcome: Outcome) -> Bool {
        if case .event(let e) = outcome { OtherDesigns.isDataDestructor(e) } else { false }
    }

    /// A data destructor's name where the objects pane shows it (`shinfo->destructor
    /// tun_free`): as its firing is drawn in the steps and events panes.
    static let dataDestructor = Style(foreground: .magenta, bold: true, underline: true)

    /// When a data destructor fires under the other designs, under its event: dim.
    static let otherDesigns = Style(dim: true)

    /// A call that failed, and an error in a prompt.
    static let failure = Style(foreground: .red, bold: true)
}
