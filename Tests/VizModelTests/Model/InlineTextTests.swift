import Dispatch
import Synchronization
import Testing
@testable import VizModel

/// An skb's name and destructor as plain data: every string comes back as it went in, nil
/// and the empty string apart, and two texts are equal (and hash alike) exactly when their
/// strings are, inline (up to 15 bytes) or interned, from any thread.
struct InlineTextTests {
    static let fixed: [String?] = [nil, "", "a", "x1", "segs[0]", "sock_wfree", "tun_free", "fifteen_bytes_x", "sixteen_bytes_xy",
                                   "sock_zerocopy_callback", String(repeating: "n", count: 300), "é", "naïve_name", "a\u{0}b"]
    /// Names of every length from 1 to 40 bytes, on both sides of the inline limit.
    static let lengths: [String?] = (1...40).map { n in
        let letters: [Character] = (0..<n).map { i in Character(UnicodeScalar(UInt8(0x61 + (i * 7 + n) % 26))) }
        return String(letters)
    }
    static let samples = fixed + lengths

    @Test func everyStringComesBack() {
        for s in Self.samples {
            #expect(InlineText(s).string == s, "\(s.debugDescription)")
        }
    }

    @Test func equalExactlyWhenTheStringsAre() {
        for a in Self.samples {
            for b in Self.samples {
                #expect((InlineText(a) == InlineText(b)) == (a == b), "\(a.debugDescription) \(b.debugDescription)")
                if a == b { #expect(InlineText(a).hashValue == InlineText(b).hashValue) }
            }
        }
    }

    @Test func longStringsInternAlikeFromManyThreads() {
        let names = (0..<64).map { "a_long_name_from_thread_\($0)" }
        let texts = Mutex([[InlineText]](repeating: [], count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            let made = names.map { InlineText($0) }
            texts.withLock { $0[k] = made }
        }
        let all = texts.withLock { $0 }
        for made in all {
            #expect(made == all[0])
            #expect(made.map(\.string) == names)
        }
    }

    @Test func anSkbKeepsItsNameAndDestructor() {
        var s = SkBuff(id: 1, data: 1, size: 64)
        #expect(s.name == nil && s.destructor == nil)
        s.name = "segs[12]"
        s.destructor = "sock_wfree"
        var t = s
        #expect(t == s && t.name == "segs[12]" && t.destructor == "sock_wfree")
        t.name = "a_name_longer_than_fifteen"
        #expect(t != s && t.name == "a_name_longer_than_fifteen")
        t.destructor = nil
        #expect(t.destructor == nil)
    }
}
