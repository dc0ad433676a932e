import AsyncTestSupport
import Foundation
import Kafka
import Testing

@Suite struct CommitTests {
    @Test func reopenedConsumerResumesAfterCommittedOffsets() async throws {
        let broker = try LocalBroker()
        defer { broker.stop() }
        try broker.createTopic(name: "resume", partitions: 3)
        // After the last member leaves, the mock makes the next join wait for the old session
        // timeout (measured ~10 s with the 6 s default). 4 s keeps this test quick; it must stay
        // above the mock's 3 s first-join delay or no member ever completes the join.
        let config = testConfiguration(broker, ["session.timeout.ms": "4000", "heartbeat.interval.ms": "1000"])
        let producer = try KafkaProducer(configuration: config)
        let records = (0..<90).map { OutgoingMessage(topic: "resume", key: "k\($0)", value: Array("v\($0)".utf8)) }
        _ = try await producer.send(records)
        let group = uniqueGroup("resume")

        let clock = ContinuousClock()
        let first = try KafkaConsumer(configuration: config, groupID: group, topics: ["resume"])
        let all = try await consume(first, count: 90)
        #expect(all.count == 90)
        // Commit the first half of each partition: those must never come back.
        let committed = Dictionary(grouping: all, by: \.partition).values.flatMap { messages in
            messages.sorted { $0.offset < $1.offset }.prefix(messages.count / 2)
        }
        try first.commit(messages: committed)
        first.close()
        #expect(throws: KafkaError.closed) { try first.commit(messages: committed) }

        let reopened = clock.now
        let second = try KafkaConsumer(configuration: config, groupID: group, topics: ["resume"])
        defer { second.close() }
        let expected = Set(all.compactMap(\.keyString)).subtracting(committed.compactMap(\.keyString))
        var again = try await consume(second, count: expected.count)
        print("rejoin after close took", clock.now - reopened)
        again += try await drain(second, for: .milliseconds(500))
        #expect(Set(again.compactMap(\.keyString)) == expected)
        #expect(again.count == expected.count)
    }

    @Test func lagBeforeAndAfterCommit() async throws {
        let broker = try LocalBroker()
        defer { broker.stop() }
        try broker.createTopic(name: "lagging", partitions: 3)
        let config = testConfiguration(broker)
        let producer = try KafkaProducer(configuration: config)
        let reports = try await producer.send((0..<30).map {
            OutgoingMessage(topic: "lagging", key: nil, value: [UInt8($0)], partition: Int32($0 % 3))
        })
        #expect(reports.count == 30)
        let group = uniqueGroup("lag")

        let before = try KafkaAdmin.groupLag(configuration: config, groupID: group, topic: "lagging")
        #expect(before.count == 3)
        #expect(before.allSatisfy { $0.committed == nil && $0.highWatermark == 10 && $0.lag == 10 })

        let consumer = try KafkaConsumer(configuration: config, groupID: group, topics: ["lagging"])
        defer { consumer.close() }
        let messages = try await consume(consumer, count: 30)
        #expect(messages.count == 30)
        #expect(try consumer.lag().map(\.lag).reduce(0, +) == 30)

        let firstPartition = messages.filter { $0.partition == 0 }
        try consumer.commit(messages: firstPartition)
        let partial = try consumer.lag().sorted { $0.partition < $1.partition }
        #expect(partial.map(\.lag) == [0, 10, 10])
        #expect(partial[0].committed == 10)

        try consumer.commit(messages: messages)
        #expect(try consumer.lag().allSatisfy { $0.lag == 0 && $0.committed == 10 })
        let after = try KafkaAdmin.groupLag(configuration: config, groupID: group, topic: "lagging")
        #expect(after.map(\.lag) == [0, 0, 0])
    }

    @Test func nextOffsetsTakesTheMaximumPerPartition() {
        let messages = [
            KafkaMessage(topic: "a", partition: 0, offset: 5, key: nil, value: []),
            KafkaMessage(topic: "a", partition: 0, offset: 3, key: nil, value: []),
            KafkaMessage(topic: "a", partition: 1, offset: 0, key: nil, value: []),
            KafkaMessage(topic: "b", partition: 0, offset: 9, key: nil, value: []),
        ]
        #expect(KafkaConsumer.nextOffsets(after: messages) == [
            TopicPartitionOffset(topic: "a", partition: 0, offset: 6),
            TopicPartitionOffset(topic: "a", partition: 1, offset: 1),
            TopicPartitionOffset(topic: "b", partition: 0, offset: 10),
        ])
    }
}
