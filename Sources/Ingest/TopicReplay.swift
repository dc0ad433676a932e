import Kafka
import Logging
import WorkIndex

/// Rebuilds an index from the deposits topic with a consumer group of its own, until it has
/// caught up with the end of every partition.
public struct TopicReplay: Sendable {
    let kafka: KafkaConfiguration
    let store: any WorkStore
    let settings: PipelineConfiguration
    let group: String
    let sinceMs: Int64?
    let logger: Logger

    public init(kafka: KafkaConfiguration, store: any WorkStore, settings: PipelineConfiguration, group: String,
                sinceMs: Int64?, logger: Logger) {
        self.kafka = kafka; self.store = store; self.settings = settings; self.group = group
        self.sinceMs = sinceMs; self.logger = logger
    }

    /// Returns the messages replayed (read and indexed) and skipped (before `sinceMs`: read and
    /// committed past, so that the caught-up check sees every partition at its end).
    public func run() async throws -> (replayed: Int, skipped: Int) {
        let consumer = try KafkaConsumer(configuration: kafka.forDepositConsumer(), groupID: group, topics: [settings.depositsTopic],
                                     checksDeletedBeforeRead: .deposits, logger: logger)
        defer { consumer.close() }
        var settings = settings
        settings.skipBeforeMs = sinceMs
        let pipeline = DepositPipeline(consumer: consumer, deadLetters: DiscardingSink(), store: store,
                                       configuration: settings, logger: logger)
        var idleSince = ContinuousClock.now
        while true {
            let messages = try await consumer.poll(maxMessages: settings.maxBatchMessages, maxBytes: settings.maxBatchBytes,
                                                   maxWait: .milliseconds(200))
            if !messages.isEmpty {
                try await pipeline.process(messages)
                idleSince = ContinuousClock.now
                continue
            }
            // Caught up: every assigned partition's committed offset is at its end.
            let lag = try consumer.lag()
            if !lag.isEmpty, lag.allSatisfy({ $0.lag == 0 }), ContinuousClock.now - idleSince > .seconds(1) { break }
            if lag.isEmpty, ContinuousClock.now - idleSince > .seconds(15) { break }   // an empty topic
        }
        let totals = await pipeline.totals
        return (totals.messages - totals.skipped, totals.skipped)
    }
}

/// Drops what it is given: a rebuild does not dead-letter the same records a second time.
struct DiscardingSink: MessageSink {
    func send(_ records: [OutgoingMessage]) async throws -> [DeliveryReport] {
        records.map { DeliveryReport(topic: $0.topic, partition: 0, offset: -1) }
    }
}
