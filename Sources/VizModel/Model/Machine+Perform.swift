extension Machine {
    /// Hands the call's results to the scenario: a bound skb gets its name and a scenario
    /// reference; an unbound one keeps only the reference nobody will give back (a leak). A
    /// page's name is its binding. A machine that `names` nothing takes the references alone.
    mutating func bindResults(_ results: [Int], returns: ReturnKind, to name: String?) {
        guard let name else { return }
        switch returns {
        case .nothing:
            return
        case .page:
            guard let id = results.first else { return }
            if !hasOpenStep { begin(say("\(name) = the new page")) }
            if names { bind(name, to: .page(id)) }
        case .skb:
            guard let id = results.first else { return }
            if !hasOpenStep { begin(say("\(name) = s\(id)")) }
            take(id, as: names ? name : nil)
            if names { bind(name, to: .skb(id)) }
        case .list:
            if !hasOpenStep { begin(say("\(name) = the segments")) }
            for (i, id) in results.enumerated() { take(id, as: names ? "\(name)[\(i)]" : nil) }
            if names { bind(name, to: .list(results)) }
        }
    }

    /// Takes the reference a call returned for the scenario, under `name` (nil: unnamed).
    private mutating func take(_ id: Int, as name: String?) {
        updateSkb(id) {
            if let name { $0.name = name }
            $0.held += 1
            $0.inFlight -= 1
        }
    }
}
