extension Machine {
    /// Runs one call of the language on resolved arguments; returns the skbs it made for the
    /// caller (held by the running call until they are bound).
    mutating func perform(_ call: CallName, _ a: [ArgumentValue], pageName: String?) throws(KernelError) -> [Int] {
        switch call {
        case .allocSkb: return [try allocSkb(size: a[0].integer, fclone: false)]
        case .allocSkbFclone: return [try allocSkb(size: a[0].integer, fclone: true)]
        case .skbReserve: try skbReserve(a[0].skb, a[1].integer)
        case .skbPut: try skbPut(a[0].skb, a[1].integer)
        case .skbPush: try skbPush(a[0].skb, a[1].integer)
        case .skbPull: try skbPull(a[0].skb, a[1].integer)
        case .allocPage: allocPage(pageName ?? "")
        case .getPage: scenarioGetPage(a[0].page)
        case .putPage: try scenarioPutPage(a[0].page)
        case .skbAddRxFrag:
            try skbAddRxFrag(a[0].skb, i: a[1].integer, page: a[2].page, off: a[3].integer, size: a[4].integer)
        case .skbFragListAdd: try skbFragListAdd(a[0].skb, a[1].skb)
        case .skbSetOwnerW: skbSetOwnerW(a[0].skb)
        case .skbOrphan: skbOrphan(a[0].skb)
        case .setDataDestructor: setDataDestructor(a[0].skb, a[1].function)
        case .skbClone: return [skbClone(a[0].skb)]
        case .skbCopy: return [try skbCopy(a[0].skb)]
        case .pskbCopy: return [pskbCopy(a[0].skb)]
        case .skbGet: skbGet(a[0].skb)
        case .kfreeSkb: scenarioKfreeSkb(a[0].skb)
        case .skbHeaderRelease: try skbHeaderRelease(a[0].skb)
        case .pskbExpandHead: try pskbExpandHead(a[0].skb, nhead: a[1].integer, ntail: a[2].integer)
        case .pskbPullTail: try pskbPullTail(a[0].skb, delta: a[1].integer, argument: 1)
        case .pskbMayPull: try pskbMayPull(a[0].skb, a[1].integer)
        case .pskbPull: try pskbPull(a[0].skb, a[1].integer, argument: 1)
        case .skbLinearize: try skbLinearize(a[0].skb)
        case .pskbTrim: try pskbTrim(a[0].skb, a[1].integer)
        case .skbSplit: try skbSplit(a[0].skb, a[1].skb, len: a[2].integer)
        case .skbSegment: return try skbSegment(a[0].skb, mss: a[1].integer, doffset: a[2].integer)
        }
        return []
    }

    /// Hands the call's results to the scenario: a bound skb gets its name and a scenario
    /// reference; an unbound one keeps only the reference nobody will give back (a leak).
    mutating func bindResults(_ results: [Int], call: CallName, to name: String?) {
        guard let name else { return }
        switch call.returns {
        case .nothing:
            return
        case .page:
            if !hasOpenStep { begin(say("\(name) = the new page")) }
            bind(name, to: .page(name))
        case .skb:
            guard let id = results.first else { return }
            if !hasOpenStep { begin(say("\(name) = s\(id)")) }
            take(id, as: name)
            bind(name, to: .skb(id))
        case .list:
            if !hasOpenStep { begin(say("\(name) = the segments")) }
            for (i, id) in results.enumerated() { take(id, as: "\(name)[\(i)]") }
            bind(name, to: .list(results))
        }
    }

    private mutating func take(_ id: Int, as name: String) {
        updateSkb(id) {
            $0.name = name
            $0.held += 1
            $0.inFlight -= 1
        }
    }
}
