import Foundation
import Kafka
import Logging

/// Reads a whole topic from its beginning and then follows it, as the matcher and the HTTP
/// catalog do with `alert-subscriptions` (a compacted topic is only useful read whole), and as
/// `alerts list` and `alerts watch` do.
///
/// It is a consumer of a group of its own that never commits: with `auto.offset.reset=earliest`
/// every start reads from the beginning, and nothing is left that would make the next start
/// skip anything.
public final class TopicReader: Sendable {
    public let topic: String
    private let consumer: KafkaConsumer
    private let kafka: KafkaConfiguration
    private let groupID: String

    public init(kafka: KafkaConfiguration, topic: String, purpose: String, logger: Logger) throws {
        var configuration = kafka
        // The local broker answers an idle fetch only after fetch.wait.max.ms: keep it short.
        if configuration.overrides["fetch.wait.max.ms"] == nil { configuration.overrides["fetch.wait.max.ms"] = "20" }
        self.topic = topic
        self.kafka = configuration
        groupID = "deposit-indexer-\(purpose)-\(UUID().uuidString.prefix(8).lowercased())"
        consumer = try KafkaConsumer(configuration: configuration, groupID: groupID, topics: [topic], logger: logger)
    }

    /// Every message up to the end of the topic as it is now (the high watermarks read at the
    /// call), in partition order. Throws `TopicReaderError.notCaughtUp` after `timeout`.
    public func catchUp(timeout: Duration = .seconds(60)) async throws -> [KafkaMessage] {
        let ends = try KafkaAdmin.groupLag(configuration: kafka, groupID: groupID, topic: topic)
            .filter { $0.highWatermark > $0.lowWatermark }
            .reduce(into: [Int32: Int64]()) { $0[$1.partition] = $1.highWatermark }
        var read: [Int32: Int64] = [:]
        var messages: [KafkaMessage] = []
        let deadline = ContinuousClock.now + timeout
        while ends.contains(where: { (read[$0.key] ?? -1) + 1 < $0.value }) {
            guard ContinuousClock.now < deadline else {
                throw TopicReaderError.notCaughtUp(topic: topic, timeout: timeout)
            }
            for message in try await consumer.poll(maxMessages: 5000, maxBytes: 16 << 20, maxWait: .milliseconds(100)) {
                read[message.partition] = max(read[message.partition] ?? -1, message.offset)
                messages.append(message)
            }
        }
        return messages
    }

    /// What arrived since the last call, waiting at most `maxWait` for something.
    public func poll(maxWait: Duration = .milliseconds(100)) async throws -> [KafkaMessage] {
        try await consumer.poll(maxMessages: 5000, maxBytes: 16 << 20, maxWait: maxWait)
    }

    public func close() { consumer.close() }
}

public enum TopicReaderError: Error, CustomStringConvertible {
    case notCaughtUp(topic: String, timeout: Duration)

    public var description: String {
        switch self {
        case .notCaughtUp(let topic, let timeout):
            return "Could not read \(topic) to its end within \(timeout): is the broker reachable, and does the topic exist (deposit-indexer topics apply)?"
        }
    }
}
