import Testing
import VizModel

/// Sessions and screens for the viewer tests.
enum ViewerFixture {
    static let expandSource = DemoCatalog.named("expand")!.source

    /// A premature destructor at call 6, and at the end a leaked clone.
    static let violations = """
        design orig-chain
        a = alloc_skb(100)
        p = alloc_page()
        skb_add_rx_frag(a, 0, p, 0, 100)
        b = pskb_copy(a)
        set_data_destructor(a, tun_free)
        kfree_skb(a)
        skb_clone(b)
        kfree_skb(b)
        """

    static func session(_ source: String = expandSource, file: String = "demos/expand.skb", design: Design? = nil) throws -> ViewerSession {
        let program = Parser.parse(source, file: file)
        return try ViewerSession(program: program, design: ScenarioRun.design(of: program, override: design))
    }

    /// The records and the state after each call, by running the scenario directly.
    static func run(_ source: String, design: Design = .origChain) -> (records: [CallRecord], states: [SkbState]) {
        var records: [CallRecord] = [], states: [SkbState] = [SkbState()]
        _ = ScenarioRun.execute(Parser.parse(source, file: "t.skb"), design: design) { r, s in
            records.append(r)
            states.append(s)
        }
        return (records, states)
    }

    /// Presses the keys of `script` in order.
    static func press(_ session: inout ViewerSession, _ script: String) throws {
        for key in try Key.parse(script: script) { _ = session.handle(key) }
    }

    /// Types `text` at an open prompt character by character, as a user does (blanks and
    /// brackets are characters here, not key names as in `press`).
    static func type(_ session: inout ViewerSession, _ text: String) {
        for c in text { _ = session.handle(.character(c)) }
    }

    /// Opens the prompt of `key` (`:` a call, `/` a search), types `text` and presses Enter.
    static func enter(_ session: inout ViewerSession, at key: Character, _ text: String) {
        _ = session.handle(.character(key))
        type(&session, text)
        _ = session.handle(.enter)
    }

    /// A scenario of `n` skbs allocated, given a page frag and freed, one after another.
    static func long(_ n: Int) -> String {
        (0..<n).map { i in
            "a\(i) = alloc_skb(100)\np\(i) = alloc_page()\nskb_add_rx_frag(a\(i), 0, p\(i), 0, 100)\nb\(i) = skb_clone(a\(i))\nkfree_skb(a\(i))\nkfree_skb(b\(i))"
        }.joined(separator: "\n")
    }

    static let color = ViewerOptions(usesColor: true)
    static let noColor = ViewerOptions(usesColor: false)
}
