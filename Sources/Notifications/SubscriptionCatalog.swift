import Foundation
import Kafka
import Logging
import ServiceLifecycle
import Synchronization

/// Every alert subscription, held in memory from `alert-subscriptions` (read whole at `load`,
/// then followed by `run`), and the one way to change them: `save` and `remove` write to the
/// topic, wait for the broker to confirm, and apply the change here at once, so a read right
/// after a write sees it. The topic stays the source of truth for the matcher and other servers.
public final class SubscriptionCatalog: Service, Sendable {
    private struct Entries {
        var subscriptions: [String: AlertSubscription] = [:]
        /// The offset of the record that set each alert's current state: the follower must not
        /// let an older record (read after a local write) undo a newer one.
        var offsets: [String: Int64] = [:]
    }

    private let reader: TopicReader
    private let producer: KafkaProducer
    private let logger: Logger
    private let entries = Mutex(Entries())

    public init(kafka: KafkaConfiguration, logger: Logger) throws {
        reader = try TopicReader(kafka: kafka, topic: SubscriptionTopic.topic, purpose: "alert-catalog", logger: logger)
        producer = try KafkaProducer(configuration: kafka, logger: logger)
        self.logger = logger
    }

    /// Reads the topic to its end.
    public func load(timeout: Duration = .seconds(60)) async throws {
        apply(try await reader.catchUp(timeout: timeout))
    }

    /// Follows the topic until shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { self.apply(try await self.reader.poll(maxWait: .milliseconds(200))) } catch is CancellationError {
                    return
                } catch {
                    self.logger.warning("reading \(SubscriptionTopic.topic) failed, will retry: \(error)")
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }

    public func close() async {
        reader.close()
        try? await producer.close()
    }

    public var all: [AlertSubscription] {
        entries.withLock { $0.subscriptions.values.sorted { ($0.created ?? "", $0.id) < ($1.created ?? "", $1.id) } }
    }

    public func owned(by owner: String) -> [AlertSubscription] {
        all.filter { $0.owner == owner }
    }

    public func subscription(id: String) -> AlertSubscription? {
        entries.withLock { $0.subscriptions[id] }
    }

    public func save(_ subscriptions: AlertSubscription...) async throws {
        try await write(subscriptions.map(SubscriptionTopic.Change.saved))
    }

    /// Many at once (one round of deliveries), e.g. an import.
    public func save(all subscriptions: [AlertSubscription]) async throws {
        try await write(subscriptions.map(SubscriptionTopic.Change.saved))
    }

    public func remove(id: String) async throws {
        try await write([.removed(id: id)])
    }

    private func write(_ changes: [SubscriptionTopic.Change]) async throws {
        let reports = try await producer.send(changes.map(SubscriptionTopic.message))
        entries.withLock { entries in
            for (change, report) in zip(changes, reports) { Self.apply(change, offset: report.offset, to: &entries) }
        }
    }

    private func apply(_ messages: [KafkaMessage]) {
        for message in messages {
            do {
                let change = try SubscriptionTopic.change(in: message)
                entries.withLock { Self.apply(change, offset: message.offset, to: &$0) }
            } catch {
                logger.warning("\(error)")
            }
        }
    }

    private static func apply(_ change: SubscriptionTopic.Change, offset: Int64, to entries: inout Entries) {
        guard offset >= entries.offsets[change.id] ?? -1 else { return }
        entries.offsets[change.id] = offset
        switch change {
        case .saved(let subscription): entries.subscriptions[subscription.id] = subscription
        case .removed(let id): entries.subscriptions[id] = nil
        }
    }
}
