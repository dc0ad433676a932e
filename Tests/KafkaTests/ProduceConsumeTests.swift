import AsyncTestSupport
import Foundation
import Kafka
import Testing

@Suite struct ProduceConsumeTests {
    @Test func everyMessageArrivesOnceWithKeyValueAndHeaders() async throws {
        let broker = try LocalBroker(brokerCount: 1)
        defer { broker.stop() }
        try broker.createTopic(name: "t", partitions: 4)
        let config = testConfiguration(broker)
        let producer = try KafkaProducer(configuration: config)
        let count = 200
        let records = (0..<count).map { i in
            OutgoingMessage(
                topic: "t", key: "key-\(i)", value: Array("value-\(i)".utf8),
                headers: [KafkaHeader(name: "index", string: "\(i)"), KafkaHeader(name: "empty", value: [])])
        }
        let reports = try await producer.send(records)
        #expect(reports.count == count)
        #expect(Set(reports.map(\.partition)).count > 1)
        let single = try await producer.send(OutgoingMessage(topic: "t", key: "single", value: [], partition: 2))
        #expect(single.partition == 2)

        let consumer = try KafkaConsumer(configuration: config, groupID: uniqueGroup("pc"), topics: ["t"])
        defer { consumer.close() }
        let messages = try await consume(consumer, count: count + 1)
        #expect(messages.count == count + 1)
        var seen = Set<String>()
        for message in messages {
            let key = try #require(message.keyString)
            #expect(seen.insert(key).inserted, "duplicate \(key)")
            if key == "single" {
                #expect(message.value.isEmpty && !message.isTombstone && message.partition == 2)
                continue
            }
            let i = try #require(message.header("index"))
            #expect(key == "key-\(i)")
            #expect(message.value == Array("value-\(i)".utf8))
            #expect(message.headers.count == 2)
            #expect(message.header("empty") == "")
            #expect(message.timestamp != nil)
        }
        #expect(seen.count == count + 1)
    }
}
