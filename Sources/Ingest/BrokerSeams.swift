import Kafka

/// Where deposits come from: a consumer group that hands out bounded batches and takes commits.
/// `KafkaConsumer` is the production implementation; the seam keeps the pipeline testable
/// against the same local broker with different consumers (e.g. a reindex from offset 0).
public protocol DepositConsumer: Sendable {
    func poll(maxMessages: Int, maxBytes: Int, maxWait: Duration) async throws -> [KafkaMessage]
    func commit(_ offsets: [TopicPartitionOffset]) throws
}

/// Where dead letters and change events go; returns once every message is confirmed delivered.
public protocol MessageSink: Sendable {
    func send(_ records: [OutgoingMessage]) async throws -> [DeliveryReport]
}

extension KafkaConsumer: DepositConsumer {}
extension KafkaProducer: MessageSink {}
