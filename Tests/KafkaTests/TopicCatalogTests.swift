import AsyncTestSupport
import Foundation
import Kafka
import Testing

@Suite struct TopicCatalogTests {
    @Test func loadsTheRepositoryTopics() throws {
        let specs = try TopicCatalog.load(directory: topicsDirectory)
        #expect(specs.map(\.name) == [
            "alert-notifications", "alert-subscriptions", "batch-summaries", "deposit-reports", "deposits", "deposits.dlq", "work-changes",
        ])
        let byName = Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0) })
        #expect(byName["alert-subscriptions"]?.cleanupPolicy == .compact)
        #expect(byName["deposits"]?.partitions == 6)
        let dlqHeaders = Set(byName["deposits.dlq"]?.headers?.map(\.name) ?? [])
        #expect(dlqHeaders.isSuperset(of: ["error-code", "error-message", "source-topic", "source-partition", "source-offset", "record-index"]))
        for spec in specs where spec.valueContentType == "application/json" {
            let schema = try #require(spec.valueSchema, "\(spec.name) has JSON values but no schema")
            let data = try Data(contentsOf: topicsDirectory.appendingPathComponent(schema))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        }
    }

    @Test func rejectsInconsistentSpecs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("topics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = #"{"name":"x","partitions":1,"replication-factor":1,"cleanup-policy":"delete","key":"k","value-content-type":"application/json","value-schema":"schemas/missing.json"}"#
        try Data(spec.utf8).write(to: directory.appendingPathComponent("x.json"))
        #expect(throws: KafkaError.self) { try TopicCatalog.load(directory: directory) }
    }

    @Test func appliesToTheLocalBrokerAndTopicsAreUsable() async throws {
        let broker = try LocalBroker()
        defer { broker.stop() }
        let specs = try TopicCatalog.load(directory: topicsDirectory)
        let first = try TopicCatalog.apply(specs, to: broker)
        #expect(first.allSatisfy { $0.outcome == .created }, "\(first)")
        let second = try TopicCatalog.apply(specs, to: broker)
        #expect(second.allSatisfy { $0.outcome == .exists }, "\(second)")

        let config = testConfiguration(broker)
        let producer = try KafkaProducer(configuration: config)
        let reports = try await producer.send((0..<12).map {
            OutgoingMessage(topic: "work-changes", key: "10.5555/\($0)", value: Array(#"{"n":\#($0)}"#.utf8))
        } + [OutgoingMessage(topic: "alert-subscriptions", key: "alert-1", value: nil)])
        #expect(reports.count == 13)

        let consumer = try KafkaConsumer(configuration: config, groupID: uniqueGroup("catalog"), topics: ["work-changes", "alert-subscriptions"])
        defer { consumer.close() }
        let messages = try await consume(consumer, count: 13)
        #expect(messages.count == 13)
        #expect(messages.filter(\.isTombstone).map(\.topic) == ["alert-subscriptions"])
        let lag = try KafkaAdmin.groupLag(configuration: config, groupID: "nobody", topic: "deposits")
        #expect(lag.count == 6)
    }

    @Test func applyingToAStoppedBrokerThrows() throws {
        let broker = try LocalBroker()
        broker.stop()
        #expect(!broker.isRunning)
        #expect(throws: KafkaError.self) { try TopicCatalog.apply(TopicCatalog.load(directory: topicsDirectory), to: broker) }
    }

    @Test func createTopicsAgainstTheMockReportsInsteadOfHanging() async throws {
        // The mock has no CreateTopics: the admin path must fail cleanly and quickly.
        let broker = try LocalBroker()
        defer { broker.stop() }
        let specs = try TopicCatalog.load(directory: topicsDirectory)
        let config = testConfiguration(broker)
        do {
            let results = try TopicCatalog.apply(specs, configuration: config, timeout: .seconds(5))
            print("CreateTopics on mock:", results.map { "\($0.name): \($0.outcome)" })
            #expect(results.count == specs.count)
        } catch {
            print("CreateTopics on mock threw:", error)
        }
    }
}
