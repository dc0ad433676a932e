import AsyncTestSupport
import DepositTestSupport
import Foundation
import Ingest
import Kafka
import SchemaTestSupport
import Testing
import Unixref
import WorkIndex

/// Issue 5 part 4: one processing report per deposit, published to deposit-reports once every
/// record the deposit announced was processed, and never counted twice.
@Suite(.timeLimit(.minutes(5))) struct DepositReportTests {
    /// A message of the deposit `id` (announcing `records` records), as `publish` stamps it.
    static func message(_ xml: [UInt8], key: String, deposit id: String, records: Int) -> OutgoingMessage {
        var message = MemberDeposit.message(xml, key: key, depositedAt: "2026-11-20T10:00:00Z")
        message.headers += [KafkaHeader(name: DepositHeaders.depositID, string: id),
                            KafkaHeader(name: DepositHeaders.depositRecords, string: String(records))]
        return message
    }

    @Test func aDepositIsReportedOnceWithWhatBecameOfEachRecord() async throws {
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        try env.createDownstreamTopics()
        let producer = try env.producer()
        let index = env.indexPath("reports")
        let worker = try ManualWorker(env, index: index, group: uniqueGroup("reports"))
        let article = { (doi: String, timestamp: String) in
            MemberDeposit.article(doi: doi, title: "Title of \(doi)", batchID: "b", timestamp: timestamp)
        }

        // An earlier deposit indexes B at a newer version and C as the later deposit will send it.
        _ = try await producer.send([
            Self.message(article("10.5555/report-b", "20240301000000"), key: "10.5555/report-b", deposit: "prior", records: 2),
            Self.message(article("10.5555/report-c", "20240101000000"), key: "10.5555/report-c", deposit: "prior", records: 2),
        ])
        try await worker.process(count: 2)
        _ = try await worker.outbox.drain()

        // The deposit under test, over four messages: A is new, B is older than indexed (stale),
        // C is unchanged (duplicate), and one message is not XML at all (dead-lettered).
        _ = try await producer.send([
            Self.message(article("10.5555/report-a", "20240101000000"), key: "10.5555/report-a", deposit: "main", records: 4),
            Self.message(article("10.5555/report-b", "20240101000000"), key: "10.5555/report-b", deposit: "main", records: 4),
            Self.message(article("10.5555/report-c", "20240101000000"), key: "10.5555/report-c", deposit: "main", records: 4),
            Self.message(Array("<doi_batch><head>".utf8), key: "10.5555/report-broken", deposit: "main", records: 4),
        ])
        let messages = try await worker.process(count: 4)
        _ = try await worker.outbox.drain()

        let report = try #require(try worker.store.depositReport(id: "main"))
        #expect(report.isComplete)
        #expect(report.expected == 4)
        #expect(report.counts.filter { $0.value > 0 } == [.indexed: 1, .stale: 1, .duplicate: 1, .deadLettered: 1])

        // A redelivery, and a replay of the whole topic by a new group, count nothing again.
        try await worker.pipeline.process(messages)
        _ = try await worker.outbox.drain()
        await worker.close()
        let replay = try ManualWorker(env, index: index, group: uniqueGroup("replay"), store: worker.store)
        try await replay.process(count: 6)
        _ = try await replay.outbox.drain()
        await replay.close()
        #expect(try worker.store.depositReport(id: "main") == report)

        // Two deposits, two reports on the topic, each once.
        let published = try await consumeAll(env, topic: IngestEnvironment.reports, settle: .seconds(1)) { $0.count >= 2 }
        #expect(published.compactMap(\.keyString).sorted() == ["main", "prior"])
        try expectValid(published.map(\.value), schema: Paths.depositReportSchema, scratch: env.directory)
        let value = try #require(published.first { $0.keyString == "main" }?.value)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(value)) as? [String: Any])
        #expect(json["records"] as? Int == 4)
        #expect(json["processed"] as? Int == 4)
        #expect(json["indexed"] as? Int == 1)
        #expect(json["stale"] as? Int == 1)
        #expect(json["duplicate"] as? Int == 1)
        #expect(json["dead-lettered"] as? Int == 1)
        #expect(json["complete"] as? Bool == true)
        try await producer.close()
    }

    /// `publish` names the deposit of a file without a batch id and counts its records, a bad one
    /// included; the report comes once the last of its messages, on any partition, is processed.
    @Test func aPublishedFileIsReportedWhenItsLastRecordIsProcessed() async throws {
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        try env.createDownstreamTopics()
        let files = [Paths.fixture("oai-pmh/journal.xml"), Paths.fixture("deposits/invalid-deposit.xml")]
        let direct = try DirectParse(files)
        let producer = try env.producer()
        let publisher = DepositPublisher(producer: producer, topic: IngestEnvironment.deposits)
        for file in files { _ = try await publisher.publish(DepositFile(path: file.path)) }
        try await producer.close()

        let index = env.indexPath("spread")
        _ = try await runWorker(env, index: index, group: uniqueGroup("spread"), batch: 50)
        let published = try await consumeAll(env, topic: IngestEnvironment.reports, settle: .seconds(1)) { $0.count >= 2 }
        #expect(published.count == 2)
        let reports = try published.map { try #require(try JSONSerialization.jsonObject(with: Data($0.value)) as? [String: Any]) }
        let journal = try #require(reports.first { ($0["deposit-id"] as? String)?.hasPrefix("journal.xml-") == true })
        #expect(journal["records"] as? Int == 200)
        #expect(journal["indexed"] as? Int == 200)
        let invalid = try #require(reports.first { $0["dead-lettered"] as? Int == 1 })
        #expect(invalid["records"] as? Int == 1)
        #expect(direct.dois.count == 200 && direct.failures.count == 1)
    }
}
