import AsyncTestSupport
import Foundation
@testable import Kafka
import Testing

/// A consumer that must not miss a message says when the broker deleted some before it read them,
/// instead of starting silently at the broker's earliest offset.
@Suite struct DeletedBeforeReadTests {
    /// The local broker keeps only the newest ~5 MiB of a partition: 10 MB of incompressible
    /// messages on one partition, published before anyone reads, lose their oldest half.
    @Test func aNewGroupIsToldWhatTheBrokerDeletedBeforeItRead() async throws {
        let broker = try LocalBroker()
        defer { broker.stop() }
        try broker.createTopic(name: "evicting", partitions: 1)
        let config = testConfiguration(broker)
        let producer = try KafkaProducer(configuration: config)
        let messages = (0..<160).map { OutgoingMessage(topic: "evicting", key: "k\($0)", value: incompressibleBytes(kibibytes: 64)) }
        for chunk in stride(from: 0, to: messages.count, by: 20) {
            _ = try await producer.send(Array(messages[chunk..<min(chunk + 20, messages.count)]))
        }
        try await producer.close()
        let low = try #require(try KafkaAdmin.earliestOffsets(configuration: config, topic: "evicting")[0])
        try #require(low > 0, "the local broker kept all 10 MB; it used to keep ~5 MiB per partition")

        let checking = try KafkaConsumer(configuration: config, groupID: uniqueGroup("checking"), topics: ["evicting"],
                                         checksDeletedBeforeRead: DeletedBeforeRead.Check(advice: "Send them again."))
        defer { checking.close() }
        let read = try await consume(checking, count: messages.count - Int(low))
        #expect(read.first?.offset == low)
        #expect(read.count == messages.count - Int(low))
        #expect(checking.takeDeletedBeforeRead() == [DeletedBeforeRead(topic: "evicting", partition: 0, offsets: 0..<low)])
        #expect(checking.takeDeletedBeforeRead().isEmpty, "a gap is reported once")

        // A consumer that did not ask (e.g. of a compacted topic, whose offsets skip) does not check.
        let other = try KafkaConsumer(configuration: config, groupID: uniqueGroup("other"), topics: ["evicting"])
        defer { other.close() }
        _ = try await consume(other, count: messages.count - Int(low))
        #expect(other.takeDeletedBeforeRead().isEmpty)
    }

    @Test func onlyOffsetsBelowTheEarliestAndPastWhatTheGroupHadAreDeletedUnread() {
        // A new group on a topic whose first 300 messages are gone.
        #expect(DeletedBeforeRead.gap(expected: nil, committed: nil, lowWatermark: 300, offset: 300) == 0..<300)
        // A group that had committed 500 when the broker deleted up to 800.
        #expect(DeletedBeforeRead.gap(expected: nil, committed: 500, lowWatermark: 800, offset: 800) == 500..<800)
        // Reading on from 100 after the broker deleted up to 130 (and 130–139 were aborted).
        #expect(DeletedBeforeRead.gap(expected: 100, committed: nil, lowWatermark: 130, offset: 140) == 100..<130)
        // A restart where the commit is past what was deleted: nothing lost.
        #expect(DeletedBeforeRead.gap(expected: nil, committed: 500, lowWatermark: 300, offset: 500) == nil)
        // A transaction marker took offset 100: nothing was deleted.
        #expect(DeletedBeforeRead.gap(expected: 100, committed: nil, lowWatermark: 0, offset: 101) == nil)
        // Another member read and committed up to 150 while this one had the partition away.
        #expect(DeletedBeforeRead.gap(expected: 100, committed: 150, lowWatermark: 120, offset: 150) == nil)
    }

    @Test func theMessageSaysWhatIsLostAndWhy() {
        let text = DeletedBeforeRead(topic: "deposits", partition: 4, offsets: 0..<6264).description
        #expect(text.hasPrefix("deposits[4]: offsets 0–6263 (6264 messages) were deleted by the broker before this group read them"))
        #expect(text.contains("retention"))
        #expect(DeletedBeforeRead(topic: "deposits", partition: 0, offsets: 7..<8).description
            .hasPrefix("deposits[0]: offset 7 (1 message) was deleted by the broker before this group read it"))
    }
}
