import AsyncTestSupport
import DepositTestSupport
import Foundation
import Ingest
import Kafka
import Testing
import WorkIndex

/// DESIGN.md "Delivery" 2: a record that cannot be read goes to the DLQ with its reason and the
/// original bytes, and the records behind it on the same partition are indexed.
@Suite(.timeLimit(.minutes(2))) struct PoisonMessageTests {
    static let bomb = Array("""
        <?xml version="1.0"?>
        <!DOCTYPE doi_batch [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
          <!ENTITY xxe SYSTEM "file:///etc/passwd">
        ]>
        <doi_batch xmlns="http://www.crossref.org/schema/4.4.2" version="4.4.2">
          <head><doi_batch_id>&lol9;&xxe;</doi_batch_id></head>
        </doi_batch>
        """.utf8)
    static let notXML: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0xFE] + Array(" this is a zip file, not a deposit".utf8)

    @Test func aPoisonMessageDoesNotStallItsPartition() async throws {
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        let producer = try env.producer()
        let good = (0..<4).map { "10.5555/after-poison-\($0)" }
        func article(_ i: Int) -> OutgoingMessage {
            MemberDeposit.message(MemberDeposit.article(doi: good[i], title: "Good \(i)", batchID: "good-\(i)", timestamp: "2024010100000\(i)"),
                             key: good[i], depositedAt: "2024-01-01T00:00:00Z", partition: 0)
        }
        // Everything on partition 0, each poison followed by a good deposit.
        let poisons: [(expected: Set<String>, message: OutgoingMessage)] = [
            (["malformed-xml", "unknown-envelope", "no-work"], OutgoingMessage(topic: IngestEnvironment.deposits, key: "zip", value: Self.notXML, partition: 0)),
            (["forbidden-dtd"], OutgoingMessage(topic: IngestEnvironment.deposits, key: "bomb", value: Self.bomb, partition: 0)),
            (["empty-input"], OutgoingMessage(topic: IngestEnvironment.deposits, key: "empty", value: [], partition: 0)),
        ]
        let messages = [article(0), poisons[0].message, article(1), poisons[1].message, article(2), poisons[2].message, article(3)]
        let reports = try await producer.send(messages)
        #expect(Set(reports.map(\.partition)) == [0])

        let index = env.indexPath("poison")
        let group = uniqueGroup("poison")
        let totals = try await runWorker(env, index: index, group: group)
        let store = try SQLiteWorkStore(path: index)
        for doi in good { #expect(try store.work(doi: doi) != nil, "\(doi), behind a poison message, is not indexed") }
        #expect(totals.created == good.count)
        #expect(totals.deadLetters == poisons.count)

        let dlq = try await consumeAll(env, topic: IngestEnvironment.deadLetters) { $0.count >= poisons.count }
        #expect(dlq.count == poisons.count)
        for (position, poison) in [(1, poisons[0]), (3, poisons[1]), (5, poisons[2])] {
            let offset = reports[position].offset
            let letter = try #require(dlq.first { $0.header(DeadLetterHeaders.sourceOffset) == String(offset) },
                                      "no dead letter for offset \(offset)")
            let code = letter.header(DeadLetterHeaders.errorCode) ?? ""
            #expect(poison.expected.contains(code), "offset \(offset): \(code): \(letter.header(DeadLetterHeaders.errorMessage) ?? "")")
            let reason = letter.header(DeadLetterHeaders.errorMessage) ?? ""
            #expect(!reason.isEmpty && !reason.hasPrefix(code), "the reason beside its code, not the code again: \(reason)")
            #expect(letter.header(DeadLetterHeaders.sourcePartition) == "0")
            #expect(letter.header(DeadLetterHeaders.sourceTopic) == IngestEnvironment.deposits)
            #expect(letter.value == poison.message.value, "the DLQ must carry the original bytes")
            #expect(letter.key == poison.message.key)
        }

        // The group is past everything on partition 0.
        let lag = try KafkaAdmin.groupLag(configuration: env.kafka, groupID: group, topic: IngestEnvironment.deposits, logger: quietLogger)
        let zero = try #require(lag.first { $0.partition == 0 })
        #expect(zero.committed == zero.highWatermark)
        #expect(zero.highWatermark == Int64(messages.count))
        try await producer.close()
    }
}
