import Testing
@testable import VizModel

/// `IdTable` answers as a dictionary of the same ids and values would, in id order, whatever
/// order the ids came in and whatever holes its removals left.
@Suite struct IdTableTests {
    /// Random inserts, changes in place (through the subscript and `update`) and removals on a
    /// table and on a dictionary, small tables and large ones (which leave holes), checked after
    /// every change.
    @Test(arguments: [8, 40, 400])
    func followsADictionary(ids: Int) {
        var rng = SplitMix64(seed: UInt64(ids))
        var table: IdTable<Int> = [:]
        var dictionary: [Int: Int] = [:]
        for step in 0..<4000 {
            let id = Int(rng.next() % UInt64(ids))
            switch rng.next() % 5 {
            case 0:
                table[id] = step
                dictionary[id] = step
            case 4:
                table.removeValue(id)
                dictionary[id] = nil
            case 1:
                table[id]? += 1
                dictionary[id]? += 1
            case 2:
                table[id, default: 0] += 1
                dictionary[id, default: 0] += 1
            case 3 where step % 2 == 0:
                table.put(id, -step)
                dictionary[id] = -step
            case 3 where step % 4 == 1 && dictionary[id] != nil:
                table.update(id) { $0 += 7 }
                dictionary[id]! += 7
            default:
                table[id] = nil
                dictionary[id] = nil
            }
            #expect(table.count == dictionary.count && table.isEmpty == dictionary.isEmpty)
            #expect(Array(table.keys) == dictionary.keys.sorted())
            #expect(Array(table.values) == dictionary.keys.sorted().map { dictionary[$0]! })
            #expect(table.map(\.key) == dictionary.keys.sorted())
            #expect(table[id] == dictionary[id])
            var visited: [Int] = []
            table.forEachValue { visited.append($0) }
            #expect(visited == dictionary.keys.sorted().map { dictionary[$0]! })
            #expect(table.containsValue { $0 == step } == dictionary.values.contains(step))
        }
    }

    /// The walks (`forEachValue`, `forEachAddress`), `read` and `withAddress` lend each value
    /// where the table holds it (past the entry's optional): values of every layout read back
    /// whole, holes skipped, absent ids nil.
    @Test(arguments: [8, 40, 400])
    func theValuesAreLentWhole(ids: Int) {
        check(ids) { $0 }
        check(ids) { "value \($0) " + String(repeating: "x", count: $0 % 40) }
        check(ids) { Array(0..<($0 % 7)) }
        check(ids) { $0 % 3 == 0 ? nil : $0 }
        check(ids) { Lent(flag: $0 % 2 == 0, count: $0, name: $0 % 5 == 0 ? nil : "n\($0)", list: [$0, -$0]) }
        check(ids) { n in
            var s = SkBuff(id: n, data: n + 1, size: 64)
            s.name = n % 4 == 0 ? nil : "segs[\(n)] of a long enough name"
            s.cloned = n % 3 == 0
            return s
        }
    }

    private struct Lent: Equatable {
        var flag: Bool
        var count: Int
        var name: String?
        var list: [Int]
    }

    private func check<V: Equatable>(_ ids: Int, _ value: (Int) -> V) {
        var rng = SplitMix64(seed: UInt64(ids) &+ 7)
        var table: IdTable<V> = [:]
        var dictionary: [Int: V] = [:]
        for step in 0..<1500 {
            let id = Int(rng.next() % UInt64(ids))
            if rng.next() % 3 == 0 {
                table.removeValue(id)
                dictionary[id] = nil
            } else {
                table[id] = value(step)
                dictionary[id] = value(step)
            }
            var visited: [V] = [], addressed: [V] = []
            table.forEachValue { visited.append($0) }
            table.forEachAddress { addressed.append($0.pointee) }
            #expect(visited == dictionary.keys.sorted().map { dictionary[$0]! })
            #expect(addressed == visited)
            #expect(table.containsValue { $0 == value(step) } == dictionary.values.contains(value(step)))
            let probe = Int(rng.next() % UInt64(ids))
            #expect(table.read(probe) { $0 } == dictionary[probe])
            #expect(table.withAddress(probe) { $0?.pointee } == dictionary[probe])
        }
    }

    /// A table with holes equals, and hashes as, the same content laid out without them.
    @Test func holesDoNotCount() {
        var holed: IdTable<String> = [:]
        for id in 1...100 { holed[id] = "v\(id)" }
        for id in 1...40 { holed[id] = nil }
        var plain: IdTable<String> = [:]
        for id in 41...100 { plain[id] = "v\(id)" }
        #expect(holed == plain && holed.hashValue == plain.hashValue)
        #expect(Array(holed.keys.reversed()) == Array((41...100).reversed()))
        holed[7] = "back"
        plain[7] = "back"
        #expect(holed == plain && holed.keys.first == 7)
        #expect(holed != plain.filter { $0.key != 7 })
    }

    /// `append` of ids past the last builds the table the subscript builds, also after holes
    /// and removals, and counts what it adds.
    @Test func appendIsTheSubscriptsInsertPastTheEnd() {
        var appended: IdTable<String> = [:], assigned: IdTable<String> = [:]
        for id in [2, 3, 7] {
            appended.append(id, "v\(id)")
            assigned[id] = "v\(id)"
        }
        #expect(appended == assigned && appended.count == 3 && Array(appended.keys) == [2, 3, 7])
        appended.removeValue(7)
        assigned[7] = nil
        appended.append(9, "v9")
        assigned[9] = "v9"
        #expect(appended == assigned && appended.count == 3 && appended[9] == "v9" && appended[7] == nil)
    }

    /// `put` is the subscript's write: appended past the last id, in place for an older id
    /// (an undo's), over the value of an id already there.
    @Test func putIsTheSubscriptsWrite() {
        var put: IdTable<String> = [:], assigned: IdTable<String> = [:]
        for (id, v) in [(4, "a"), (9, "b"), (2, "c"), (9, "d"), (6, "e")] {
            put.put(id, v)
            assigned[id] = v
            #expect(put == assigned && put.count == assigned.count)
        }
        #expect(Array(put.keys) == [2, 4, 6, 9] && put[9] == "d")
    }

    /// Reading or changing through `!` and `?` on an absent id leaves the table as it was.
    @Test func anAbsentIdAddsNothing() {
        var table: IdTable<[Int]> = [5: [1]]
        table[3]?.append(2)
        #expect(table.count == 1 && table[3] == nil && Array(table.keys) == [5])
        table[5]!.append(2)
        #expect(table[5] == [1, 2] && table.mapValues(\.count) == [5: 2])
    }
}
