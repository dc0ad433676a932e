import AsyncTestSupport
import Foundation
import GRDB
import Testing
import WorkIndex

/// A transient fault on the index side: another process holds the index's write lock longer than
/// the worker's busy timeout (10 s). The worker's batch fails with SQLITE_BUSY, is retried with
/// back-off, and goes in once the lock is released — nothing dead-lettered, nothing lost.
@Suite(.timeLimit(.minutes(3))) struct BusyIndexTests {
    @Test func aLockedIndexDelaysTheWorkerAndLosesNothing() async throws {
        let binary = try Paths.requireBinary()
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        let before = try await env.publishUnixsd(count: 20, tag: "busy-before")
        let index = env.indexPath("busy")
        let worker = try WorkerProcess.run(binary: binary, brokers: env.broker.bootstrapServers, index: index, group: uniqueGroup("busy"),
                                           idleSeconds: 4, log: env.directory.appendingPathComponent("busy.log"))
        try await waitUntil("the first records indexed", timeout: .seconds(60)) {
            (try SQLiteWorkStore.appliedRecords(at: index) ?? 0) >= before.count
        }

        // Another writer takes the lock and keeps it for 22 s, while more deposits arrive: the
        // outbox publisher's delete waits out its 10 s first, then the batch's write its own.
        let holder = try DatabaseQueue(path: index)
        let locked = AsyncStream<Void>.makeStream()
        let holding = Task.detached {
            try holder.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.continuation.finish()
                Thread.sleep(forTimeInterval: 22)
                try db.execute(sql: "COMMIT")
            }
        }
        for await _ in locked.stream {}
        let during = try await env.publishUnixsd(count: 20, tag: "busy-during")
        try await holding.value
        try holder.close()

        let exit = try await worker.wait(timeout: .seconds(60))
        #expect(exit.reason == .exit && exit.status == 0, "\(worker.logTail)")
        let log = try String(contentsOf: worker.log, encoding: .utf8)
        let retried = log.split(separator: "\n").contains { $0.contains("works to the index failed (attempt 1), retrying") }
        #expect(retried, "the batch never met the lock: \(worker.logTail)")
        let store = try SQLiteWorkStore(path: index)
        let status = try store.status()
        #expect(status.works == before.count + during.count)
        #expect(status.deadLetters.total == 0)
        #expect(status.changeEvents.published == status.works && status.outboxDepth == 0)
        try store.close()
    }
}
