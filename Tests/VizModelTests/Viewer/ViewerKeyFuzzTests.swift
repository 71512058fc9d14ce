import Foundation
import Testing
import VizModel

/// Random keys on every demo under every design, with typed calls (good and bad), searches,
/// counts and exports among them, drawn after every burst at sizes from 1×1 up: the viewer
/// never traps, every screen is exactly the terminal's size, and the cursor stays inside the
/// history. `SKBVIZ_FUZZ_KEY_RUNS` sets how many sequences (`Scripts/bench` runs 1,000).
@Suite struct ViewerKeyFuzzTests {
    static let runs = ProcessInfo.processInfo.environment["SKBVIZ_FUZZ_KEY_RUNS"].flatMap(Int.init) ?? 60

    /// Every key some table binds, each once, except the view's quit keys (a quit ends a sequence
    /// early), and the named keys no table binds.
    static let keys: [Key] = {
        let k = Keymap.standard
        let quits = Set(k.view.entry(.quit)?.keys ?? [])
        var keys: [Key] = []
        let bound = k.view.entries.flatMap(\.keys) + k.help.entries.flatMap(\.keys) + k.prompt.entries.flatMap(\.keys)
            + k.confirm.entries.flatMap(\.keys) + k.list.entries.flatMap(\.keys)
        for key in bound + [.resize, .function(7), .control("x"), .character("é"), .character(" ")]
            where !keys.contains(key) && !quits.contains(key) {
            keys.append(key)
        }
        return keys
    }()

    /// What the `:` prompt gets: calls on the demos' names, calls that cannot run, and text
    /// that is no call.
    static let typed = [
        "kfree_skb(s1)", "x = skb_clone(s1)", "pskb_expand_head(s1, 0, 0)", "skb_put(s1, 10)", "skb_linearize(s1)",
        "y = alloc_skb(64)", "pskb_trim(s1, 1)", "skb_get(s1)", "kfree_skb(zz)", "bogus(", "s1 = ", "",
        "skb_split(s1, s1, 4)", "g = skb_segment(s1, 10, 0)", "p9 = alloc_page()", "skb_add_rx_frag(s1, 0, p9, 0, 100)",
    ]

    static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 50), Size(width: 40, height: 10),
                        Size(width: 1, height: 1), Size(width: 79, height: 23), Size(width: 120, height: 30)]

    /// The next burst of keys: one bound key, a count and a key, a typed call, or a search.
    static func burst(_ rng: inout SplitMix64) -> [Key] {
        let k = Keymap.standard
        func text(_ s: String) -> [Key] { s.map { Key.character($0) } }
        switch rng.below(10) {
        case 0:
            return (k.view.entry(.typeCall)?.keys.prefix(1) ?? []) + text(typed[rng.below(typed.count)]) + [.enter]
        case 1:
            let words = ["kfree", "d1", "p1", "dataref", "nothing at all"]
            return (k.view.entry(.search)?.keys.prefix(1) ?? []) + text(words[rng.below(words.count)]) + [.enter]
        case 2:
            return text(String(1 + rng.below(40))) + [keys[rng.below(keys.count)]]
        default:
            return [keys[rng.below(keys.count)]]
        }
    }

    /// The keys pressed, as a key script that replays them (`skbviz render --keys`).
    static func script(_ keys: [Key]) -> String { keys.map(\.description).joined(separator: " ") }

    @Test func randomKeysOnEveryDemoUnderEveryDesign() throws {
        var rng = SplitMix64(seed: 0x6B65_7973)
        var drawn = 0, typedRuns = 0
        for run in 0..<Self.runs {
            let demo = DemoCatalog.all[run % DemoCatalog.all.count]
            let design = Design.allCases[rng.below(Design.allCases.count)]
            let program = Parser.parse(demo.source, file: "\(demo.name).skb")
            var session = try ViewerSession(program: program, design: design)
            let size = Self.sizes[rng.below(Self.sizes.count)]
            var pressed: [Key] = []
            sequence: for _ in 0..<30 {
                for key in Self.burst(&rng) {
                    pressed.append(key)
                    switch session.handle(key) {
                    case .quit: break sequence
                    case .export, .picture: session.exportFinished("not written (test)")
                    case .redraw, .none: break
                    }
                }
                let grid = ViewerLayout.grid(session, size: size, options: ViewerOptions(usesColor: run % 2 == 0))
                drawn += 1
                #expect(grid.size == size, "\(demo.name) \(design.rawValue) \(size): \(Self.script(pressed))")
                #expect(session.history.cursor >= 0 && session.history.cursor <= session.history.stepCount,
                        "\(demo.name) \(design.rawValue): \(Self.script(pressed))")
            }
            if session.calls.count != program.calls.count { typedRuns += 1 }
        }
        // The sequences reach the screens they are meant to: most draw many times, and typed
        // calls join the runs.
        #expect(drawn > Self.runs * 10, "\(drawn) screens")
        #expect(typedRuns > 0, "no typed call ran")
    }
}
