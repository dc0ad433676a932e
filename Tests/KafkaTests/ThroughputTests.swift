import AsyncTestSupport
import Foundation
import Kafka
import Testing

@Suite struct ThroughputTests {
    @Test func tenThousandSmallMessages() async throws {
        let broker = try LocalBroker()
        defer { broker.stop() }
        try broker.createTopic(name: "bulk", partitions: 6)
        let config = testConfiguration(broker)
        let producer = try KafkaProducer(configuration: config)
        let count = 10_000
        let payload = Array(repeating: UInt8(ascii: "x"), count: 100)
        let records = (0..<count).map {
            OutgoingMessage(topic: "bulk", key: "10.5555/\($0)", value: payload, headers: [KafkaHeader(name: "n", string: "\($0)")])
        }
        // Join the group first (~3 s on the mock) so the consume timing measures fetching only.
        let consumer = try KafkaConsumer(configuration: config, groupID: uniqueGroup("bulk"), topics: ["bulk"])
        defer { consumer.close() }
        try await withTimeout(.seconds(15), "joining the group") {
            while try consumer.assignment().count < 6 {
                _ = try await consumer.poll(maxMessages: 1, maxBytes: 1 << 20, maxWait: .milliseconds(100))
            }
        }

        let clock = ContinuousClock()
        let produceStart = clock.now
        let reports = try await producer.send(records)
        let produceTime = clock.now - produceStart
        #expect(reports.count == count)

        let consumeStart = clock.now
        let messages = try await consume(consumer, count: count)
        let consumeTime = clock.now - consumeStart
        #expect(messages.count == count)
        #expect(Set(messages.map { "\($0.partition)/\($0.offset)" }).count == count)
        print(String(format: "produce: %d msgs in %.3f s = %.0f msg/s (confirmed)", count, produceTime.seconds, Double(count) / produceTime.seconds))
        // The consumer fetches while the producer sends, so the end-to-end figure is the honest one.
        let endToEnd = clock.now - produceStart
        print(String(format: "consume after produce: %d msgs in %.3f s; end to end (produce start to last consumed): %.3f s = %.0f msg/s", count, consumeTime.seconds, endToEnd.seconds, Double(count) / endToEnd.seconds))
    }
}

@Suite struct QueueFullTests {
    @Test func aBatchLargerThanTheLocalQueueIsStillDeliveredInOrder() async throws {
        let broker = try LocalBroker()
        defer { broker.stop() }
        try broker.createTopic(name: "small-queue", partitions: 1)
        // 50 slots for 2,000 records: the batch send must wait on QUEUE_FULL and retry.
        let producer = try KafkaProducer(configuration: testConfiguration(broker, ["queue.buffering.max.messages": "50"]))
        let reports = try await producer.send((0..<2000).map {
            OutgoingMessage(topic: "small-queue", key: "k\($0)", value: Array("\($0)".utf8))
        })
        #expect(reports.map(\.offset) == (0..<2000).map(Int64.init))
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
