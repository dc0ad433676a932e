import AsyncTestSupport
import Foundation
import Ingest
import Kafka
import Testing
import Unixref
import WorkIndex

/// Issue 5 part 4: one processing report per deposit, published to deposit-reports once every
/// record the deposit announced was processed, and never counted twice.
@Suite(.timeLimit(.minutes(3))) struct DepositReportTests {
    static func record(_ doi: String, timestamp: String, title: String = "A title") -> String {
        """
        <record>
          <header><identifier>info:doi/\(doi)</identifier></header>
          <metadata><crossref><journal>
            <journal_metadata><full_title>Journal of Reports</full_title></journal_metadata>
            <journal_article>
              <titles><title>\(title)</title></titles>
              <doi_data><doi>\(doi)</doi><timestamp>\(timestamp)</timestamp><resource>https://example.org/</resource></doi_data>
            </journal_article>
          </journal></crossref></metadata>
        </record>
        """
    }

    static func page(_ records: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
        <ListRecords>
        \(records.joined(separator: "\n"))
        </ListRecords>
        </OAI-PMH>
        """
    }

    @Test func aDepositIsReportedOnceWithWhatBecameOfEachRecord() async throws {
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        try env.createDownstreamTopics()
        let producer = try env.producer()
        let publisher = DepositPublisher(producer: producer, topic: IngestEnvironment.deposits, depositedAt: "2026-11-20T10:00:00Z")
        let index = env.indexPath("reports")
        let worker = try ManualWorker(env, index: index, group: uniqueGroup("reports"))

        // An earlier deposit indexes B at a newer version and C as the later deposit will send it.
        let prior = env.directory.appendingPathComponent("prior.xml")
        try Self.page([Self.record("10.5555/report-b", timestamp: "20240301000000"),
                       Self.record("10.5555/report-c", timestamp: "20240101000000")]).write(to: prior, atomically: true, encoding: .utf8)
        let priorSent = try await publisher.publish(DepositFile(path: prior.path))
        try await worker.process(count: priorSent.messages)
        _ = try await worker.outbox.drain()

        // The deposit under test: A is new, B is older than indexed (stale), C is unchanged
        // (duplicate), and one record is not well-formed (dead-lettered). Not well-formed, the page
        // travels whole: one message, four records.
        let main = env.directory.appendingPathComponent("main.xml")
        try Self.page([Self.record("10.5555/report-a", timestamp: "20240101000000"),
                       Self.record("10.5555/report-b", timestamp: "20240101000000"),
                       Self.record("10.5555/report-c", timestamp: "20240101000000"),
                       Self.record("10.5555/report-broken", timestamp: "20240101000000", title: "Mismatched</titel><title>")])
            .write(to: main, atomically: true, encoding: .utf8)
        #expect(try await publisher.publish(DepositFile(path: main.path)).messages == 1)
        let messages = try await worker.process(count: 1)
        _ = try await worker.outbox.drain()
        let depositID = try #require(messages.first?.header(DepositHeaders.depositID))
        #expect(depositID.hasPrefix("main.xml-"))
        #expect(messages.first?.header(DepositHeaders.depositRecords) == "4")

        let report = try #require(try worker.store.depositReport(id: depositID))
        #expect(report.isComplete)
        #expect(report.expected == 4)
        #expect(report.counts.filter { $0.value > 0 } == [.indexed: 1, .stale: 1, .duplicate: 1, .deadLettered: 1])

        // A redelivery, and a replay of the whole topic by a new group, count nothing again.
        try await worker.pipeline.process(messages)
        _ = try await worker.outbox.drain()
        await worker.close()
        let replay = try ManualWorker(env, index: index, group: uniqueGroup("replay"), store: worker.store)
        try await replay.process(count: priorSent.messages + 1)
        _ = try await replay.outbox.drain()
        await replay.close()
        #expect(try worker.store.depositReport(id: depositID) == report)

        // Two deposits, two reports on the topic, each once.
        let published = try await consumeAll(env, topic: IngestEnvironment.reports, settle: .seconds(1)) { $0.count >= 2 }
        #expect(published.count == 2)
        try expectValid(published.map(\.value), schema: Paths.depositReportSchema, scratch: env.directory)
        let value = try #require(published.first { $0.keyString == depositID }?.value)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(value)) as? [String: Any])
        #expect(json["records"] as? Int == 4)
        #expect(json["processed"] as? Int == 4)
        #expect(json["indexed"] as? Int == 1)
        #expect(json["stale"] as? Int == 1)
        #expect(json["duplicate"] as? Int == 1)
        #expect(json["dead-lettered"] as? Int == 1)
        #expect(json["complete"] as? Bool == true)
        let priorReport = try #require(published.first { $0.keyString?.hasPrefix("prior.xml-") == true })
        #expect((try JSONSerialization.jsonObject(with: Data(priorReport.value)) as? [String: Any])?["indexed"] as? Int == 2)
        try await producer.close()
    }

    @Test func aDepositSpreadOverPartitionsIsReportedWhenItsLastRecordIsProcessed() async throws {
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        try env.createDownstreamTopics()
        let file = Paths.fixture("oai-pmh/journal.xml")
        let direct = try DirectParse([file])
        let producer = try env.producer()
        let sent = try await DepositPublisher(producer: producer, topic: IngestEnvironment.deposits).publish(DepositFile(path: file.path))
        try await producer.close()
        #expect(sent.messages == direct.dois.count)

        let index = env.indexPath("spread")
        _ = try await runWorker(env, index: index, group: uniqueGroup("spread"), batch: 50)
        let published = try await consumeAll(env, topic: IngestEnvironment.reports, settle: .seconds(1)) { !$0.isEmpty }
        #expect(published.count == 1)
        let first = try #require(published.first)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.value)) as? [String: Any])
        #expect((json["deposit-id"] as? String)?.hasPrefix("journal.xml-") == true)
        #expect(json["records"] as? Int == direct.dois.count + direct.failures.count)
        #expect(json["indexed"] as? Int == direct.dois.count)
        #expect(json["dead-lettered"] as? Int == direct.failures.count)
    }
}
