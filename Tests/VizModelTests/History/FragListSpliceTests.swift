import Testing
@testable import VizModel

/// A step that changes a buffer's `frag_list` and nothing else of it is kept as a splice of
/// ids (`FragListSplice`): it gives the list back both ways, wherever the change is, and a
/// walk through every step of the calls that change lists gives every state back.
@Suite struct FragListSpliceTests {
    static func buffer(_ list: ArraySlice<Int>, dataref: UInt32 = 1) -> ObjectValue {
        var d = DataBuffer(id: 1, size: 64)
        d.fragList = list
        d.dataref = dataref
        return .data(d)
    }

    /// Every list `front + removed + back` turned into `front + added + back`, for parts of up
    /// to two members (ids that may repeat across parts), each list also as a slice that does
    /// not start at 0: the splice's list forward and backward, also read back from its bytes.
    @Test func aSpliceGivesTheListBackBothWays() {
        let parts: [[Int]] = [[], [7], [8], [7, 9], [9, 8]]
        var checked = 0
        for front in parts {
            for back in parts {
                for removed in parts {
                    for added in parts {
                        let before = [3] + front + removed + back, after = [4, 4] + front + added + back
                        let b = before.dropFirst(1), a = after.dropFirst(2)
                        guard let splice = FragListSplice(Self.buffer(b), Self.buffer(a)) else {
                            #expect(b == a, "\(b) → \(a)")
                            continue
                        }
                        var w = ByteWriter()
                        splice.write(to: &w)
                        var r = ByteReader(w.bytes)
                        let read = FragListSplice(&r)
                        #expect(read == splice && r.at == w.bytes.count)
                        #expect(read.applied(to: b, forward: true) == a, "\(b) → \(a)")
                        #expect(read.applied(to: a, forward: false) == b, "\(a) ← \(b)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 400)
    }

    @Test func onlyABufferWhoseFragListAloneChangedIsASplice() {
        let unlink = FragListSplice(Self.buffer([1, 2, 3]), Self.buffer([2, 3]))
        #expect(unlink?.front == 0 && unlink?.back == 2 && unlink?.removed == [1] && unlink?.added == [])
        #expect(FragListSplice(Self.buffer([1, 2]), Self.buffer([1, 2])) == nil, "nothing changed in the list")
        #expect(FragListSplice(Self.buffer([1, 2]), Self.buffer([2], dataref: 2)) == nil, "dataref changed too")
        #expect(FragListSplice(.skb(SkBuff(id: 1, data: 1, size: 64)), .skb(SkBuff(id: 1, data: 2, size: 64))) == nil)
    }

    /// Appends, a trim that clones a member and drops the ones after it, a pull that eats a
    /// member and replaces the next, a linearize and the frees: every step redone and undone
    /// gives the state its deltas give, and the calls' list steps cost a few bytes each.
    @Test func everyStepOfTheListCallsComesBackBothWays() {
        var lines = ["a = alloc_skb(64)"]
        for i in 0..<40 { lines += ["m\(i) = alloc_skb(64)", "skb_put(m\(i), 10)", "skb_frag_list_add(a, m\(i))"] }
        lines += ["b = skb_clone(a)", "pskb_trim(a, 225)", "__pskb_pull_tail(b, 15)", "skb_linearize(b)", "kfree_skb(b)", "kfree_skb(a)"]
        let (records, states) = ViewerFixture.run(lines.joined(separator: "\n") + "\n")
        #expect(records.count == lines.count, "every call ran")
        let steps = records.flatMap(\.steps)
        let splices = steps.flatMap(\.deltas).filter { d in
            guard let b = d.before, let a = d.after else { return false }
            return FragListSplice(b, a) != nil
        }
        #expect(splices.count > 80, "\(splices.count) steps kept as splices")
        var h = StepHistory(calls: records.map(\.steps))
        #expect(h.packedBytes / h.stepCount < 120, "\(h.packedBytes / h.stepCount) bytes a step")
        HistoryWalk.expectEveryStepBothWays(&h, steps)
        #expect(h.state == SkbState())
        h.seek(to: h.stepCount)
        #expect(h.state == states.last)
    }
}
