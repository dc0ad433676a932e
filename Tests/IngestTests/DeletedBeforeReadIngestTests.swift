import AsyncTestSupport
import DepositTestSupport
import Foundation
import Kafka
import Notifications
import Testing
import WorkIndex
import WorkModel

/// The local broker keeps only the newest ~5 MiB of a partition. Deposits published while no
/// worker reads can be deleted before any worker sees them; the worker cannot index them, but it
/// must say so: each gap in its log, the count in `status`, so that every published message is
/// indexed, dead-lettered, or counted as deleted unread.
@Suite(.timeLimit(.minutes(3))) struct DeletedBeforeReadIngestTests {
    @Test func depositsTheBrokerDeletedBeforeTheWorkerReadThemAreCounted() async throws {
        let binary = try Paths.requireBinary()
        let env = try IngestEnvironment(partitions: 1)
        defer { env.stop() }
        // ~6.4 MB that cannot be compressed (nor parsed: dead letters if read), then real deposits,
        // published by the command a user runs.
        let files = env.directory.appendingPathComponent("publish")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let fillers = 100
        for index in 0..<fillers {
            try Data(incompressibleBytes(kibibytes: 64)).write(to: files.appendingPathComponent(String(format: "a-filler-%03d.bin", index)))
        }
        let corpus = try Deposits.unixsdCorpus(count: 20, tag: "deleted-unread")
        for (index, record) in corpus.enumerated() {
            try Data(record.xml).write(to: files.appendingPathComponent(String(format: "b-deposit-%03d.xml", index)))
        }
        let published = fillers + corpus.count
        let publishLog = env.directory.appendingPathComponent("publish.log")
        let publish = try WorkerProcess(binary: binary, arguments: ["publish", "--quiet", "--brokers", env.broker.bootstrapServers, files.path],
                                        log: publishLog)
        #expect(try await publish.wait(timeout: .seconds(60)).status == 0, "\(publish.logTail)")
        let low = try #require(try EvictedPrefix.deleted(IngestEnvironment.deposits, configuration: env.kafka, logger: quietLogger))
        try #require(low > 0, "the local broker kept every message; it used to keep ~5 MiB per partition")
        // Told at once, while the files are at hand.
        #expect(publish.logTail.contains("the broker has already deleted \(low) of these \(published) messages"), "\(publish.logTail)")

        let index = env.indexPath("deleted-unread")
        let worker = try WorkerProcess.run(binary: binary, brokers: env.broker.bootstrapServers, index: index, group: uniqueGroup("deleted"),
                                           idleSeconds: 3, log: env.directory.appendingPathComponent("deleted.log"))
        let exit = try await worker.wait(timeout: .seconds(120))
        #expect(exit.reason == .exit && exit.status == 0, "\(worker.logTail)")
        let log = try String(contentsOf: worker.log, encoding: .utf8)
        #expect(log.contains("deposits[0]: offsets 0–\(low - 1) (\(low) messages) were deleted by the broker before this group read them"),
                "\(worker.logTail)")
        #expect(log.contains("dropped them. Publish those deposits again while a worker runs."), "\(worker.logTail)")
        #expect(log.contains("\(low) deleted by the broker before they were read"), "\(worker.logTail)")

        let statusLog = env.directory.appendingPathComponent("status.json")
        let status = try WorkerProcess(binary: binary, arguments: ["status", "--index", index, "--json"], log: statusLog)
        #expect(try await status.wait(timeout: .seconds(30)).status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: statusLog)) as? [String: Any])
        let works = json["works"] as? Int, deleted = json["deleted-before-read"] as? Int
        let deadLetters = (json["dead-letters"] as? [String: Any])?["total"] as? Int
        #expect(deleted == Int(low))
        #expect(works == corpus.count)
        #expect(deadLetters == fillers - Int(low))
        #expect((works ?? 0) + (deadLetters ?? 0) + (deleted ?? 0) == published)

        // The text form names the offsets, so a user can publish those deposits again.
        let textLog = env.directory.appendingPathComponent("status.txt")
        let text = try WorkerProcess(binary: binary, arguments: ["status", "--index", index], log: textLog)
        #expect(try await text.wait(timeout: .seconds(30)).status == 0)
        #expect(text.logTail.contains("offsets (latest first): deposits[0] 0–\(low - 1)"), "\(text.logTail)")
    }

    /// A summarizer reading work-changes after the broker deleted some of it cannot count those
    /// changes; `summarize` says so (each gap, then the total) and summarizes what is left.
    @Test func changeEventsTheBrokerDeletedBeforeTheSummarizerReadThemAreReported() async throws {
        let binary = try Paths.requireBinary()
        let env = try IngestEnvironment(partitions: 1)
        defer { env.stop() }
        try env.createDownstreamTopics()
        // ~6.4 MB that cannot be compressed (nor decoded: skipped if read), then three real events.
        let producer = try env.producer()
        let fillers = 100
        try await EvictedPrefix.fill(IngestEnvironment.changes, count: fillers, producer: producer)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let events = (0..<3).map { n in
            ChangeEvent(id: "10.5555/deleted-unread.\(n)@1", DOI: "10.5555/deleted-unread.\(n)", kind: .created, changedFields: ["title"],
                        member: "78", type: "journal-article", deposited: DateObject(epochMillis: now - 1000),
                        indexed: DateObject(epochMillis: now), version: 1,
                        source: SourceCoordinates(topic: IngestEnvironment.deposits, partition: 0, offset: Int64(n)))
        }
        _ = try await producer.send(events.map { OutgoingMessage(topic: IngestEnvironment.changes, key: Array($0.DOI.utf8), value: $0.jsonBytes) })
        try await producer.close()
        let low = try #require(try EvictedPrefix.deleted(IngestEnvironment.changes, configuration: env.kafka, logger: quietLogger))
        try #require(low > 0 && low <= fillers, "the local broker kept \(fillers - Int(low)) fillers; it used to keep ~5 MiB per partition")

        let index = env.indexPath("summarized")
        try SQLiteWorkStore(path: index).close()
        let period = try SummaryPeriod(containing: now, hours: 24)
        let log = env.directory.appendingPathComponent("summarize.log")
        let summarize = try WorkerProcess(binary: binary, arguments: [
            "summarize", "--brokers", env.broker.bootstrapServers, "--index", index,
            "--state", env.directory.appendingPathComponent("summary-state.sqlite").path,
            "--group", uniqueGroup("summaries"), "--period", period.label, "--json",
        ], log: log)
        #expect(try await summarize.wait(timeout: .seconds(120)).status == 0, "\(summarize.logTail)")
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(output.contains("work-changes[0]: offsets 0–\(low - 1) (\(low) messages) were deleted by the broker before this group read them"),
                "\(summarize.logTail)")
        #expect(output.contains("warning: \(low) change events were deleted by the broker before this summarizer read them"), "\(summarize.logTail)")
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("{") }, "\(summarize.logTail)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect((summary["totals"] as? [String: Any])?["created"] as? Int == events.count, "\(line)")
    }
}
