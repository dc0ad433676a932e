import AsyncTestSupport
import Foundation
import Kafka
import Testing

@Suite struct BrokerOutageTests {
    @Test func deliveriesSurviveABrokerGoingDownAndUp() async throws {
        let broker = try LocalBroker(brokerCount: 3)
        defer { broker.stop() }
        try broker.createTopic(name: "outage", partitions: 3, replicationFactor: 1)
        for partition in 0..<Int32(3) {
            try broker.setPartitionLeader(topic: "outage", partition: partition, broker: partition + 1)
        }
        let config = testConfiguration(broker)
        let producer = try KafkaProducer(configuration: config)
        let before = try await producer.send((0..<100).map {
            OutgoingMessage(topic: "outage", key: "before-\($0)", value: Array("\($0)".utf8))
        })
        #expect(before.count == 100)

        broker.setBrokerDown(2)
        let sending = Task {
            let reports = try await producer.send((0..<300).map {
                OutgoingMessage(topic: "outage", key: "during-\($0)", value: Array("\($0)".utf8), partition: Int32($0 % 3))
            })
            return (reports, ContinuousClock.now)
        }
        try await Task.sleep(for: .seconds(2))
        let cameBack = ContinuousClock.now
        broker.setBrokerUp(2)
        let (during, confirmedAt) = try await withTimeout(.seconds(20), "deliveries after the broker came back") {
            try await sending.value
        }
        // Partition 1 could only be confirmed once its leader was back: the outage was real.
        // (Compared with instants, not a duration, so a slow scheduler cannot make it flaky.)
        #expect(confirmedAt >= cameBack)
        #expect(during.count == 300)
        #expect(Set(during.map(\.partition)) == [0, 1, 2])

        let consumer = try KafkaConsumer(configuration: config, groupID: uniqueGroup("outage"), topics: ["outage"])
        defer { consumer.close() }
        let messages = try await consume(consumer, count: 400)
        let keys = messages.compactMap(\.keyString)
        #expect(keys.count == 400)
        #expect(Set(keys).count == 400)

        // With every broker down, polling logs transport errors but neither throws nor hangs.
        broker.setBrokerDown(-1)
        let quiet = try await drain(consumer, for: .seconds(1))
        #expect(quiet.isEmpty)
        broker.setBrokerUp(-1)
    }

    @Test func closingWithUndeliverableRecordsFailsTheSenderInsteadOfHanging() async throws {
        let broker = try LocalBroker()
        defer { broker.stop() }
        try broker.createTopic(name: "stuck", partitions: 1)
        let producer = try KafkaProducer(configuration: testConfiguration(broker))
        _ = try await producer.send(OutgoingMessage(topic: "stuck", key: "warm", value: [0]))
        broker.setBrokerDown(-1)
        let sending = Task { try await producer.send(OutgoingMessage(topic: "stuck", key: "lost", value: [1])) }
        try await Task.sleep(for: .milliseconds(300))
        await #expect(throws: KafkaError.self) { try await producer.close(timeout: .milliseconds(500)) }
        let outcome = try await withTimeout(.seconds(5), "the purged sender") { await sending.result }
        guard case .failure(KafkaError.deliveryFailed(_, _, _, let name, _)) = outcome else {
            Issue.record("expected a delivery failure, got \(outcome)")
            return
        }
        #expect(name.hasPrefix("_PURGE"))
        await #expect(throws: KafkaError.closed) { try await producer.send(OutgoingMessage(topic: "stuck", key: "after", value: [2])) }
        broker.setBrokerUp(-1)
    }
}
