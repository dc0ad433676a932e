import Kafka
import Logging
import WorkIndex

/// Sends the index's outbox rows to `work-changes` (deposit reports to `deposit-reports`) and
/// deletes them once the broker confirmed them. An idempotent producer plus delete-after-delivery gives at-least-once; the event id
/// (DOI + version) in every event lets consumers drop a repeat after a crash.
public actor OutboxPublisher {
    private let store: any WorkStore
    private let sink: any MessageSink
    private let topic: String
    private let reportsTopic: String
    private let batchSize: Int
    private let retry = RetryPolicy()
    private let logger: Logger
    private var wakeups: AsyncStream<Void>.Continuation?
    public private(set) var published = 0

    public static let eventIDHeader = "event-id"

    public init(store: any WorkStore, sink: any MessageSink, topic: String = "work-changes", reportsTopic: String = "deposit-reports",
                batchSize: Int = 1000, logger: Logger = Logger(label: "OutboxPublisher")) {
        self.store = store
        self.sink = sink
        self.topic = topic
        self.reportsTopic = reportsTopic
        self.batchSize = batchSize
        self.logger = logger
    }

    /// Publishes until the outbox is empty; returns the change events among what it sent.
    @discardableResult
    public func drain() async throws -> Int {
        var sent = 0
        while true {
            let entries = try await retry.run("reading the outbox", logger: logger) { [store, batchSize] in
                try await runBlocking { try store.outboxBatch(limit: batchSize) }
            }
            guard !entries.isEmpty else { return sent }
            let messages = entries.map { entry in
                OutgoingMessage(topic: entry.kind == .depositReport ? reportsTopic : topic, key: Array(entry.doi.utf8), value: entry.payload,
                                headers: [KafkaHeader(name: Self.eventIDHeader, string: entry.eventID)])
            }
            _ = try await retry.run("publishing \(messages.count) outbox messages", logger: logger) { try await sink.send(messages) }
            let ids = entries.map(\.id)
            try await retry.run("deleting published outbox rows", logger: logger) { [store] in
                try await runBlocking { try store.deleteOutbox(ids: ids) }
            }
            let events = entries.count { $0.kind == .changeEvent }
            sent += events
            published += events
        }
    }

    /// Drains whenever woken (after each batch) and at least every `interval`, until cancelled.
    public func run(interval: Duration = .milliseconds(200)) async throws {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        wakeups = continuation
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    continuation.yield()
                }
                continuation.finish()
            }
            for await _ in stream {
                try await drain()
            }
            group.cancelAll()
        }
    }

    /// Asks the running publisher to drain now (cheap; coalesces).
    public nonisolated func wake() {
        Task { await self.yieldWake() }
    }

    private func yieldWake() { wakeups?.yield() }

    public func isEmpty() throws -> Bool {
        try store.outboxBatch(limit: 1).isEmpty
    }
}
