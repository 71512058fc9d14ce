import CNcurses
import VizModel

/// Draws grids on a curses window: the only place where styles become curses attributes.
///
/// How a change looks is not decided here: `Style.drawn(usesColor:)` resolves it, and the
/// painter maps the resolved style to attributes and a colour pair.
struct Painter {
    let window: UnsafeMutablePointer<WINDOW>
    let usesColor: Bool
    /// Whether the terminal's own default colours are available as colour −1.
    private let hasDefaultColors: Bool
    private var pairs: [ColorPair: Int16] = [:]

    private struct ColorPair: Hashable {
        var foreground: Style.Color
        var background: Style.Color
    }

    /// - Parameters:
    ///   - usesColor: Whether `start_color` has run and colours should be used.
    ///   - hasDefaultColors: Whether `use_default_colors` succeeded.
    init(window: UnsafeMutablePointer<WINDOW>, usesColor: Bool, hasDefaultColors: Bool) {
        self.window = window
        self.usesColor = usesColor
        self.hasDefaultColors = hasDefaultColors
    }

    /// Replaces the window's contents with `grid` (clipped to the window) and shows it.
    mutating func paint(_ grid: Grid) {
        werase(window)
        var rows: Int32 = 0
        var columns: Int32 = 0
        skbviz_getmaxyx(window, &rows, &columns)
        for y in 0..<min(grid.height, Int(rows)) {
            for run in grid.runs(inRow: y) where run.x < columns {
                let (attributes, pair) = curses(run.style)
                _ = skbviz_wattr_set(window, attributes, pair)
                // Writing the bottom-right cell returns ERR although the glyph is drawn.
                _ = mvwaddstr(window, Int32(y), Int32(run.x), visibleText(of: run, in: grid, columns: Int(columns)))
            }
        }
        _ = skbviz_wattr_set(window, skbviz_a_normal(), 0)
        wrefresh(window)
    }

    /// The run's text cut at the window's right edge (a wide glyph cut in half becomes a space),
    /// so that curses never wraps it onto the next line.
    private func visibleText(of run: Grid.Run, in grid: Grid, columns: Int) -> String {
        guard run.x + run.width > columns else { return run.text }
        return (run.x..<columns).map { x in
            let cell = grid[x, run.y]
            let cutInHalf = x + 1 == columns && x + 1 < grid.width && grid[x + 1, run.y].isContinuation
            return cutInHalf ? " " : cell.glyph
        }.joined()
    }

    /// Curses attributes and colour pair for a style, allocating the pair on first use.
    private mutating func curses(_ style: Style) -> (attr_t, Int16) {
        let style = style.drawn(usesColor: usesColor)
        var attributes = skbviz_a_normal()
        if style.bold { attributes |= skbviz_a_bold() }
        if style.reverse { attributes |= skbviz_a_reverse() }
        if style.underline { attributes |= skbviz_a_underline() }
        if style.dim { attributes |= skbviz_a_dim() }
        guard usesColor else { return (attributes, 0) }
        return (attributes, pair(ColorPair(foreground: style.foreground, background: style.background)))
    }

    private mutating func pair(_ colors: ColorPair) -> Int16 {
        if colors.foreground == .default, colors.background == .default { return 0 }
        if let pair = pairs[colors] { return pair }
        let number = Int16(pairs.count + 1)
        guard Int32(number) < skbviz_color_pairs(),
            init_pair(number, curses(colors.foreground, isBackground: false), curses(colors.background, isBackground: true)) == OK
        else { return 0 }
        pairs[colors] = number
        return number
    }

    private func curses(_ color: Style.Color, isBackground: Bool) -> Int16 {
        switch color {
        case .default: hasDefaultColors ? -1 : Int16(isBackground ? COLOR_BLACK : COLOR_WHITE)
        case .black: Int16(COLOR_BLACK)
        case .red: Int16(COLOR_RED)
        case .green: Int16(COLOR_GREEN)
        case .yellow: Int16(COLOR_YELLOW)
        case .blue: Int16(COLOR_BLUE)
        case .magenta: Int16(COLOR_MAGENTA)
        case .cyan: Int16(COLOR_CYAN)
        case .white: Int16(COLOR_WHITE)
        }
    }
}
