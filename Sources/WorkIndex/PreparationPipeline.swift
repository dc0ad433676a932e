import Dispatch
import WorkModel

/// Prepares a batch's records (`PreparedWork`) on a second thread, in order, while the writer
/// thread consumes them inside the write transaction: the CPU-heavy part of a record (rendering,
/// hashing, terms, search texts) overlaps the SQLite work of the records before it, so a 2-core
/// machine uses both cores for one writer.
///
/// `@unchecked Sendable`: slot i is written once by the producer before it signals `ready`, and
/// read by the consumer only after its i-th wait on `ready`; the semaphore orders the two. The
/// producer holds the pipeline until it is done, so the slots outlive every write.
final class PreparationPipeline: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<PreparedWork>
    private let ready = DispatchSemaphore(value: 0)
    private var consumed = 0

    /// `storedCreatedMs` looks up the committed `created_ms` of DOIs (a read, off the writer).
    init(works: [IncomingWork], nowMs: Int64, storedCreatedMs: @escaping @Sendable ([String]) -> [String: Int64]) {
        slots = .allocate(capacity: works.count)
        guard !works.isEmpty else { return }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let indexed = DateObject(epochMillis: nowMs)
            let dois = works.compactMap { $0.partialFields == nil ? Identifiers.doi($0.work.DOI) : nil }
            let created = storedCreatedMs(dois)
            for (index, work) in works.enumerated() {
                (slots.baseAddress! + index).initialize(to: PreparedWork.prepare(work, storedCreatedMs: created, indexed: indexed))
                ready.signal()
            }
        }
    }

    /// The next record's preparation, waiting for it if the producer is behind.
    func next() -> PreparedWork {
        precondition(consumed < slots.count, "PreparationPipeline.next() called more often than there are works")
        ready.wait()
        defer { consumed += 1 }
        return slots[consumed]
    }

    deinit {
        // Every slot the producer initialized: it finishes before releasing the pipeline.
        _ = slots.deinitialize()
        slots.deallocate()
    }
}
