import AsyncTestSupport
import Foundation
import Ingest
import Kafka
import Testing

/// A worker started against a cluster without one of its topics stops at once and says which
/// topic to create and how, instead of waiting on it forever.
@Suite(.timeLimit(.minutes(1))) struct MissingTopicTests {
    @Test func theWorkerRefusesToStartWithoutItsTopicsAndSaysWhichToCreate() async throws {
        let binary = try Paths.requireBinary()
        let broker = try LocalBroker(logger: quietLogger)
        defer { broker.stop() }
        for topic in [IngestEnvironment.deposits, IngestEnvironment.deadLetters, IngestEnvironment.changes] {
            try broker.createTopic(name: topic, partitions: 1)
        }
        let kafka = KafkaConfiguration(brokers: broker.bootstrapServers)
        let missing = try KafkaAdmin.missingTopics(configuration: kafka, topics: WorkerTopics.names(PipelineConfiguration()), logger: quietLogger)
        #expect(missing == [IngestEnvironment.reports])

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("missing-topic-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let worker = try WorkerProcess.run(binary: binary, brokers: broker.bootstrapServers, index: directory.appendingPathComponent("index.sqlite").path,
                                           group: uniqueGroup("missing"), idleSeconds: 2, log: directory.appendingPathComponent("worker.log"))
        let exit = try await worker.wait(timeout: .seconds(30))
        #expect(exit.status != 0)
        let log = worker.logTail
        #expect(log.contains("no topic deposit-reports"), "\(log)")
        #expect(log.contains("deposit-indexer topics apply --brokers \(broker.bootstrapServers)"), "\(log)")

        // Asking did not create it: only `topics apply` (or the operator) does.
        let stillMissing = try KafkaAdmin.missingTopics(configuration: kafka, topics: [IngestEnvironment.reports], logger: quietLogger)
        #expect(stillMissing == [IngestEnvironment.reports])
    }
}
