import AsyncTestSupport
import Foundation
import Kafka
import Logging

/// Client settings for the in-process mock cluster: find new topics quickly, and keep fetch
/// long-polls short because the mock answers an idle Fetch only after fetch.wait.max.ms (new
/// records do not wake it), which otherwise adds up to 500 ms per fetch round.
func testConfiguration(_ broker: LocalBroker, _ extra: [String: String] = [:]) -> KafkaConfiguration {
    var overrides = [
        "topic.metadata.refresh.interval.ms": "1000",
        "fetch.wait.max.ms": "50",
        "log_level": "3",
    ]
    overrides.merge(extra) { _, new in new }
    return KafkaConfiguration(brokers: broker.bootstrapServers, overrides: overrides)
}

/// Polls until `count` records arrived or `timeout` passed. The timeout is generous: a new group's
/// first join takes the mock ~3 s, and once took more than 20 s while the whole suite ran.
func consume(_ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(60)) async throws -> [KafkaMessage] {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    var all: [KafkaMessage] = []
    while all.count < count, clock.now < deadline {
        all += try await consumer.poll(maxMessages: 1000, maxBytes: 8 << 20, maxWait: .milliseconds(200))
    }
    return all
}

/// Polls for `duration` and returns whatever arrived (to prove nothing more comes).
func drain(_ consumer: KafkaConsumer, for duration: Duration) async throws -> [KafkaMessage] {
    let clock = ContinuousClock()
    let deadline = clock.now + duration
    var all: [KafkaMessage] = []
    while clock.now < deadline {
        all += try await consumer.poll(maxMessages: 1000, maxBytes: 8 << 20, maxWait: .milliseconds(100))
    }
    return all
}

/// The repository's Topics/ directory, found from this file (Tests/KafkaTests/…).
let topicsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Topics")

