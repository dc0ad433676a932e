import Foundation
import Kafka
import Logging
import WorkIndex

/// The worker of DESIGN.md: poll a bounded batch, parse it, apply it to the index in one
/// transaction (works, Crossmark edges, outbox rows), dead-letter what cannot be read, and only
/// then commit the offsets. A crash anywhere replays from the last commit; the index's version
/// guard turns the replay into no-ops, so nothing is lost and nothing is counted twice.
public actor DepositPipeline {
    private let consumer: any DepositConsumer
    private let deadLetters: any MessageSink
    private let store: any WorkStore
    private let configuration: PipelineConfiguration
    private let decoder: DepositDecoder
    private let retry = RetryPolicy()
    private let logger: Logger
    private let onBatchApplied: @Sendable () -> Void
    public private(set) var totals = PipelineTotals()

    public init(consumer: any DepositConsumer, deadLetters: any MessageSink, store: any WorkStore,
                configuration: PipelineConfiguration, logger: Logger = Logger(label: "DepositPipeline"),
                onBatchApplied: @escaping @Sendable () -> Void = {}) {
        self.consumer = consumer
        self.deadLetters = deadLetters
        self.store = store
        self.configuration = configuration
        self.decoder = DepositDecoder(configuration: configuration)
        self.logger = logger
        self.onBatchApplied = onBatchApplied
    }

    /// Runs until `shouldStop` says so (checked between batches, so a batch in hand is always
    /// finished and committed) or, with `exitWhenIdle`, until nothing arrived for that long.
    ///
    /// The next batch is polled and parsed while the one in hand is written, so parsing and
    /// SQLite each keep a core busy. A batch read ahead when the pipeline stops is not committed:
    /// the group delivers it again.
    public func run(shouldStop: @Sendable () -> Bool, isIdleAllowed: @Sendable () async -> Bool = { true }) async throws {
        var lastMessage = ContinuousClock.now
        var batch = try await nextBatch()
        while !shouldStop() {
            if batch.messages.isEmpty {
                if let idle = configuration.exitWhenIdle, ContinuousClock.now - lastMessage >= idle {
                    if await isIdleAllowed() {
                        logger.info("no deposit for \(idle); stopping")
                        return
                    }
                    // Not yet (no partitions assigned, events still to publish): idle counts from now.
                    lastMessage = ContinuousClock.now
                }
                batch = try await nextBatch()
                continue
            }
            lastMessage = ContinuousClock.now
            async let following = nextBatch()
            try await apply(batch)
            batch = try await following
        }
    }

    /// One batch, start to commit (what `run` does for each batch it polls).
    public func process(_ messages: [KafkaMessage]) async throws {
        try await apply(DecodedBatch(messages: messages, decoded: decoder.decode(messages)))
    }

    /// Polled messages, what their records became, and the messages the broker deleted before
    /// this poll could read them.
    private struct DecodedBatch: Sendable {
        let messages: [KafkaMessage]
        let decoded: DepositDecoder.Decoded
        var deletedBeforeRead: [DeletedBeforeRead] = []
    }

    /// Polls and parses off the actor, so it can run while the actor writes the previous batch.
    /// `run` awaits each call before it starts the next: the decoder's parser has one user at a time.
    @concurrent
    private nonisolated func nextBatch() async throws -> DecodedBatch {
        let messages = try await retry.run("polling \(configuration.depositsTopic)", logger: logger) {
            try await consumer.poll(maxMessages: configuration.maxBatchMessages, maxBytes: configuration.maxBatchBytes,
                                    maxWait: configuration.maxBatchWait)
        }
        return DecodedBatch(messages: messages, decoded: decoder.decode(messages), deletedBeforeRead: consumer.takeDeletedBeforeRead())
    }

    private func apply(_ polled: DecodedBatch) async throws {
        let messages = polled.messages, decoded = polled.decoded
        // Stored with the batch holding the first message after the gap: a crash before the index
        // commit loses it with the batch, and the redelivered message finds the gap again; found
        // again after it (a crash before the offset commit), the index counts it once.
        let deletedUnread = polled.deletedBeforeRead.messageCount
        let batch = IngestBatch(works: decoded.works, deadLetters: decoded.deadLetters, reindex: configuration.reindex,
                                nowMs: Int64(Date().timeIntervalSince1970 * 1000), depositRecords: decoded.depositRecords,
                                deletedBeforeRead: polled.deletedBeforeRead.map {
                                    DeletedUnread(topic: $0.topic, partition: $0.partition, offsets: $0.offsets)
                                })
        let outcome = try await retry.run("writing a batch of \(decoded.works.count) works to the index", logger: logger) {
            try await runBlocking { [store] in try store.apply(batch) }
        }
        // Dead letters: records that could not be read, and any the index refused.
        let letters = decoded.deadLetters + outcome.refused
        if !letters.isEmpty {
            let byOffset = Dictionary(messages.map { (MessageKey($0), $0) }, uniquingKeysWith: { a, _ in a })
            let outgoing = letters.compactMap { letter in
                byOffset[MessageKey(letter.source)].map {
                    DepositDecoder.deadLetterMessage(letter, original: $0, topic: configuration.deadLetterTopic)
                }
            }
            _ = try await retry.run("sending \(outgoing.count) dead letters", logger: logger) {
                try await deadLetters.send(outgoing)
            }
            for letter in letters {
                logger.notice("dead letter \(letter.source.topic)/\(letter.source.partition)@\(letter.source.offset) record \(letter.recordIndex): \(letter.code): \(letter.message)")
            }
        }
        try await consumer.commit(processed: messages, retry: retry, logger: logger)
        totals.add(outcome, messages: messages.count, deadLetters: letters.count)
        totals.skipped += decoded.skipped
        totals.deletedBeforeRead += deletedUnread
        for report in outcome.completedDeposits {
            logger.info("deposit \(report.depositID) processed: \(report.counts[.indexed] ?? 0) indexed, \(report.counts[.stale] ?? 0) stale, \(report.counts[.duplicate] ?? 0) duplicate, \(report.counts[.deadLettered] ?? 0) dead-lettered")
        }
        onBatchApplied()
    }

    private struct MessageKey: Hashable {
        let topic: String, partition: Int32, offset: Int64
        init(_ m: KafkaMessage) { topic = m.topic; partition = m.partition; offset = m.offset }
        init(_ s: SourceCoordinates) { topic = s.topic; partition = s.partition; offset = s.offset }
    }
}

/// What a worker did since it started.
public struct PipelineTotals: Sendable, Codable {
    public var messages = 0
    public var created = 0
    public var updated = 0
    public var updatedBy = 0
    public var stale = 0
    public var duplicates = 0
    public var deadLetters = 0
    public var changeEvents = 0
    /// Messages read and committed past without indexing (`replay --since`).
    public var skipped = 0
    /// Messages the broker deleted before the worker could read them (each range is logged).
    public var deletedBeforeRead = 0

    mutating func add(_ outcome: BatchOutcome, messages: Int, deadLetters: Int) {
        self.messages += messages
        created += outcome.created
        updated += outcome.updated
        updatedBy += outcome.updatedBy
        stale += outcome.stale
        duplicates += outcome.duplicates
        self.deadLetters += deadLetters
        changeEvents += outcome.events.count
    }
}
