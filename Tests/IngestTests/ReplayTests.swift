import AsyncTestSupport
import Foundation
import Ingest
import Kafka
import Testing
import Unixref
import WorkIndex
import WorkModel

/// `deposit-indexer replay` and `Scripts/replay`, run as a user runs them: the index rebuilt into a
/// new file from the deposits topic or from files, swapped in under the live path, no change
/// event published again.
@Suite(.timeLimit(.minutes(3))) struct ReplayTests {
    @Test func aTopicReplayRebuildsTheSameWorksAndSwapsThemInWithoutNewEvents() async throws {
        let binary = try Paths.requireBinary()
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        let (corpus, live) = try await Self.liveIndex(env, count: 60, tag: "replay")
        let before = try SQLiteWorkStore(path: live)
        var works: [String: NSDictionary] = [:]
        for (doi, _) in corpus { works[doi] = try #require(try before.work(doi: doi)).withoutIndexed }
        try before.close()
        let events = try await consumeAll(env, topic: IngestEnvironment.changes) { $0.count >= corpus.count }
        #expect(events.count == corpus.count)

        let replay = try Self.replay(binary, env, live: live)
        let exit = try await replay.wait(timeout: .seconds(120))
        #expect(exit.status == 0, "\(replay.logTail)")

        // The live path is now a link to the rebuilt file, which has every work as it was (indexed
        // again, so only `indexed` differs).
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: live)
        #expect(target.hasPrefix(live + ".replay-"))
        let after = try SQLiteWorkStore(path: live)
        #expect(try after.status().works == corpus.count)
        for (doi, _) in corpus {
            #expect(try after.work(doi: doi)?.withoutIndexed == works[doi], "\(doi)")
        }
        let status = try after.status()
        #expect(status.outboxDepth == 0)
        #expect(status.changeEvents.written == 0 && status.changeEvents.published == 0,
                "a rebuild publishes no change event, and its status must not say it did: \(status.changeEvents)")
        #expect(status.freshness == nil, "re-indexing old deposits says nothing about freshness: \(String(describing: status.freshness))")
        try after.close()
        let again = try await consumeAll(env, topic: IngestEnvironment.changes, settle: .seconds(1)) { $0.count >= corpus.count }
        #expect(again.count == corpus.count, "the rebuild published change events again")
    }

    @Test func aReplayDoesNotSwapOutAnIndexAWorkerWroteMeanwhile() async throws {
        let binary = try Paths.requireBinary()
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        let (corpus, live) = try await Self.liveIndex(env, count: 90, tag: "busy")

        let replay = try Self.replay(binary, env, live: live)
        // Once the replay has made its new file it has read the live index's count: a worker's
        // batch now is one the rebuild may not have.
        let files = FileManager.default
        try await waitUntil("the replay's new file", timeout: .seconds(30), interval: .milliseconds(10)) {
            try files.contentsOfDirectory(atPath: env.directory.path).contains { $0.hasPrefix("busy-live.sqlite.replay-") }
        }
        let store = try SQLiteWorkStore(path: live)
        var redelivered: [Work] = []
        for (_, xml) in corpus.prefix(3) {
            DepositParser().parse(xml) { if case .record(let record) = $0 { redelivered.append(record.work) } }
        }
        _ = try store.apply(IngestBatch(works: redelivered.enumerated().map { index, work in
            IncomingWork(work: work, version: 1, source: SourceCoordinates(topic: IngestEnvironment.deposits, partition: 0, offset: Int64(index)),
                         recordIndex: 0)
        }, nowMs: Int64(Date().timeIntervalSince1970 * 1000)))
        try store.close()

        let exit = try await replay.wait(timeout: .seconds(120))
        #expect(exit.status != 0)
        #expect(replay.logTail.contains("was written while the replay ran"), "\(replay.logTail)")
        // The live index is the worker's file still, and the rebuilt one is gone.
        #expect((try? files.destinationOfSymbolicLink(atPath: live)) == nil)
        #expect(try files.contentsOfDirectory(atPath: env.directory.path).filter { $0.contains(".replay-") }.isEmpty)
        #expect(try SQLiteWorkStore(path: live).status().works == corpus.count)
    }

    @Test func aReplaySinceATimeIndexesWhatCameFromThenAndFinishes() async throws {
        let binary = try Paths.requireBinary()
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        let corpus = try Deposits.unixsdCorpus(count: 40, tag: "since")
        let sinceMs = (Int64(Date().timeIntervalSince1970) - 3_600) * 1000
        // The older half all on partition 0, the newer half on 1 and 2: a poll holds partition 0's
        // old messages beside new ones, and partition 0 has nothing to index. (Skipping them
        // without committing past them left partition 0 behind, and the replay never caught up.)
        var messages = Deposits.unixsdMessages(corpus, depositedAt: "2026-11-20T10:00:00Z")
        for index in messages.indices {
            let older = index < corpus.count / 2
            messages[index].partition = older ? 0 : Int32(1 + index % 2)
            messages[index].timestamp = older ? sinceMs - 3_600_000 : sinceMs + 1_000
        }
        let producer = try env.producer()
        _ = try await producer.send(messages)
        try await producer.close()

        let live = env.indexPath("since-live")
        let since = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(sinceMs / 1000)))
        let replay = try WorkerProcess(binary: binary, arguments: [
            "replay", "--brokers", env.broker.bootstrapServers, "--index", live, "--since", since, "--kafka", "log_level=3",
        ], log: env.directory.appendingPathComponent("since.log"))
        let exit = try await replay.wait(timeout: .seconds(60))
        #expect(exit.status == 0, "\(replay.logTail)")
        #expect(replay.logTail.contains("replayed \(corpus.count / 2) messages (\(corpus.count / 2) older than \(since) skipped)"), "\(replay.logTail)")

        let store = try SQLiteWorkStore(path: live)
        let indexed = Set(try corpus.filter { try store.work(doi: $0.doi) != nil }.map(\.doi))
        #expect(indexed == Set(corpus.suffix(corpus.count / 2).map(\.doi)))
        try store.close()
    }

    /// `count` unixsd records published and indexed by a worker into the live index of `tag`.
    static func liveIndex(_ env: IngestEnvironment, count: Int, tag: String) async throws -> (corpus: [(doi: String, xml: [UInt8])], live: String) {
        let corpus = try await env.publishUnixsd(count: count, tag: tag)
        let live = env.indexPath("\(tag)-live")
        _ = try await runWorker(env, index: live, group: uniqueGroup(tag))
        return (corpus, live)
    }

    /// `deposit-indexer replay` of the deposits topic into `live`, running.
    static func replay(_ binary: String, _ env: IngestEnvironment, live: String) throws -> WorkerProcess {
        try WorkerProcess(binary: binary, arguments: [
            "replay", "--brokers", env.broker.bootstrapServers, "--index", live, "--kafka", "log_level=3",
        ], log: env.directory.appendingPathComponent("replay.log"))
    }

    @Test func theReplayScriptRebuildsAnIndexFromFiles() async throws {
        let binary = try Paths.requireBinary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-script-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let index = directory.appendingPathComponent("served/index.sqlite").path
        let files = Paths.fixture("oai-pmh")
        let script = try WorkerProcess(binary: "/bin/bash", arguments: [
            Paths.repository.appendingPathComponent("Scripts/replay").path, "--files", files.path, "--index", index,
        ], environment: ["DEPOSIT_INDEXER_BIN": binary], log: FileManager.default.temporaryDirectory.appendingPathComponent("replay-script-\(UUID().uuidString.prefix(8)).log"))
        let exit = try await script.wait(timeout: .seconds(120))
        #expect(exit.status == 0, "\(script.logTail)")
        #expect(script.logTail.contains("works indexed"), "the script ends with the index's status")

        let expected = try DirectParse(Paths.fixtureFiles("oai-pmh"))
        let store = try SQLiteWorkStore(path: index)
        let status = try store.status()
        #expect(status.works == Set(expected.dois).count)
        #expect(status.deadLetters.total == expected.failures.count)
        for doi in Set(expected.dois) where try store.work(doi: doi) == nil { Issue.record("not indexed: \(doi)") }
        try store.close()
    }
}

extension StoredWork {
    /// The stored JSON without `indexed`, which a rebuild bumps.
    var withoutIndexed: NSDictionary? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else { return nil }
        return object.filter { $0.key != "indexed" } as NSDictionary
    }
}
