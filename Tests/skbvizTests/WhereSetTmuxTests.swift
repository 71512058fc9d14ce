#if os(Linux)
import Foundation
import Glibc
import Testing
import VizModel

/// The new keys of issue 10 in a real terminal: `x` to the data destructor with the other
/// designs' line, and the objects pane's cursor with `[` and the touched list.
@Suite struct WhereSetTmuxTests {
    @Test func xGoesToTheDataDestructorAndSaysWhenItFiresElsewhere() async throws {
        let tmux = try Tmux.start(["demo", "expand", "--design", "naive"], width: 80, height: 24)
        defer { tmux.kill() }
        try await tmux.waitFor("call 1/10: a = alloc_skb(200)  step 0/4")
        try tmux.sendKeys("x")
        let screen = try await tmux.waitFor("other designs: vanilla: no data destructor · orig-chain: call 10")
        #expect(screen.contains("call 9/10: kfree_skb(b)  step 4/5"))
        #expect(screen.contains("◆ event data_destructor d1 tun_free"))
        try tmux.sendKeys("x")
        try await tmux.waitFor("no data destructor firing after this step under naive")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit().status == 0)
    }

    @Test func theObjectCursorFindsWhereAValueWasSet() async throws {
        let tmux = try Tmux.start(["demo", "expand"], width: 100, height: 30)
        defer { tmux.kill() }
        try await tmux.waitFor("step 0/4")
        try tmux.sendKeys("8", "N", "Enter", "j", "j")
        try await tmux.waitFor("objects  ▸ d1")
        try tmux.sendKeys("[")
        try await tmux.waitFor("call 8/10: pskb_expand_head(a, 32, 0)  step 6/8")
        try tmux.sendKeys("t")
        try await tmux.waitFor("steps that changed d1 (11)")
        try tmux.sendKeys("k", "Enter")
        try await tmux.waitFor("call 8/10: pskb_expand_head(a, 32, 0)  step 5/8")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit().status == 0)
    }
}
#endif
