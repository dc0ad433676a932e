import AsyncTestSupport
import Foundation
import Kafka
import Testing
import WorkIndex

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
        let low = try #require(try KafkaAdmin.groupLag(configuration: env.kafka, groupID: uniqueGroup("probe"), topic: IngestEnvironment.deposits,
                                                       logger: quietLogger).first).lowWatermark
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
    }
}
