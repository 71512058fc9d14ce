/// Everything allocated at one moment, and what the scenario holds and has named.
///
/// A value: a step is a set of `Delta`s on it, so stepping back applies them in reverse.
public struct SkbState: Hashable, Sendable {
    public var skbs: IdTable<SkBuff> = [:]
    public var data: IdTable<DataBuffer> = [:]
    public var pages: IdTable<Page> = [:]
    /// The zero-copy designs' completion objects, also after they completed.
    public var ubufs: IdTable<UbufInfo> = [:]
    public var counters = Counters()
    /// The parts below, which most calls never write, behind one reference: `explore` copies
    /// a state for every call it tries, and each part held references of its own to retain
    /// and release.
    private var rare = CopyOnWrite(Rare())
    /// Whether the state keeps `referrers` (the default), or answers who refers to an object
    /// by walking its objects: `explore`'s states are a few objects each, and keeping the
    /// index cost more than all the walks its checks make.
    var keepsReferrers = true

    private struct Rare {
        var socket = ZerocopySocket()
        var bindings: [String: Binding] = [:]
        var pageNames = PageNames()
        var freed: [String: CallSite] = [:]
        var referrers = Referrers()
    }

    /// The MSG_ZEROCOPY socket (`msg-zerocopy-2017`; untouched in the other designs).
    public var socket: ZerocopySocket {
        _read { yield rare.value.socket }
        _modify { yield &rare.value.socket }
    }
    /// What each scenario name stands for; set through `bind`, which keeps `pageNames`.
    public private(set) var bindings: [String: Binding] {
        _read { yield rare.value.bindings }
        _modify { yield &rare.value.bindings }
    }
    /// The scenario's name of each page it named, also after the page is freed: how the trace
    /// and the screens call a page.
    public private(set) var pageNames: PageNames {
        _read { yield rare.value.pageNames }
        _modify { yield &rare.value.pageNames }
    }
    /// Where the scenario's last reference to each object went (`ObjectKey.freed`), by its `sN`
    /// or page name: what a use after free, or a call on an skb the scenario no longer holds,
    /// says.
    public var freed: [String: CallSite] {
        _read { yield rare.value.freed }
        _modify { yield &rare.value.freed }
    }
    /// Who refers to each skb, buffer and page, as of the last change made through the
    /// subscript or by a call's closed step; writing `skbs` or `data` directly leaves it behind.
    /// Kept only when `keepsReferrers`; read through the questions of `SkbState+Referrers`.
    private(set) var referrers: Referrers {
        _read { yield rare.value.referrers }
        _modify { yield &rare.value.referrers }
    }

    public init() {}

    /// States are equal when their objects, names and counters are: `referrers` follows from them.
    public static func == (a: SkbState, b: SkbState) -> Bool {
        a.skbs == b.skbs && a.data == b.data && a.pages == b.pages && a.ubufs == b.ubufs && a.socket == b.socket
            && a.bindings == b.bindings
            && a.pageNames == b.pageNames && a.freed == b.freed && a.counters == b.counters
    }

    public func hash(into h: inout Hasher) {
        h.combine(skbs)
        h.combine(data)
        h.combine(pages)
        h.combine(ubufs)
        h.combine(socket)
        h.combine(bindings)
        h.combine(pageNames)
        h.combine(freed)
        h.combine(counters)
    }

    /// Brings `referrers` up to the change of one object, made in place by a call.
    mutating func noteChange(_ key: ObjectKey, from before: ObjectValue?, to after: ObjectValue?) {
        if keepsReferrers { referrers.change(key, from: before, to: after) }
    }

    /// `noteChange` of `key` from `before` to its value now, read where the state holds it
    /// (no copy of the object: the referrers only follow an skb's buffer and a buffer's links).
    mutating func noteChange(_ key: ObjectKey, from before: ObjectValue?) {
        guard keepsReferrers else { return }
        switch key {
        case .skb(let id): referrers.changeSkb(id, from: before?.skb?.data, to: skbs.read(id) { $0.data })
        case .data(let id): data.withValue(id) { referrers.changeBuffer(id, from: before?.data, to: $0) }
        case .page, .ubuf, .socket, .binding, .freed, .counters: break
        }
    }

    public subscript(key: ObjectKey) -> ObjectValue? {
        get {
            switch key {
            case .skb(let id): skbs[id].map(ObjectValue.skb)
            case .data(let id): data[id].map(ObjectValue.data)
            case .page(let id): pages[id].map(ObjectValue.page)
            case .ubuf(let id): ubufs[id].map(ObjectValue.ubuf)
            case .socket: .socket(socket)
            case .binding(let name): bindings[name].map(ObjectValue.binding)
            case .freed(let ref): freed[ref].map(ObjectValue.site)
            case .counters: .counters(counters)
            }
        }
        set {
            switch key {
            case .skb, .data: if keepsReferrers { referrers.change(key, from: self[key], to: newValue) }
            case .page, .ubuf, .socket, .binding, .freed, .counters: break
            }
            put(newValue, at: key)
        }
    }

    /// Puts `newValue` under `key` (nil: removes the object), the referrers left as they are.
    private mutating func put(_ newValue: ObjectValue?, at key: ObjectKey) {
        switch (key, newValue) {
        case (.skb(let id), .skb(let v)?): skbs[id] = v
        case (.skb(let id), _): skbs[id] = nil
        case (.data(let id), .data(let v)?): data[id] = v
        case (.data(let id), _): data[id] = nil
        case (.page(let id), .page(let v)?):
            pages[id] = v
            if let k = v.kernel { pageNames.kernel[id] = "k\(k)" }
        case (.page(let id), _): pages[id] = nil
        case (.ubuf(let id), .ubuf(let v)?): ubufs[id] = v
        case (.ubuf(let id), _): ubufs[id] = nil
        case (.socket, .socket(let v)?): socket = v
        case (.socket, _): socket = ZerocopySocket()
        case (.binding(let name), .binding(let v)?): bind(name, to: v)
        case (.binding(let name), _): bind(name, to: nil)
        case (.freed(let ref), .site(let v)?): freed[ref] = v
        case (.freed(let ref), _): freed[ref] = nil
        case (.counters, .counters(let v)?): counters = v
        case (.counters, _): counters = Counters()
        }
    }

    /// Binds `name` (nil: unbinds it).
    public mutating func bind(_ name: String, to binding: Binding?) {
        if case .page(let id)? = bindings[name] { pageNames.names[id] = nil }
        bindings[name] = binding
        if case .page(let id)? = binding { pageNames.names[id] = name }
    }

    /// Applies a step's deltas forward (redo) or backward (undo).
    public mutating func apply(_ deltas: [Delta], forward: Bool) {
        if forward {
            for d in deltas { self[d.key] = d.after }
        } else {
            for d in deltas.reversed() { self[d.key] = d.before }
        }
    }

    /// Applies a step's deltas forward and leaves the referrers behind: for a copy of the state
    /// that is only ever read object by object (the trace writer's), where following them
    /// would read each object's old value for nothing.
    public mutating func applyLeavingReferrers(_ deltas: [Delta]) {
        for d in deltas { put(d.after, at: d.key) }
    }

    /// The objects alone, with the names of the live pages: what the objects pane draws. It
    /// shares nothing that grows with the run (the freed ids, the names of everything ever
    /// bound), so a screen can keep it while the history's state moves on, and that state's
    /// next steps do not copy those tables because of it.
    public var objectsOnly: SkbState {
        var o = SkbState()
        (o.skbs, o.data, o.pages, o.ubufs, o.socket, o.counters) = (skbs, data, pages, ubufs, socket, counters)
        (o.referrers, o.keepsReferrers) = (referrers, keepsReferrers)
        for id in pages.keys {
            if let name = pageNames.names[id] { o.pageNames.names[id] = name }
            if let name = pageNames.kernel[id] { o.pageNames.kernel[id] = name }
        }
        return o
    }

    public var sortedSkbs: [SkBuff] { Array(skbs.values) }
    public var sortedData: [DataBuffer] { Array(data.values) }
    public var sortedUbufs: [UbufInfo] { Array(ubufs.values) }

    /// The completion objects the trace and the screens list: those not yet completed or
    /// still carried by a live buffer, in id order (model-later.md §8).
    public var listedUbufs: [UbufInfo] {
        guard !ubufs.isEmpty else { return [] }
        let carried = Set(data.values.compactMap { $0.zc ? $0.ubuf : nil })
        return sortedUbufs.filter { !$0.isCompleted || carried.contains($0.id) }
    }

    /// Pages in natural name order (`p2` before `p10`), ties in allocation order.
    public var sortedPages: [Page] {
        let names = pageNames
        return pages.values.map { (names.ref($0.id), $0) }.sorted {
            let c = NaturalOrder.compare($0.0, $1.0)
            return c != 0 ? c < 0 : $0.1.id < $1.1.id
        }.map(\.1)
    }

    /// The live page the scenario named `name`.
    public func page(named name: String) -> Page? {
        if case .page(let id)? = bindings[name] { pages[id] } else { nil }
    }

    /// How the trace and the screens call page `id`: its scenario name.
    public func pageRef(_ id: Int) -> String { pageNames.ref(id) }
}
