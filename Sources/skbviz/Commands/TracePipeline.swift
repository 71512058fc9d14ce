import Dispatch
import Synchronization
import VizModel

/// Writes a trace on a serial queue of its own, so that the model runs the next calls while the
/// previous ones are encoded (the two take about the same time, and there are two cores).
///
/// The queue keeps its own copy of the state, moved on by each call's deltas, so nothing is
/// shared with the running model (sharing would make every call copy the state); the writer
/// reads its objects only, so the copy leaves the referrers behind.
/// `@unchecked Sendable`: the writer, the sink and the copy are touched only on `queue`, the
/// batch only on the caller's thread, and `finish()` waits for the queue. At most `limit`
/// batches wait, which bounds memory.
///
/// A written batch goes back to the caller's thread to be freed (`written`): the records were
/// allocated there, and freeing them on the queue's thread makes the two threads contend for
/// the allocator's lock on every call (glibc frees a block into the arena it came from). That
/// contention once made the pipeline slower than writing on one thread.
final class TracePipeline: @unchecked Sendable {
    private let queue = DispatchQueue(label: "skbviz.trace")
    private let slots: DispatchSemaphore
    private let writer: TraceWriter
    private let sink: OutputFile
    private var state = SkbState()
    private var batch: [CallRecord] = []
    private let batchSize = 32
    /// Batches the queue has written, for the caller's thread to free.
    private let written = Mutex<[[CallRecord]]>([])

    init(output sink: OutputFile, includeSteps: Bool, limit: Int = 16) {
        self.sink = sink
        writer = TraceWriter(includeSteps: includeSteps, emitBytes: sink.line(bytes:))
        slots = DispatchSemaphore(value: limit)
    }

    /// Queues a completed call.
    func call(_ record: CallRecord) {
        batch.append(record)
        if batch.count >= batchSize { send() }
    }

    /// Queues any other record, in order with the calls.
    func then(_ write: @escaping @Sendable (TraceWriter) -> Void) {
        send()
        queue.async { [self] in write(writer) }
    }

    /// Waits for every queued record and puts the file in place.
    /// - Throws: `OutputError` when the trace could not be written.
    func finish() throws {
        send()
        try queue.sync { try sink.commit() }
        freeWritten()
    }

    /// Frees the batches the queue has written, on the caller's thread (outside the lock).
    private func freeWritten() {
        var done: [[CallRecord]] = []
        written.withLock { swap(&done, &$0) }
        done.removeAll()
    }

    private func send() {
        guard !batch.isEmpty else { return }
        let calls = batch
        batch.removeAll(keepingCapacity: true)
        slots.wait()
        freeWritten()
        queue.async { [self] in
            for record in calls {
                for step in record.steps { state.applyLeavingReferrers(step.deltas) }
                writer.call(record, state: state)
            }
            written.withLock { $0.append(calls) }
            slots.signal()
        }
    }
}
