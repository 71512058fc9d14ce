extension Machine {
    /// Hands the call's results to the scenario: a bound skb gets its name and a scenario
    /// reference; an unbound one keeps only the reference nobody will give back (a leak). A
    /// page's name is its binding.
    mutating func bindResults(_ results: [Int], returns: ReturnKind, to name: String?) {
        guard let name else { return }
        switch returns {
        case .nothing:
            return
        case .page:
            guard let id = results.first else { return }
            if !hasOpenStep { begin(say("\(name) = the new page")) }
            bind(name, to: .page(id))
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
