import AsyncTestSupport
import Foundation
import Ingest
import Kafka
import Logging
import Notifications
import Testing

/// Where things are, found from this file: nothing outside the repository is read.
enum AlertPaths {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let topics = repository.appendingPathComponent("Topics")
    static let notificationSchema = topics.appendingPathComponent("schemas/alert-notification.schema.json")
    static let subscriptionSchema = topics.appendingPathComponent("schemas/alert-subscription.schema.json")

    /// `$DEPOSIT_INDEXER_BIN`, else the debug build of this checkout; the test fails when it is missing.
    static func requireBinary(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let binary = ProcessInfo.processInfo.environment["DEPOSIT_INDEXER_BIN"]
            ?? repository.appendingPathComponent(".build/debug/deposit-indexer").path
        try #require(FileManager.default.isExecutableFile(atPath: binary),
                     "no binary at \(binary): build it (swift build) or set DEPOSIT_INDEXER_BIN", sourceLocation: sourceLocation)
        return binary
    }
}

/// Tests log only errors (ALERT_TEST_LOG=info shows the matcher's own log).
let alertTestLogger = testLogger("alert-tests", levelVariable: "ALERT_TEST_LOG")

/// One test's world: its own local broker (a real TCP mock cluster) with every topic of
/// `Topics/`, and a temporary directory for the index and the matcher's state.
final class AlertEnvironment: Sendable {
    let broker: LocalBroker
    let directory: URL
    let kafka: KafkaConfiguration

    init() throws {
        broker = try LocalBroker(logger: alertTestLogger)
        try TopicCatalog.apply(try TopicCatalog.load(directory: AlertPaths.topics), to: broker)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("alert-tests-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        kafka = KafkaConfiguration(brokers: broker.bootstrapServers, overrides: [
            "topic.metadata.refresh.interval.ms": "1000", "log_level": "3",
        ])
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Saves subscriptions through the catalog (the topic, as `alerts add` and `POST /alerts` do).
    func save(_ subscriptions: [AlertSubscription]) async throws {
        let catalog = try SubscriptionCatalog(kafka: kafka, logger: alertTestLogger)
        for subscription in subscriptions { try await catalog.save(subscription) }
        await catalog.close()
    }

    /// Every notification on the topic now, checked against the schema (ours and python's where installed).
    func notifications() async throws -> [AlertNotification] {
        let reader = try TopicReader(kafka: kafka, topic: AlertNotification.topic, purpose: "test-read", logger: alertTestLogger)
        defer { reader.close() }
        let messages = try await reader.catchUp()
        try checkNotificationSchema(messages.map(\.value), scratch: directory)
        for message in messages {
            let notification = try AlertNotification.decode(message.value)
            #expect(message.keyString == notification.alertID)
            #expect(message.header(AlertNotification.idHeader) == notification.id)
        }
        return try messages.map { try AlertNotification.decode($0.value) }
    }

    /// Runs the matcher in-process until it is idle (every change read, every window sent).
    func runMatcher(index: String, state: String, group: String = "alert-matcher", idle: Duration = .milliseconds(1500)) async throws
        -> AlertMatcherTotals {
        var settings = AlertMatcherConfiguration()
        settings.group = group
        settings.grace = .milliseconds(100)
        settings.exitWhenIdle = idle
        let matcher = try AlertMatcher(kafka: kafka, indexPath: index, statePath: state, configuration: settings, logger: alertTestLogger)
        try await withTimeout(.seconds(120), "the alert matcher") { try await matcher.run() }
        return matcher.totals
    }

    func stop() {
        broker.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// `ISO now - seconds`, for subscriptions saved before the changes they are to see.
func isoAgo(seconds: Int64) -> String {
    NotificationWindow.iso(Int64(Date().timeIntervalSince1970 * 1000) - seconds * 1000)
}
