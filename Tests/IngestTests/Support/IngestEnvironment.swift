import AsyncTestSupport
import Foundation
import Ingest
import Kafka
import Logging
import Testing
import Unixref
import WorkIndex
import WorkModel

/// Where things are, found from this file (Tests/IngestTests/Support/…): nothing outside the
/// repository is read at run time.
enum Paths {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/Fixtures")
    static let workChangeSchema = repository.appendingPathComponent("Topics/schemas/work-change.schema.json")

    /// The worker binary: `$DEPOSIT_INDEXER_BIN`, else the debug build of this checkout.
    static var binary: String {
        ProcessInfo.processInfo.environment["DEPOSIT_INDEXER_BIN"]
            ?? repository.appendingPathComponent(".build/debug/deposit-indexer").path
    }

    static func fixture(_ relative: String) -> URL { fixtures.appendingPathComponent(relative) }

    /// `binary`, or a failed requirement saying how to get it.
    static func requireBinary(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary),
                     "no worker binary at \(binary): build it (swift build) or set DEPOSIT_INDEXER_BIN", sourceLocation: sourceLocation)
        return binary
    }

    /// Every `*.xml` directly in a fixture directory, in name order.
    static func fixtureFiles(_ directory: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(directory).path)
            .filter { $0.hasSuffix(".xml") }.sorted()
            .map { fixtures.appendingPathComponent(directory).appendingPathComponent($0) }
    }
}

/// Tests log only errors (librdkafka's retries during an outage are expected and noisy);
/// INGEST_TEST_LOG=warning (or info, debug) shows the pipeline's retries when a test is slow.
let quietLogger = testLogger("ingest-tests", levelVariable: "INGEST_TEST_LOG")

/// One test's world: its own local broker (a real TCP mock cluster) with the three topics of the
/// pipeline, and a temporary directory for SQLite index files.
final class IngestEnvironment: Sendable {
    let broker: LocalBroker
    let directory: URL
    let kafka: KafkaConfiguration
    let partitions: Int
    static let deposits = "deposits"
    static let deadLetters = "deposits.dlq"
    static let changes = "work-changes"
    static let reports = "deposit-reports"

    init(brokers: Int = 1, partitions: Int = 3, leaders: Bool = false) throws {
        broker = try LocalBroker(brokerCount: brokers, logger: quietLogger)
        self.partitions = partitions
        // Deposit reports, keyed by deposit id, on one partition: their order is the publish order.
        try broker.createTopic(name: Self.reports, partitions: 1, replicationFactor: 1)
        for topic in [Self.deposits, Self.deadLetters, Self.changes] {
            try broker.createTopic(name: topic, partitions: partitions, replicationFactor: 1)
            if leaders {
                // Spread leadership so that taking one broker down hits known partitions.
                for partition in 0..<Int32(partitions) {
                    try broker.setPartitionLeader(topic: topic, partition: partition, broker: partition % Int32(brokers) + 1)
                }
            }
        }
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ingest-tests-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        kafka = KafkaConfiguration(brokers: broker.bootstrapServers, overrides: [
            "topic.metadata.refresh.interval.ms": "1000",
            "session.timeout.ms": "6000",
            "heartbeat.interval.ms": "1000",
            "reconnect.backoff.max.ms": "500",
            "log_level": "3",
        ])
    }

    /// Consumer settings: short fetch long-polls (the mock answers an idle fetch only after
    /// fetch.wait.max.ms).
    var consumerKafka: KafkaConfiguration {
        var configuration = kafka
        configuration.overrides["fetch.wait.max.ms"] = "20"
        return configuration
    }

    func indexPath(_ name: String) -> String { directory.appendingPathComponent("\(name).sqlite").path }

    func producer() throws -> KafkaProducer { try KafkaProducer(configuration: kafka, logger: quietLogger) }

    func settings(idle: Duration? = .milliseconds(1500)) -> PipelineConfiguration {
        var settings = PipelineConfiguration()
        settings.exitWhenIdle = idle
        return settings
    }

    func stop() {
        broker.stop()
        if ProcessInfo.processInfo.environment["KEEP_TEST_DIRS"] == nil { try? FileManager.default.removeItem(at: directory) }
    }
}

extension IngestEnvironment {
    /// Publishes `count` unixsd records under new DOIs (tagged, so tests never share one) to
    /// the deposits topic, confirmed, all deposited at one time; returns them.
    func publishUnixsd(count: Int, tag: String) async throws -> [(doi: String, xml: [UInt8])] {
        let corpus = try Deposits.unixsdCorpus(count: count, tag: tag)
        let producer = try producer()
        _ = try await producer.send(Deposits.unixsdMessages(corpus, depositedAt: "2026-11-20T10:00:00Z"))
        try await producer.close()
        return corpus
    }

    /// The mock broker keeps only the newest ~5 MiB per partition: a test that published more
    /// would see "lost" records that the broker dropped before anyone could read them.
    func requireNothingEvicted(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let lag = try KafkaAdmin.groupLag(configuration: kafka, groupID: uniqueGroup("evicted"), topic: Self.deposits, logger: quietLogger)
        let evicted = lag.filter { $0.lowWatermark > 0 }
        try #require(evicted.isEmpty, "the local broker dropped the oldest deposits of \(evicted.map(\.partition)): use more partitions",
                     sourceLocation: sourceLocation)
    }
}

/// The index a worker process writes, opened once it has applied a batch (opening it while the
/// worker creates it would race the creation).
func openOnceWritten(_ path: String) async throws -> SQLiteWorkStore {
    try await waitUntil("the worker's first batch in \(path)", timeout: .seconds(60)) {
        (try SQLiteWorkStore.appliedRecords(at: path) ?? 0) > 0
    }
    return try SQLiteWorkStore(path: path)
}

/// A sink that forwards to a producer and remembers what it sent where, so a test knows the
/// exact bytes behind every (partition, offset) of the deposits topic.
final class RecordingSink: MessageSink, @unchecked Sendable {
    private let producer: KafkaProducer
    private let lock = NSLock()
    private var records: [(message: OutgoingMessage, report: DeliveryReport)] = []

    init(_ producer: KafkaProducer) { self.producer = producer }

    func send(_ messages: [OutgoingMessage]) async throws -> [DeliveryReport] {
        let reports = try await producer.send(messages)
        lock.withLock { records += zip(messages, reports).map { ($0, $1) } }
        return reports
    }

    var sent: [(message: OutgoingMessage, report: DeliveryReport)] { lock.withLock { records } }

    func message(partition: Int32, offset: Int64) -> OutgoingMessage? {
        sent.first { $0.report.partition == partition && $0.report.offset == offset }?.message
    }
}

/// What the test itself reads from the published files, independently of the worker.
struct DirectParse {
    /// The normalized DOI of every record read (a DOI deposited twice is listed twice).
    var dois: [String] = []
    /// Every record's work as the parser made it, in the same order.
    var works: [Work] = []
    var failures: [RecordError] = []

    init(_ files: [URL]) throws {
        let parser = DepositParser()
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            parser.parse(bytes) { outcome in
                switch outcome {
                case .record(let record):
                    dois.append(Identifiers.doi(record.work.DOI) ?? record.work.DOI)
                    works.append(record.work)
                case .failure(let error): failures.append(error)
                }
            }
        }
    }
}

/// Runs the real worker service (pipeline + outbox publisher) in-process until it is idle.
func runWorker(_ env: IngestEnvironment, index: String, group: String, idle: Duration = .milliseconds(1500),
               batch: Int = 500, limit: Duration = .seconds(120),
               whileRunning: (@Sendable () async throws -> Void)? = nil) async throws -> PipelineTotals {
    var settings = env.settings(idle: idle)
    settings.maxBatchMessages = batch
    let worker = try IndexWorker(kafka: env.kafka, indexPath: index, group: group, settings: settings, logger: quietLogger)
    try await withTimeout(limit, "the worker on \(index)") {
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await worker.run() }
            if let whileRunning { tasks.addTask { try await whileRunning() } }
            try await tasks.waitForAll()
        }
    }
    return await worker.totals()
}

/// The pipeline driven by hand: poll, `process`, drain the outbox, when the test says so.
final class ManualWorker: Sendable {
    let consumer: KafkaConsumer
    let producer: KafkaProducer
    let store: SQLiteWorkStore
    let pipeline: DepositPipeline
    let outbox: OutboxPublisher

    init(_ env: IngestEnvironment, index: String, group: String, store: SQLiteWorkStore? = nil) throws {
        consumer = try KafkaConsumer(configuration: env.consumerKafka, groupID: group, topics: [IngestEnvironment.deposits],
                                     logger: quietLogger)
        producer = try env.producer()
        self.store = try store ?? SQLiteWorkStore(path: index)
        pipeline = DepositPipeline(consumer: consumer, deadLetters: producer, store: self.store,
                                   configuration: env.settings(idle: nil), logger: quietLogger)
        outbox = OutboxPublisher(store: self.store, sink: producer, topic: IngestEnvironment.changes, logger: quietLogger)
    }

    /// Polls and processes until `count` messages went through; returns them in processing order.
    /// The timeout is generous: a new group's first join on the mock takes ~3 s, and more than
    /// 30 s once while the whole suite loaded the machine.
    @discardableResult
    func process(count: Int, timeout: Duration = .seconds(90)) async throws -> [KafkaMessage] {
        let deadline = ContinuousClock.now + timeout
        var all: [KafkaMessage] = []
        while all.count < count {
            guard ContinuousClock.now < deadline else { throw TimedOut(what: "\(count) deposits (got \(all.count))") }
            let batch = try await consumer.poll(maxMessages: 500, maxBytes: 8 << 20, maxWait: .milliseconds(100))
            guard !batch.isEmpty else { continue }
            try await pipeline.process(batch)
            all += batch
        }
        return all
    }

    func close() async {
        consumer.close()
        try? await producer.close(timeout: .seconds(2))
    }
}

/// Reads a topic with a fresh group until `done` says so (or `timeout`), then keeps reading for
/// `settle` so that anything extra (a duplicate) is seen too.
func consumeAll(_ env: IngestEnvironment, topic: String, timeout: Duration = .seconds(90), settle: Duration = .milliseconds(700),
                until done: @escaping @Sendable ([KafkaMessage]) -> Bool) async throws -> [KafkaMessage] {
    let consumer = try KafkaConsumer(configuration: env.consumerKafka, groupID: uniqueGroup("read-\(topic)"), topics: [topic],
                                     logger: quietLogger)
    defer { consumer.close() }
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    var all: [KafkaMessage] = []
    while !done(all), clock.now < deadline {
        all += try await consumer.poll(maxMessages: 1000, maxBytes: 8 << 20, maxWait: .milliseconds(200))
    }
    let settleEnd = clock.now + settle
    while clock.now < settleEnd {
        all += try await consumer.poll(maxMessages: 1000, maxBytes: 8 << 20, maxWait: .milliseconds(100))
    }
    return all
}

/// A change event as consumed: the decoded event, the raw JSON object and the Kafka side.
struct ConsumedEvent {
    var event: ChangeEvent
    var json: [String: Any]
    var message: KafkaMessage

    init(_ message: KafkaMessage) throws {
        self.message = message
        event = try JSONDecoder().decode(ChangeEvent.self, from: Data(message.value))
        json = try #require(try JSONSerialization.jsonObject(with: Data(message.value)) as? [String: Any])
    }
}
