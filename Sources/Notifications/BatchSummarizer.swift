import Foundation
import Ingest
import Kafka
import Logging
import ServiceLifecycle
import Synchronization
import WorkIndex
import WorkIndexQuery

/// The consumer of `work-changes` that keeps the batch summaries: each poll's events are looked
/// up in the index (for coverage), counted into the state in ONE transaction (events already
/// counted are skipped), and only then are the offsets committed. Summaries go to
/// `batch-summaries` (key = period): open periods that changed every `publishInterval`, and a
/// final one once a period has ended (plus the grace) and the stream was read to its end.
public final class BatchSummarizer: Service {
    private let consumer: KafkaConsumer
    private let sink: any MessageSink
    private let index: SQLiteWorkIndexReader
    public let store: BatchSummaryStore
    private let settings: SummarizerSettings
    private let logger: Logger
    private let retry = RetryPolicy()
    private let stopping = StopFlag()
    private let deletedUnread = Atomic<Int>(0)

    public init(consumer: KafkaConsumer, sink: any MessageSink, index: SQLiteWorkIndexReader, store: BatchSummaryStore,
                settings: SummarizerSettings, logger: Logger) {
        self.consumer = consumer; self.sink = sink; self.index = index; self.store = store
        self.settings = settings; self.logger = logger
    }

    static func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// The consumer to read `work-changes` with: it checks for change events the broker deleted
    /// before this group read them (a summarizer that fell more than the retention behind, or a
    /// new one on an older topic) and logs each gap as an error.
    public static func consumer(configuration: KafkaConfiguration, group: String, topic: String, logger: Logger) throws -> KafkaConsumer {
        try KafkaConsumer(configuration: configuration, groupID: group, topics: [topic], checksDeletedBeforeRead: .changeEvents, logger: logger)
    }

    /// Change events the broker deleted before this summarizer's group read them, found so far by
    /// this summarizer (each gap is also logged as an error when found).
    public var deletedBeforeRead: Int { deletedUnread.load(ordering: .relaxed) }

    // MARK: - Consuming

    /// One poll: count its events, then commit. Returns how many messages it read.
    @discardableResult
    public func pollOnce() async throws -> Int {
        let messages = try await retry.run("polling \(settings.changesTopic)", logger: logger) {
            try await consumer.poll(maxMessages: settings.maxBatchMessages, maxBytes: 8 << 20, maxWait: settings.maxBatchWait)
        }
        guard !messages.isEmpty else { return 0 }
        let gaps = consumer.takeDeletedBeforeRead().messageCount
        if gaps > 0 { deletedUnread.add(gaps, ordering: .relaxed) }
        var events: [ChangeEvent] = []
        for message in messages {
            do {
                events.append(try ChangeStream.event(in: message))
            } catch {
                logger.error("\(error)")
            }
        }
        let facts = try await retry.run("reading \(events.count) changed works from the index", logger: logger) {
            try await index.facts(forDOIs: events.map(\.DOI))
        }
        let changes = events.map { SummaryChange(event: $0, coverage: facts[$0.DOI].map(SummaryCoverage.of)) }
        _ = try await retry.run("counting \(changes.count) change events", logger: logger) { try await store.record(changes) }
        try await consumer.commit(processed: messages, retry: retry, logger: logger)
        return messages.count
    }

    /// Reads until the group has consumed every partition to its end (a poll found nothing and
    /// the committed lag is zero), or throws after `limit` without a partition assignment.
    public func catchUp(limit: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + limit
        var read = 0
        while true {
            let count = try await pollOnce()
            read += count
            if count == 0, try isCaughtUp() { break }
            if read == 0, ContinuousClock.now >= deadline {
                throw SummarizerError.noAssignment(topic: settings.changesTopic, group: consumer.groupID, waited: limit)
            }
        }
        logger.info("caught up with \(settings.changesTopic): \(read) messages read")
    }

    private func isCaughtUp() throws -> Bool {
        let lag = try consumer.lag()
        return !lag.isEmpty && lag.allSatisfy { $0.lag == 0 }
    }

    // MARK: - Publishing

    /// The summary of `period` now (counts from the state, dead letters from the index), or nil
    /// when nothing changed in it.
    public func summary(of period: SummaryPeriod) async throws -> BatchSummary? {
        let deadLettered = try await index.deadLetterCount(fromMs: period.startMs, untilMs: period.endMs)
        guard var summary = try await store.summary(for: period, generatedMs: Self.nowMs()) else { return nil }
        summary.deadLettered = deadLettered
        try await store.setDeadLettered(deadLettered, for: period)
        return summary
    }

    /// Whether `period` has ended, with the grace for late events, at `nowMs`.
    public func hasClosed(_ period: SummaryPeriod, nowMs: Int64) -> Bool {
        let grace = settings.grace.components
        return nowMs >= period.endMs + grace.seconds * 1000 + grace.attoseconds / 1_000_000_000_000_000
    }

    /// Publishes the summary of `period`; it is final when the period has closed and the stream
    /// was read to its end (`caughtUp`, e.g. right after `catchUp`).
    @discardableResult
    public func publish(_ period: SummaryPeriod, caughtUp: Bool) async throws -> BatchSummary? {
        let now = Self.nowMs()
        guard var summary = try await summary(of: period) else { return nil }
        summary.isFinal = summary.isFinal || (caughtUp && hasClosed(period, nowMs: now))
        let message = OutgoingMessage(topic: settings.summariesTopic, key: Array(period.label.utf8), value: summary.jsonBytes,
                                      headers: [])
        _ = try await retry.run("publishing the summary of \(period)", logger: logger) { try await sink.send([message]) }
        try await store.markPublished(period, final: summary.isFinal, atMs: now)
        logger.info("published the \(summary.isFinal ? "final" : "current") summary of \(period): \(summary.totals.total) changes, \(summary.works) works")
        return summary
    }

    /// Publishes every period whose summary is due: periods that changed since their last
    /// publication, and (when `caughtUp`) closed ones not yet published final.
    /// Then compacts the final periods no event can reach any more.
    public func publishDue(caughtUp: Bool) async throws {
        let now = Self.nowMs()
        for state in try await store.periods() where !state.finalPublished {
            if state.hasUnpublishedChanges || (caughtUp && hasClosed(state.period, nowMs: now)) {
                try await publish(state.period, caughtUp: caughtUp)
            }
        }
        let compacted = try await retry.run("compacting old periods", logger: logger) {
            try await store.compact(endedBefore: now - BatchSummaryStore.eventRetentionMs)
        }
        if !compacted.isEmpty { logger.info("compacted \(compacted.count) final periods (\(compacted.map(\.label).joined(separator: ", ")))") }
    }

    // MARK: - Service

    /// `summarize --follow`: consume, and publish what is due every `publishInterval`; on SIGTERM
    /// finish the poll in hand, publish and stop.
    public func run() async throws {
        let stopping = self.stopping
        try await withGracefulShutdownHandler {
            var lastPublish = ContinuousClock.now
            var lastCount = 0
            while !stopping.isSet {
                lastCount = try await pollOnce()
                if ContinuousClock.now - lastPublish >= settings.publishInterval {
                    try await publishDue(caughtUp: lastCount == 0 && isCaughtUp())
                    lastPublish = ContinuousClock.now
                }
            }
            try await publishDue(caughtUp: lastCount == 0 && isCaughtUp())
        } onGracefulShutdown: {
            stopping.set()
        }
        consumer.close()
    }
}

extension DeletedBeforeRead.Check {
    /// Change events deleted unread are missing from the summaries; the works are in the index.
    static let changeEvents = DeletedBeforeRead.Check(advice: """
        The summaries of the periods those changes fell in count fewer changes than the index made (the works themselves \
        are indexed): a summarizer must read work-changes within the topic's retention.
        """)
}

public enum SummarizerError: Error, CustomStringConvertible {
    case noAssignment(topic: String, group: String, waited: Duration)

    public var description: String {
        switch self {
        case .noAssignment(let topic, let group, let waited):
            return "read nothing from \(topic) for \(waited) and the group \(group) got no partitions: is the broker right, and does the topic exist (deposit-indexer topics apply)?"
        }
    }
}
