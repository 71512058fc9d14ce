/// The look of a picture, in one `<style>`: a light card, or a dark one where the reader
/// prefers dark (`prefers-color-scheme`), so the picture reads on any page; the palette of
/// `Style.Color` (the classes `SVGText` gives a span), the highlight of a change, the boxes,
/// bars and arrows, and the arrowheads.
enum PictureStyle {
    /// One font family, and the generic monospace when it is missing: widths are counted in
    /// cells of 0.6 em.
    static let fontFamily = "DejaVu Sans Mono, monospace"

    /// The colours of one theme.
    private struct Theme {
        var card, text, dim, box, boxFill, highlight, changed: String
        var headroom, linear, tailroom, unused, tick: String
        var red, green, yellow, blue, magenta, cyan: String
        var skbArrow, fragArrow, origArrow, listArrow: String
    }

    private static let light = Theme(
        card: "#ffffff", text: "#1f2328", dim: "#57606a", box: "#8c959f", boxFill: "#f6f8fa", highlight: "#fff0a0",
        changed: "#bf8700", headroom: "#cfe3ff", linear: "#a6e3b4", tailroom: "#ffffff", unused: "#eaeef2", tick: "#6e7781",
        red: "#cf222e", green: "#1a7f37", yellow: "#7d4e00", blue: "#0969da", magenta: "#8250df", cyan: "#1b7c83",
        skbArrow: "#0969da", fragArrow: "#57606a", origArrow: "#bc4c00", listArrow: "#8250df")

    private static let dark = Theme(
        card: "#0d1117", text: "#e6edf3", dim: "#9198a1", box: "#6e7681", boxFill: "#161b22", highlight: "#5a4500",
        changed: "#e3b341", headroom: "#1f3b63", linear: "#1f5f32", tailroom: "#0d1117", unused: "#21262d", tick: "#8b949e",
        red: "#ff7b72", green: "#56d364", yellow: "#f2cc60", blue: "#79c0ff", magenta: "#d2a8ff", cyan: "#76e3ea",
        skbArrow: "#79c0ff", fragArrow: "#9198a1", origArrow: "#ffa657", listArrow: "#d2a8ff")

    private static func rules(_ t: Theme) -> String {
        """
        .card{fill:\(t.card)}
        text{fill:\(t.text)}
        .dim{fill:\(t.dim)}
        .f-red{fill:\(t.red)} .f-green{fill:\(t.green)} .f-yellow{fill:\(t.yellow)} .f-blue{fill:\(t.blue)}
        .f-magenta{fill:\(t.magenta)} .f-cyan{fill:\(t.cyan)}
        .hl{fill:\(t.highlight)}
        .box{fill:\(t.boxFill);stroke:\(t.box)}
        .box.created{stroke:\(t.changed)}
        .box.freed{stroke:\(t.red)}
        .bar{stroke:\(t.box)}
        .changed>.bar{stroke:\(t.changed)}
        .headroom{fill:\(t.headroom)} .linear{fill:\(t.linear)} .tailroom{fill:\(t.tailroom)} .unused{fill:\(t.unused)}
        .tick{stroke:\(t.tick)}
        .skb-data{stroke:\(t.skbArrow)} #m-skb-data path{fill:\(t.skbArrow)}
        .frag{stroke:\(t.fragArrow)} #m-frag path{fill:\(t.fragArrow)}
        .orig{stroke:\(t.origArrow)} #m-orig path{fill:\(t.origArrow)}
        .frag-list{stroke:\(t.listArrow)} #m-frag-list path{fill:\(t.listArrow)}
        .arrow.changed{stroke:\(t.changed)} #m-changed path{fill:\(t.changed)}

        """
    }

    /// The `<style>` and the arrowheads' `<defs>`.
    static let sheet: String = {
        var s = "<style>\n"
        s += "text{white-space:pre}\n"
        s += ".b{font-weight:bold} .u{text-decoration:underline}\n"
        s += ".box{stroke-width:1} .box.created{stroke-width:2.5} .box.freed{stroke-dasharray:5 3;stroke-width:1.5}\n"
        s += ".bar{fill:none;stroke-width:1} .changed>.bar{stroke-width:2.5}\n"
        s += ".tick{stroke-width:1;stroke-dasharray:2 2}\n"
        s += ".arrow{fill:none;stroke-width:1.5} .arrow.changed{stroke-width:2.5} .arrow.unowned{stroke-dasharray:4 3}\n"
        s += rules(light)
        s += "@media (prefers-color-scheme: dark) {\n" + rules(dark) + "}\n"
        s += "</style>\n<defs>\n"
        for kind in ["skb-data", "frag", "orig", "frag-list", "changed"] {
            s += "<marker id=\"m-\(kind)\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\" "
                + "markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker>\n"
        }
        s += "</defs>\n"
        return s
    }()
}
