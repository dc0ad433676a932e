import AsyncTestSupport
import DepositTestSupport
import Foundation
import Kafka
import Notifications
import ReadSideTestSupport
import Testing
import WorkIndex
import WorkModel

/// A matcher that reads work-changes after the broker deleted some of it cannot match those
/// changes: it says so (each gap, then the total when it stops) and matches what is left.
@Suite(.timeLimit(.minutes(3))) struct MatcherDeletedBeforeReadTests {
    @Test func changeEventsTheBrokerDeletedBeforeTheMatcherReadThemAreReported() async throws {
        let binary = try AlertPaths.requireBinary()
        let env = try AlertEnvironment()
        defer { env.stop() }
        let index = try WrittenIndex(works: SampleWorks.all)
        try await env.save([try AlertSubscriptionParser.parse([("filter", "type:journal-article"), ("window-ms", "1000")],
                                                              id: "articles", owner: "tests", created: "2020-01-01T00:00:00Z")])

        // ~6.4 MB that cannot be compressed (nor decoded: skipped if read), then a change of every
        // sample work, all on partition 0: the local broker keeps only its newest ~5 MiB.
        let producer = try KafkaProducer(configuration: env.kafka, logger: alertTestLogger)
        let fillers = 100
        try await EvictedPrefix.fill(ChangeStream.topic, count: fillers, producer: producer)
        let indexed = (Int64(Date().timeIntervalSince1970 * 1000) / 1000 - 60) * 1000
        let events = SampleWorks.all.enumerated().map { i, work in changeEvent(Identifiers.doi(work.DOI)!, indexed: indexed + Int64(i)) }
        _ = try await producer.send(events.map { OutgoingMessage(topic: ChangeStream.topic, key: $0.DOI, value: $0.jsonBytes, partition: 0) })
        try await producer.close()
        let low = try #require(try EvictedPrefix.deleted(ChangeStream.topic, configuration: env.kafka, logger: alertTestLogger))
        try #require(low > 0 && low <= fillers, "the local broker kept \(fillers + events.count - Int(low)) messages; it used to keep ~5 MiB per partition")

        let totalsFile = env.directory.appendingPathComponent("totals.json")
        let log = env.directory.appendingPathComponent("matcher.log")
        let matcher = try WorkerProcess(binary: binary, arguments: [
            "alerts", "match", "--brokers", env.broker.bootstrapServers, "--index", index.path, "--state", env.path("state.sqlite"),
            "--group", uniqueGroup("matcher"), "--grace-ms", "0", "--exit-when-idle", "3", "--summary-file", totalsFile.path,
            "--kafka", "log_level=3",
        ], log: log)
        let exit = try await matcher.wait(timeout: .seconds(120))
        #expect(exit.reason == .exit && exit.status == 0, "\(matcher.logTail)")
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(output.contains("work-changes[0]: offsets 0–\(low - 1) (\(low) messages) were deleted by the broker before this group read them"),
                "\(matcher.logTail)")
        #expect(output.contains("No alert was matched against those changes"), "\(matcher.logTail)")
        #expect(output.contains("\(low) change events were deleted by the broker before this matcher read them"), "\(matcher.logTail)")

        let totals = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: totalsFile)) as? [String: Any])
        #expect(totals["deleted-before-read"] as? Int == Int(low))
        #expect(totals["change-events"] as? Int == events.count)
        #expect(totals["skipped-events"] as? Int == fillers - Int(low))
        // What was left is matched as usual.
        let articles = SampleWorks.all.filter { $0.type == "journal-article" }.map { Identifiers.doi($0.DOI)! }
        let notified = try await env.notifications().filter { $0.alertID == "articles" }.flatMap(\.DOIs)
        #expect(Set(notified) == Set(articles))
    }
}
