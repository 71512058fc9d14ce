import Testing
@testable import VizModel

/// Each object's field list hands over its fields in `Field`'s order, each once: that order is
/// the trace's, and the typed paths the viewer highlights are those cases.
@Suite struct FieldListTests {
    /// Records the fields a field list visits, in order.
    struct Order<Field: ObjectField>: FieldVisitor {
        var seen: [Field] = []
        mutating func int(_ field: Field, _ value: inout Int) { seen.append(field) }
        mutating func bool(_ field: Field, _ value: inout Bool) { seen.append(field) }
        mutating func int(_ field: Field, _ value: inout Int?) { seen.append(field) }
        mutating func bool(_ field: Field, _ value: inout Bool?) { seen.append(field) }
        mutating func text(_ field: Field, _ value: inout String?) { seen.append(field) }
        mutating func page(_ field: Field, _ value: inout Int) { seen.append(field) }
        mutating func choice<C: FieldChoice>(_ field: Field, _ value: inout C) { seen.append(field) }
        mutating func word(_ field: Field, _ value: inout UInt32) { seen.append(field) }
        mutating func ref(_ field: Field, _ prefix: StaticString, _ value: inout Int) { seen.append(field) }
        mutating func ref(_ field: Field, _ prefix: StaticString, _ value: inout Int?) { seen.append(field) }
        mutating func refs(_ field: Field, _ prefix: StaticString, _ value: inout ArraySlice<Int>) { seen.append(field) }
        mutating func frags(_ field: Field, _ value: inout [Frag]) { seen.append(field) }
        mutating func derived(_ field: Field, int value: Int?) { seen.append(field) }

        static func of<T: FieldListed>(_ object: T) -> [Field] where T.Field == Field {
            var object = object
            var v = Order()
            object.visitFields(&v)
            return v.seen
        }
    }

    @Test func everyFieldIsVisitedOnceInItsOrder() {
        #expect(Order.of(SkBuff(id: 1, data: 1, size: 64, fclone: .orig)) == SkBuff.Field.allCases)
        #expect(Order.of(DataBuffer(id: 1, size: 64)) == DataBuffer.Field.allCases)
        #expect(Order.of(Page(id: 1)) == Page.Field.allCases)
        #expect(Order.of(UbufInfo(id: 1, kind: .msg, fn: "sock_zerocopy_callback")) == UbufInfo.Field.allCases)
    }

    /// Fields shown in changes only come after every field of the `state` record, so changes
    /// list the record's fields first, in its order.
    @Test func changeOnlyFieldsComeAfterTheStateFields() {
        func check<F: ObjectField>(_: F.Type) {
            let rank: (FieldUse) -> Int = { use in
                switch use {
                case .state, .stateIfSet: 0
                case .zerocopy: 1
                case .changes: 2
                case .history: 3
                }
            }
            let uses = F.allCases.map(\.use).filter { $0 != .history }.map(rank)
            #expect(uses == uses.sorted())
        }
        check(SkBuff.Field.self)
        check(DataBuffer.Field.self)
        check(Page.Field.self)
        check(UbufInfo.Field.self)
    }

    @Test func theTraceNamesTheChangedField() {
        var before = SkBuff(id: 3, data: 2, size: 64)
        before.held = 1
        var after = before
        after.users = 2
        after.inFlight = 1
        let step = Step(text: "", depth: 0, deltas: [Delta(key: .skb(3), before: .skb(before), after: .skb(after))])
        #expect(step.changes(in: SkbState()).map(\.field) == [.skb(3, .users), .skb(3, .inFlight)])
        #expect(step.changes(in: SkbState()).map(\.path) == ["s3.users", "s3.in_flight"])
    }
}
