import Foundation
import Kafka
import Logging
import Synchronization

/// Sends prepared notifications to `alert-notifications` (idempotent producer, every delivery
/// confirmed) and only then marks them sent in the state file.
final class NotificationSender: Sendable {
    private let state: MatcherState
    private let producer: KafkaProducer
    private let logger: Logger
    private let sentCount = Atomic<Int>(0)

    init(state: MatcherState, producer: KafkaProducer, logger: Logger) {
        self.state = state
        self.producer = producer
        self.logger = logger
    }

    var sent: Int { sentCount.load(ordering: .relaxed) }

    /// After a crash, notifications may be marked "sending" although the broker has them: those
    /// found on the topic are marked sent, so only the others go out again (same id, same bytes).
    func recover(kafka: KafkaConfiguration) async throws {
        let unsent = try await state.unsent(limit: Int.max)
        guard !unsent.isEmpty else { return }
        let reader = try TopicReader(kafka: kafka, topic: AlertNotification.topic, purpose: "alert-matcher-recovery", logger: logger)
        defer { reader.close() }
        let onTopic = Set(try await reader.catchUp().compactMap { $0.header(AlertNotification.idHeader) })
        let delivered = unsent.map(\.id).filter(onTopic.contains)
        try await state.markSent(ids: delivered)
        logger.notice("recovered after a stop: \(delivered.count) of \(unsent.count) notifications in flight had been delivered")
    }

    /// Prepares every due window, then sends. Failures are logged and retried on the next call.
    /// Returns how long to wait before that call: until the earliest window with matches is due,
    /// and at most `interval` (a match may yet come for an earlier window; a failure is retried).
    func flush(grace: Duration, interval: Duration) async throws -> Duration {
        do {
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            try await state.prepareDue(nowMillis: now, grace: grace.wholeMilliseconds)
            try await sendUnsent()
            guard let end = try await state.nextWindowEnd() else { return interval }
            let due = end + grace.wholeMilliseconds - Int64(Date().timeIntervalSince1970 * 1000)
            return .milliseconds(min(max(due, 0), interval.wholeMilliseconds))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.warning("sending alert notifications failed, will retry: \(error)")
            return interval
        }
    }

    func sendUnsent() async throws {
        while case let batch = try await state.unsent(), !batch.isEmpty {
            let messages = batch.map {
                OutgoingMessage(topic: AlertNotification.topic, key: $0.alertID, value: $0.payload,
                                headers: [KafkaHeader(name: AlertNotification.idHeader, string: $0.id)])
            }
            _ = try await producer.send(messages)
            try await state.markSent(ids: batch.map(\.id))
            sentCount.add(batch.count, ordering: .relaxed)
        }
    }
}
