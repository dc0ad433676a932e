import Kafka

/// Where deposits come from: a consumer group that hands out bounded batches and takes commits.
/// `KafkaConsumer` is the production implementation; the seam keeps the pipeline testable
/// against the same local broker with different consumers (e.g. a reindex from offset 0).
public protocol DepositConsumer: Sendable {
    func poll(maxMessages: Int, maxBytes: Int, maxWait: Duration) async throws -> [KafkaMessage]
    func commit(_ offsets: [TopicPartitionOffset]) throws
    /// Messages the broker deleted before they could be read, found since the last call.
    func takeDeletedBeforeRead() -> [DeletedBeforeRead]
}

extension DepositConsumer {
    /// For consumers that cannot tell: none.
    public func takeDeletedBeforeRead() -> [DeletedBeforeRead] { [] }
}

/// Where deposits, dead letters and change events go.
public protocol MessageSink: Sendable {
    /// Returns once every message is confirmed delivered.
    func send(_ records: [OutgoingMessage]) async throws -> [DeliveryReport]
    /// Hands the messages over in order (ahead of those of a later call) and returns what to
    /// wait on for their confirmation, so a sender can prepare the next while they are in flight.
    func enqueue(_ records: [OutgoingMessage]) async throws -> PendingDeliveries
}

extension MessageSink {
    /// For sinks without a queue of their own: sent and confirmed at once.
    public func enqueue(_ records: [OutgoingMessage]) async throws -> PendingDeliveries {
        PendingDeliveries(delivered: try await send(records))
    }
}

extension KafkaConsumer: DepositConsumer {}
extension KafkaProducer: MessageSink {}
