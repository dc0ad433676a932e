import AsyncTestSupport
import Foundation
import GRDB
import Synchronization
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
        let during = try Deposits.unixsdCorpus(count: 20, tag: "busy-during")
        let producer = try env.producer()
        let index = env.indexPath("busy")
        // Stopped by the test (SIGTERM), not by idling: a loaded machine may take a while between
        // the two publications.
        let worker = try WorkerProcess.run(binary: binary, brokers: env.broker.bootstrapServers, index: index, group: uniqueGroup("busy"),
                                           idleSeconds: 600, log: env.directory.appendingPathComponent("busy.log"))
        let observer = try await openOnceWritten(index)
        try await waitUntil("the first records indexed and their events out", timeout: .seconds(60)) {
            let status = try observer.status()
            return status.works == before.count && status.outboxDepth == 0
        }

        // Another writer takes the lock and keeps it until the worker has met it: past the worker's
        // busy timeout, while more deposits arrive. Released on the worker's retry, not after a fixed
        // time: on a loaded machine the batch may reach the index late, and a fixed hold could end
        // before it came.
        // A thread of its own: a blocked cooperative thread would stall the other tests' tasks.
        let holder = try DatabaseQueue(path: index)
        let locked = AsyncStream<Void>.makeStream(), released = AsyncStream<Void>.makeStream()
        let release = DispatchSemaphore(value: 0)
        let failure = Mutex<String?>(nil)
        Thread {
            do {
                try holder.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    locked.continuation.finish()
                    release.wait()
                    try db.execute(sql: "COMMIT")
                }
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            locked.continuation.finish()
            released.continuation.finish()
        }.start()
        for await _ in locked.stream {}
        let retried: Result<Void, any Error>
        do {
            _ = try await producer.send(Deposits.unixsdMessages(during, depositedAt: "2026-11-20T10:00:00Z"))
            try await producer.close()
            try await waitUntil("the worker's batch to meet the lock and be retried", timeout: .seconds(90), interval: .milliseconds(200)) {
                let log = (try? String(contentsOf: worker.log, encoding: .utf8)) ?? ""
                return log.contains("works to the index failed (attempt 1), retrying")
            }
            retried = .success(())
        } catch {
            retried = .failure(error)
        }
        release.signal()
        for await _ in released.stream {}
        try holder.close()
        #expect(failure.withLock { $0 } == nil)
        if case .failure = retried { Issue.record("the batch never met the lock: \(worker.logTail)") }
        try retried.get()

        try await waitUntil("the records published under the lock indexed", timeout: .seconds(60)) {
            let status = try observer.status()
            return status.works == before.count + during.count && status.outboxDepth == 0
        }
        worker.terminate()
        let exit = try await worker.wait(timeout: .seconds(30))
        #expect(exit.reason == .exit && exit.status == 0, "\(worker.logTail)")
        let status = try observer.status()
        #expect(status.deadLetters.total == 0)
        #expect(status.changeEvents.published == status.works)
        try observer.close()
    }
}
