/// The ownership rules over a whole state, decided in one walk of each table.
extension Checker {
    /// Whether `state` keeps every rule `invariantViolations(in:)` checks. The search asks
    /// the rules of nearly every state it meets first, and nearly every one keeps them: one
    /// walk of each table into a few integers answers that, where asking each skb and each page
    /// who refers to it walked the buffers again for every one (a state that breaks a rule, or
    /// might, is checked rule by rule for the findings' words).
    static func keepsRules(_ state: SkbState) -> Bool {
        let (ns, nb, np) = (state.skbs.count, state.data.count, state.pages.count)
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 5 * ns + 2 * nb + 3 * np) { space in
            var at = 0
            func take(_ n: Int) -> UnsafeMutableBufferPointer<Int> {
                defer { at += n }
                return UnsafeMutableBufferPointer(rebasing: space[at..<at + n])
            }
            // Per skb, in id order: id, references owed (held, in flight, owned links), users,
            // its buffer, and whether it must be its buffer's only head (cloned 0: 1).
            let (skbIds, skbOwed, skbUsers, skbData, skbSole) = (take(ns), take(ns), take(ns), take(ns), take(ns))
            var sole = false
            // Per buffer: id, heads. Per page: id, references owed (held, in flight, owned slots), count.
            let (bufferIds, heads) = (take(nb), take(nb))
            heads.update(repeating: 0)
            let (pageIds, pageOwed, pageCount) = (take(np), take(np), take(np))
            // The objects' own rules, asked as the rule-by-rule check asks them (a finding's
            // words are built only for a state that breaks one).
            var broken: [String] = []
            var keeps = true
            var k = 0
            state.skbs.forEachAddress { s in
                let s = s.pointee
                (skbIds[k], skbOwed[k], skbUsers[k], skbData[k]) = (s.id, s.held + s.inFlight, s.users, s.data)
                skbSole[k] = !s.cloned && s.data != 0 ? 1 : 0
                if skbSole[k] != 0 { sole = true }
                addBrokenRules(of: s, to: &broken)
                k += 1
            }
            k = 0
            state.pages.forEachAddress { p in
                (pageIds[k], pageOwed[k], pageCount[k]) = (p.pointee.id, p.pointee.held + p.pointee.inFlight, p.pointee.count)
                k += 1
            }
            k = 0
            state.data.forEachAddress { b in
                bufferIds[k] = b.pointee.id
                k += 1
                addBrokenRules(of: b, in: state, to: &broken)
                if b.pointee.fragListOwned {
                    for m in b.pointee.fragList {
                        if let i = skbIds.place(of: m) { skbOwed[i] += 1 }
                    }
                }
                for f in b.pointee.frags where f.owned {
                    // A freed page still a frag breaks a rule.
                    guard let i = pageIds.place(of: f.page) else {
                        keeps = false
                        continue
                    }
                    pageOwed[i] += 1
                }
            }
            guard keeps && broken.isEmpty else { return false }
            for i in 0..<ns where skbUsers[i] != skbOwed[i] { return false }
            for i in 0..<np where pageCount[i] != pageOwed[i] { return false }
            guard sole else { return true }
            // An skb with cloned 0 is its buffer's only head (an skb on no live buffer: asked
            // rule by rule). Each skb's buffer id becomes its place among the buffers.
            for i in 0..<ns where skbData[i] != 0 {
                guard let b = bufferIds.place(of: skbData[i]) else { return false }
                skbData[i] = b
                heads[b] += 1
            }
            for i in 0..<ns where skbSole[i] != 0 && heads[skbData[i]] > 1 { return false }
            return true
        }
    }
}
