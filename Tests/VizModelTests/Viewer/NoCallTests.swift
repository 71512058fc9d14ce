import Testing
import VizModel

/// A scenario where no call completed: the history has no call, the cursor stays at step 0,
/// and every key of every mode works (none traps), alone or after the others.
@Suite struct NoCallTests {
    static let sources = [
        "",
        "# only a comment\n\n",
        "a = alloc_skb(99999999)\nb = alloc_skb(64)\n",
    ]

    /// Every key of every keymap table, each once.
    static var everyKey: [Key] {
        let k = Keymap.standard
        var keys: [Key] = []
        for key in k.view.entries.flatMap(\.keys) + k.help.entries.flatMap(\.keys)
            + k.prompt.entries.flatMap(\.keys) + k.confirm.entries.flatMap(\.keys) where !keys.contains(key) {
            keys.append(key)
        }
        return keys
    }

    static func draw(_ session: ViewerSession) {
        for size in [Size(width: 80, height: 24), Size(width: 40, height: 10)] {
            _ = ViewerLayout.grid(session, size: size, options: ViewerOptions(usesColor: false))
        }
    }

    @Test(arguments: sources)
    func theHistoryHasNoCall(source: String) throws {
        let session = try ViewerSession(program: Parser.parse(source, file: "none.skb"), design: .origChain)
        let h = session.history
        #expect(h.hasNoCall && h.callCount == 0 && h.stepCount == 0)
        #expect(h.end(ofCall: 1) == 0 && h.start(ofCall: 1) == 0 && h.end(ofCall: 42) == 0)
        #expect(h.position == StepHistory.Position(call: 0, step: 0))
        for motion in [Motion.step(forward: true), .call(forward: true), .call(forward: false), .end(last: true),
                       .event(forward: true), .violation(forward: true), .violation(forward: false)] {
            #expect(h.target(of: motion, count: 5) <= 5, "\(motion)")
        }
    }

    @Test(arguments: sources)
    func everyKeyAloneAndAllInARow(source: String) throws {
        let program = Parser.parse(source, file: "none.skb")
        for key in Self.everyKey {
            var session = try ViewerSession(program: program, design: .origChain)
            _ = session.handle(key)
            #expect(session.history.cursor == 0, "\(key)")
            Self.draw(session)
        }
        var session = try ViewerSession(program: program, design: .origChain)
        for key in try Key.parse(script: "5N 5P N P 42g G g c C v V n p <Tab> <Esc>") + Self.everyKey {
            _ = session.handle(key)
            Self.draw(session)
        }
    }
}
