import Foundation
import Ingest
import Kafka
import Logging
import ServiceLifecycle
import Synchronization
import WorkIndex
import WorkIndexQuery

/// The alert matcher as a service: follows `alert-subscriptions`, consumes `work-changes` in its
/// own group, matches each changed work against the subscriptions (`ChangeMatching`), records
/// the matches (`MatcherState`) before committing offsets, and sends each window's matches to
/// `alert-notifications` once the window is over. SIGTERM/SIGINT finish the poll in hand and
/// the sends under way; windows not yet due stay in the state file for the next start.
public final class AlertMatcher: Service {
    private let kafka: KafkaConfiguration
    private let indexPath: String
    private let state: MatcherState
    private let configuration: AlertMatcherConfiguration
    private let logger: Logger
    private let stopping = Flag()
    /// Set while polls come back full: the matcher is reading a backlog, and windows that look
    /// over by the clock may still have matches to come; they wait until it has caught up.
    private let readingBacklog = Flag()
    private let progress = Mutex(AlertMatcherTotals())

    public init(kafka: KafkaConfiguration, indexPath: String, statePath: String,
                configuration: AlertMatcherConfiguration, logger: Logger) throws {
        var consumerKafka = kafka
        // The local broker answers an idle fetch only after fetch.wait.max.ms: keep it short, so
        // a change is seen within tens of milliseconds (a real cluster's can be set with --kafka).
        if consumerKafka.overrides["fetch.wait.max.ms"] == nil { consumerKafka.overrides["fetch.wait.max.ms"] = "20" }
        self.kafka = consumerKafka
        self.indexPath = indexPath
        self.configuration = configuration
        self.logger = logger
        state = try MatcherState(path: statePath)
    }

    public var totals: AlertMatcherTotals { progress.withLock { $0 } }

    public func run() async throws {
        let index = try await openIndex()
        let producer = try KafkaProducer(configuration: kafka, logger: logger)
        let sender = NotificationSender(state: state, producer: producer, logger: logger)
        try await sender.recover(kafka: kafka)
        let feed = try TopicReader(kafka: kafka, topic: SubscriptionTopic.topic, purpose: "alert-matcher-subscriptions", logger: logger)
        let changes = try KafkaConsumer(configuration: kafka, groupID: configuration.group, topics: [configuration.changesTopic],
                                        checksDeletedBeforeRead: .alertedChanges, logger: logger)
        var subscriptions = SubscriptionIndex()
        await apply(try await feed.catchUp(), to: &subscriptions)
        logger.info("alert matcher started", metadata: ["subscriptions": "\(subscriptions.count)", "scanned": "\(subscriptions.scanCount)"])

        let stopping = self.stopping, readingBacklog = self.readingBacklog
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { [configuration] in
                    // A window goes out when it is due, not at the next tick after that.
                    while !stopping.isSet {
                        var wait = configuration.flushInterval
                        if !readingBacklog.isSet {
                            wait = try await sender.flush(grace: configuration.grace, interval: configuration.flushInterval)
                        }
                        try? await Task.sleep(for: wait)
                    }
                }
                try await consume(changes: changes, feed: feed, index: index, subscriptions: &subscriptions)
                stopping.set(true)
                try await group.waitForAll()
            }
            // What was prepared goes out before stopping; windows still open wait for the next start.
            try await sender.sendUnsent()
        } onGracefulShutdown: {
            stopping.set(true)
        }
        progress.withLock { $0.notifications = sender.sent }
        changes.close()
        feed.close()
        try await producer.close()
    }

    private func consume(changes: KafkaConsumer, feed: TopicReader, index: SQLiteWorkIndexReader,
                         subscriptions: inout SubscriptionIndex) async throws {
        var lastMessage = ContinuousClock.now
        while !stopping.isSet {
            // A millisecond: a zero wait returns at most one message, too few for a bulk import.
            await apply(try await feed.poll(maxWait: .milliseconds(1)), to: &subscriptions)
            let messages = try await changes.poll(maxMessages: configuration.maxBatchMessages, maxBytes: 8 << 20,
                                                  maxWait: configuration.maxBatchWait)
            readingBacklog.set(messages.count >= configuration.maxBatchMessages)
            guard !messages.isEmpty else {
                if let idle = configuration.exitWhenIdle, ContinuousClock.now - lastMessage >= idle {
                    if try await isIdle(changes) { return }
                    lastMessage = ContinuousClock.now
                }
                continue
            }
            lastMessage = ContinuousClock.now
            let deletedUnread = changes.takeDeletedBeforeRead().messageCount
            var events: [ChangeEvent] = []
            for message in messages {
                do { events.append(try ChangeStream.event(in: message)) } catch {
                    logger.warning("\(error)")
                    progress.withLock { $0.skippedEvents += 1 }
                }
            }
            let facts = try await index.facts(forDOIs: events.map(\.DOI))
            let round = try await ChangeMatching.match(events, facts: facts, subscriptions: subscriptions, index: index)
            try await state.record(round.matches)
            // Only now: a crash before this line replays the poll, and the replay records nothing new.
            try await changes.commit(processed: messages, retry: RetryPolicy(), logger: logger)
            let recorded = Int64(Date().timeIntervalSince1970 * 1000)
            let indexedByDOI = Dictionary(events.map { ($0.DOI, $0.indexed.timestamp) }, uniquingKeysWith: max)
            progress.withLock { totals in
                totals.changeEvents += events.count
                totals.deletedBeforeRead += deletedUnread
                totals.evaluations += round.evaluations
                totals.matches += round.matches.count
                for match in round.matches { totals.matchLatencyMillis.append(recorded - (indexedByDOI[match.doi] ?? recorded)) }
            }
            for doi in round.missingDOIs {
                logger.warning("\(doi) changed but is not in the index at \(indexPath): is --index the file the worker writes?")
            }
        }
    }

    /// Idle: partitions assigned and read to their end, nothing waiting to be sent.
    private func isIdle(_ changes: KafkaConsumer) async throws -> Bool {
        guard let lag = try? changes.lag(), !lag.isEmpty, lag.allSatisfy({ $0.lag == 0 }) else { return false }
        let counts = try await state.counts()
        return counts.pending == 0 && counts.unsent == 0
    }

    private func apply(_ messages: [KafkaMessage], to subscriptions: inout SubscriptionIndex) async {
        for message in messages {
            do {
                switch try SubscriptionTopic.change(in: message) {
                case .saved(let subscription):
                    do { subscriptions.upsert(try CompiledSubscription(subscription)) } catch {
                        // Only a producer that skipped validation writes these; the alert stays inactive.
                        logger.error("alert \(subscription.id) is not a valid query and is ignored: \(error)")
                        subscriptions.remove(id: subscription.id)
                    }
                case .removed(let id):
                    subscriptions.remove(id: id)
                    try await state.discardPending(alertID: id)
                }
            } catch {
                logger.warning("\(error)")
            }
        }
    }

    /// The worker creates the index: wait for it rather than fail when both start together.
    private func openIndex() async throws -> SQLiteWorkIndexReader {
        var delay: Duration = .milliseconds(100)
        while true {
            do { return try SQLiteWorkIndexReader(path: indexPath) } catch {
                guard !stopping.isSet else { throw error }
                logger.notice("waiting for the index: \(error)")
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }
}

/// A yes/no shared between the matcher's tasks (stopping; reading a backlog).
private final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set(_ on: Bool) { value.store(on, ordering: .releasing) }
}

extension DeletedBeforeRead.Check {
    /// Change events deleted unread were never matched: their subscribers were not alerted.
    static let alertedChanges = DeletedBeforeRead.Check(advice: """
        No alert was matched against those changes (the works themselves are indexed; /works?filter=from-index-date finds \
        them): an alert matcher must read work-changes within the topic's retention.
        """)
}
