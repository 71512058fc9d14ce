extension ViewerRun.Failure {
    /// `call 9 fails (hazard H-expand; the events pane says why)`: what the hint bar says first
    /// after a design switch. The reason is the hazard a refused call names, else the error
    /// number it returns; the diagnostic in full is the events pane's last line, and `why`
    /// says so (or which key shows that pane, where it is not on the screen).
    func headline(why: String) -> String {
        let hazard = diagnostic.message.split(separator: "(hazard ", maxSplits: 1, omittingEmptySubsequences: false)
        let errno = diagnostic.message.split(separator: " -E", maxSplits: 1, omittingEmptySubsequences: false)
        var reason: String?
        if hazard.count > 1 {
            reason = "hazard " + hazard[1].prefix { $0 != ")" }
        } else if errno.count > 1 {
            reason = "-E" + errno[1].prefix { $0.isUppercase }
        }
        return "call \(op) fails (" + (reason.map { $0 + "; " } ?? "") + why + ")"
    }
}
