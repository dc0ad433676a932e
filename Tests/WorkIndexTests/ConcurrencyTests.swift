import Foundation
import GRDB
import Testing
@testable import WorkIndex
import WorkModel

/// Shared between the writer thread and the reading test. `@unchecked Sendable`: every access
/// goes through the lock.
private final class InterleavingProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var reads = 0
    private var writerFinished = false
    private var writerError: (any Error)?

    var readCount: Int { lock.withLock { reads } }
    var isWriterFinished: Bool { lock.withLock { writerFinished } }
    var error: (any Error)? { lock.withLock { writerError } }

    func didRead() { lock.withLock { reads += 1 } }
    func finish(_ error: (any Error)?) { lock.withLock { writerFinished = true; writerError = error } }
}

@Suite("Readers during writes")
struct ConcurrencyTests {
    /// Every read transaction sees whole batches only: the works table, its terms, the search
    /// index, the counters and the outbox always agree, however the reads interleave with the writer.
    @Test func aReaderSeesConsistentSnapshotsWhileAWriterAppliesBatches() async throws {
        let index = try TestIndex()
        let store = index.store
        let batches = 30, perBatch = 50
        let progress = InterleavingProgress()

        // The writer gets its own thread (it blocks) and, after each commit, waits for the reader
        // to read once more, so reads are guaranteed to fall between and during the batches.
        let writer = Thread {
            do {
                for b in 0..<batches {
                    let works = (0..<perBatch).map { i in
                        Fixtures.incoming(Fixtures.realistic(b * perBatch + i), version: 1, offset: Int64(b))
                    }
                    _ = try store.apply(IngestBatch(works: works, nowMs: Int64(b)))
                    let target = progress.readCount + 1
                    let deadline = Date().addingTimeInterval(30)
                    while progress.readCount < target, Date() < deadline { usleep(200) }
                }
                progress.finish(nil)
            } catch {
                progress.finish(error)
            }
        }
        writer.start()

        var lastCount = 0
        var inconsistent: [String] = []
        while true {
            let finished = progress.isWriterFinished
            let snapshot = try await store.pool.read { db in
                (
                    works: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM works") ?? 0,
                    counted: try Int.fetchOne(db, sql: "SELECT value FROM counters WHERE name = 'works'") ?? 0,
                    funded: try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT work_id) FROM work_terms WHERE field = 'has' AND value = 'funder'") ?? 0,
                    texts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM works_fts WHERE works_fts MATCH 'oscillator'") ?? 0,
                    outbox: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0
                )
            }
            progress.didRead()
            if snapshot.works % perBatch != 0 || snapshot.counted != snapshot.works || snapshot.funded != snapshot.works
                || snapshot.texts != snapshot.works || snapshot.outbox != snapshot.works {
                inconsistent.append("\(snapshot)")
            }
            #expect(snapshot.works >= lastCount)  // never goes back
            lastCount = snapshot.works
            if finished { break }
        }
        if let error = progress.error { throw error }
        #expect(inconsistent.isEmpty)
        #expect(progress.readCount > batches)
        #expect(lastCount == batches * perBatch)
        #expect(try store.status().works == batches * perBatch)
    }
}

/// The worker creates a new index while `status`, `serve` or a test opens it too: each side
/// migrates the new file. Both must open it, whichever commits the schema first.
@Suite struct ConcurrentOpeningTests {
    /// `@unchecked Sendable`: every access goes through the lock.
    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var errors: [String] = []
        func add(_ error: any Error) { lock.withLock { errors.append(String(describing: error)) } }
        var all: [String] { lock.withLock { errors } }
    }

    @Test func twoStoresOpeningOneNewIndexTogetherBothOpenIt() throws {
        let directory = try TemporaryDirectory()
        let failures = Failures()
        for attempt in 0..<12 {
            let path = directory.file("new-\(attempt).sqlite")
            DispatchQueue.concurrentPerform(iterations: 3) { _ in
                do { try SQLiteWorkStore(path: path).close() } catch { failures.add(error) }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all.count) openings failed, e.g. \(failures.all.first ?? "")")
    }
}
