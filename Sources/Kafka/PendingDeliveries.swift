/// Records handed to a producer whose delivery reports may still be to come
/// (`KafkaProducer.enqueue`).
public struct PendingDeliveries: Sendable {
    private let batch: DeliveryBatch?
    private let enqueueError: (any Error)?
    private let delivered: [DeliveryReport]

    init(batch: DeliveryBatch, enqueueError: (any Error)?) {
        self.batch = batch
        self.enqueueError = enqueueError
        self.delivered = []
    }

    /// Records a sink already saw confirmed.
    public init(delivered reports: [DeliveryReport]) {
        batch = nil
        enqueueError = nil
        delivered = reports
    }

    /// Waits for the report of every enqueued record; reports come back in input order. Throws
    /// the first failure — an enqueue failure after the records before it are reported, so
    /// nothing is left in flight behind the caller's back.
    public func reports() async throws -> [DeliveryReport] {
        guard let batch else { return delivered }
        await batch.waitForAll()
        if let enqueueError { throw enqueueError }
        let results = batch.collected()
        var reports: [DeliveryReport] = []
        reports.reserveCapacity(results.count)
        for result in results {
            switch result {
            case .success(let report)?: reports.append(report)
            case .failure(let error)?: throw error
            case nil: throw KafkaError.closed
            }
        }
        return reports
    }
}
