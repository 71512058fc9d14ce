import Testing
@testable import VizModel

/// The kernel counts `dataref`'s references in two 16-bit halves: a reference past 65535 in
/// either half is a located limit error that leaves the state alone, not an invariant violation.
@Suite struct DatarefLimitTests {
    @Test func the65535thCloneIsRefused() {
        let lines = ["a = alloc_skb(64)"] + (1...65_535).map { "c\($0) = skb_clone(a)" }
        let program = Parser.parse(lines.joined(separator: "\n") + "\n", file: "clones.skb")
        var runner = Runner(design: .origChain, texts: false)
        var failure: Diagnostic?
        var before = SkbState()
        for statement in program.calls {
            // Only the last call's state is kept: a copy per call would copy every state.
            if statement.line == 65_536 { before = runner.state }
            if case .failure(let d) = runner.run(statement) {
                failure = d
                break
            }
            #expect(runner.state.data[1]?.dataref == UInt32(statement.line))
        }
        #expect(failure?.location == SourceLocation(line: 65_536, column: 10))
        #expect(failure?.message == "skb_clone(a (s1)): d1.dataref lower half would exceed 65535 (it counts every reference in 16 bits; 0x0000ffff now)")
        #expect(runner.state == before)
        #expect(runner.state.skbs.count == 65_535)
    }

    @Test func theUpperHalfIsRefusedToo() throws {
        var runner = Runner(design: .origChain)
        _ = runner.run(try #require(Parser.parse("a = alloc_skb(64)\n", file: "t.skb").calls.first))
        var state = runner.state
        state.data[1]?.dataref = 0xFFFF_FFFF
        var machine = Machine(state: state, design: .origChain, call: CallSite(line: 2, text: "skb_header_release(a)"))
        #expect(throws: KernelError("skb_header_release(a (s1)): d1.dataref upper half would exceed 65535 (it counts the payload-only references in 16 bits; 0xffffffff now)")) {
            try machine.skbHeaderRelease(1)
        }
    }
}
