import AsyncTestSupport
import Foundation
import Ingest
import Kafka
import Testing
import WorkIndex

/// SIGTERM (a deploy, `kubectl delete pod`) stops the worker at a batch boundary: the batch in
/// hand is written and committed, the outbox drained, and the process exits 0 within seconds; a
/// restart then neither repeats nor misses anything.
@Suite(.timeLimit(.minutes(3))) struct GracefulShutdownTests {
    @Test func sigtermFinishesTheBatchCommitsItAndDrainsTheOutbox() async throws {
        let binary = try Paths.requireBinary()
        let env = try IngestEnvironment(partitions: 10)
        defer { env.stop() }
        let corpus = try await env.publishUnixsd(count: 2000, tag: "sigterm")
        try env.requireNothingEvicted()
        let index = env.indexPath("sigterm")
        let group = uniqueGroup("sigterm")

        // Never idle long enough to stop by itself: only the signal stops it. Batches of 100: the
        // signal lands mid-stream however fast the machine is.
        let worker = try WorkerProcess.run(binary: binary, brokers: env.broker.bootstrapServers, index: index, group: group,
                                           idleSeconds: 600, log: env.directory.appendingPathComponent("sigterm.log"),
                                           options: ["--batch-size", "100"])
        let stopped = try await openOnceWritten(index)
        worker.terminate()
        let exit = try await worker.wait(timeout: .seconds(20))
        #expect(exit.reason == .exit && exit.status == 0, "\(exit): \(worker.logTail)")

        // Exactly what was applied is committed, and every change event it made went out.
        let applied = try #require(try SQLiteWorkStore.appliedRecords(at: index))
        let lag = try KafkaAdmin.groupLag(configuration: env.kafka, groupID: group, topic: IngestEnvironment.deposits, logger: quietLogger)
        let committed = lag.reduce(0) { $0 + Int(($1.committed ?? $1.lowWatermark) - $1.lowWatermark) }
        #expect(committed == applied, "committed \(committed) records, applied \(applied)")
        let atStop = try stopped.status()
        try #require(atStop.works < corpus.count, "the worker finished before the signal; publish more messages")
        #expect(atStop.outboxDepth == 0)
        #expect(atStop.changeEvents.published == atStop.works)
        try stopped.close()

        // A restart picks up where it stopped: every work, each with one change event, no duplicate.
        let restarted = try WorkerProcess.run(binary: binary, brokers: env.broker.bootstrapServers, index: index, group: group,
                                              idleSeconds: 3, log: env.directory.appendingPathComponent("restarted.log"))
        let restartExit = try await restarted.wait(timeout: .seconds(120))
        #expect(restartExit.reason == .exit && restartExit.status == 0, "\(restarted.logTail)")
        let store = try SQLiteWorkStore(path: index)
        let status = try store.status()
        #expect(status.works == corpus.count, "stopped at \(atStop.works) works")
        #expect(status.duplicates == 0, "the restart read again what the stop had committed")
        #expect(status.changeEvents.published == corpus.count && status.outboxDepth == 0)
        try store.close()
    }
}
