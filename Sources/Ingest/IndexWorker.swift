import Kafka
import Logging
import ServiceLifecycle
import Synchronization
import WorkIndex

/// The worker as a service: the pipeline and the outbox publisher, stopped gracefully (the batch
/// in hand is finished and committed, the outbox drained) on SIGTERM/SIGINT.
public final class IndexWorker: Service {
    private let consumer: KafkaConsumer
    private let producer: KafkaProducer
    private let store: SQLiteWorkStore
    private let pipeline: DepositPipeline
    private let publisher: OutboxPublisher
    private let logger: Logger
    private let stopping = StopFlag()

    public init(kafka: KafkaConfiguration, indexPath: String, group: String, settings: PipelineConfiguration,
                logger: Logger) throws {
        consumer = try KafkaConsumer(configuration: kafka.forDepositConsumer(), groupID: group, topics: [settings.depositsTopic],
                                     checksDeletedBeforeRead: .deposits, logger: logger)
        producer = try KafkaProducer(configuration: kafka, logger: logger)
        store = try SQLiteWorkStore(path: indexPath)
        publisher = OutboxPublisher(store: store, sink: producer, topic: settings.changesTopic, reportsTopic: settings.reportsTopic,
                                    logger: logger)
        let publisher = self.publisher
        pipeline = DepositPipeline(consumer: consumer, deadLetters: producer, store: store, configuration: settings,
                                   logger: logger, onBatchApplied: { publisher.wake() })
        self.logger = logger
    }

    public func totals() async -> PipelineTotals {
        var totals = await pipeline.totals
        totals.changeEvents = await publisher.published
        return totals
    }

    public func run() async throws {
        let stopping = self.stopping
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { [publisher] in try await publisher.run() }
                try await pipeline.run(shouldStop: { stopping.isSet },
                                       isIdleAllowed: { [publisher, consumer] () async -> Bool in
                                           // Idle means: partitions assigned, all of them read to their end,
                                           // and nothing left to publish.
                                           guard let lag = try? consumer.lag(), !lag.isEmpty, lag.allSatisfy({ $0.lag == 0 }) else { return false }
                                           return (try? await publisher.isEmpty()) ?? true
                                       })
                group.cancelAll()
            }
            // Whatever the last batches wrote goes out before the worker stops.
            try await publisher.drain()
        } onGracefulShutdown: {
            stopping.set()
        }
        consumer.close()
        try await producer.close()
        // Waits for a background checkpoint and folds the log into the file, so nothing of the
        // index is still at work when the process exits.
        try store.close()
    }
}

/// Set once, read from any task: tells a consumer loop (the pipeline, the summarizer) to stop
/// after the batch in hand.
public final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    public init() {}
    public var isSet: Bool { value.load(ordering: .acquiring) }
    public func set() { value.store(true, ordering: .releasing) }
}
