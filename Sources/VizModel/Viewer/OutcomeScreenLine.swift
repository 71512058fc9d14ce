extension Outcome {
    /// The outcome's line on the screen: `line`, with a MSG_ZEROCOPY notification as the error
    /// queue shows it (`[0..2] copied`, as `sk_error_queue` lists it in the objects pane)
    /// rather than as the trace spells its fields: it is the line a reader compares with the
    /// queue. `(merged)`: it extended the queue's tail instead of queueing an entry.
    var screenLine: String {
        guard case .event(.zerocopyNotify(let u, let lo, let hi, let copied, let merged)) = self else { return line }
        let label = ZerocopySocket.Notification(lo: lo, hi: hi, copied: copied).label
        return "event zerocopy_notify u\(u) \(label)" + (copied ? "" : " not copied") + (merged ? " (merged)" : "")
    }
}
