/// The unit of change: every step records the objects it touched, before and after.
public enum ObjectKey: Hashable, Sendable {
    case skb(Int)
    case data(Int)
    case page(Int)
    /// A zero-copy completion object (`ubuf_info`).
    case ubuf(Int)
    /// The MSG_ZEROCOPY socket: its `zckey` and error queue.
    case socket
    case binding(String)
    /// Where the scenario's last reference to an object (`sN`, or a page by its name) went: the
    /// call that freed it, or the one that left a live skb to the `frag_list`s holding it.
    case freed(String)
    case counters
}

/// An object a step or a call touched, as it was before (nil: it did not exist). A struct, not
/// a tuple: the runtime copies a tuple of these types through its generic witnesses, slowly.
struct ObjectChange: ObjectBefore {
    var key: ObjectKey
    var before: ObjectValue?
}

/// An object and its value before a change: what the checker reads of a step's deltas and of a
/// call's undo list alike, without copying one into the other.
protocol ObjectBefore {
    var key: ObjectKey { get }
    var before: ObjectValue? { get }
}

/// The value stored under an `ObjectKey`.
public indirect enum ObjectValue: Hashable, Sendable {
    case skb(SkBuff)
    case data(DataBuffer)
    case page(Page)
    case ubuf(UbufInfo)
    case socket(ZerocopySocket)
    case binding(Binding)
    case site(CallSite)
    case counters(Counters)

    var skb: SkBuff? { if case .skb(let v) = self { v } else { nil } }
    var data: DataBuffer? { if case .data(let v) = self { v } else { nil } }
    var page: Page? { if case .page(let v) = self { v } else { nil } }
    var ubuf: UbufInfo? { if case .ubuf(let v) = self { v } else { nil } }
    var socket: ZerocopySocket? { if case .socket(let v) = self { v } else { nil } }
}

/// The id counters: ids are never reused.
public struct Counters: Hashable, Sendable {
    public var lastSkb = 0
    public var lastData = 0
    public var lastPage = 0
    /// The zero-copy designs' completion objects (`uN`), kernel pages (`kN`) and frag origins.
    public var lastUbuf = 0
    public var lastKernelPage = 0
    public var lastOrigin = 0
    public init() {}
}
