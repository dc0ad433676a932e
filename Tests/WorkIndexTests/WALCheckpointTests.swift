import AsyncTestSupport
import Foundation
import Testing
@testable import WorkIndex
import WorkModel

/// The write-ahead log is folded into the index file beside the writer, not by the commit that
/// crosses a threshold, and it starts over (in the same file) instead of growing while the writer
/// goes on.
@Suite("Write-ahead log checkpoints")
struct WALCheckpointTests {
    private static let threshold = 1 << 20

    private func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Works `first..<first + size`.
    private func batch(_ b: Int, first: Int? = nil, size: Int = 40) -> IngestBatch {
        let first = first ?? b * size
        return IngestBatch(works: (first..<first + size).map { Fixtures.incoming(Fixtures.realistic($0), version: 1, offset: Int64(b)) },
                           nowMs: 1_700_000_000_000 + Int64(b))
    }

    @Test func theLogIsFoldedIntoTheFileWhileTheStoreStaysOpen() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("index.sqlite")
        let store = try SQLiteWorkStore(path: path, checkpointThreshold: Self.threshold)
        defer { try? store.close() }
        let before = fileSize(path)
        var b = 0
        while fileSize(path + "-wal") < Self.threshold {
            _ = try store.apply(batch(b))
            b += 1
        }
        // SQLite's own checkpoint waits for the backstop (hundreds of MB): only the checkpointer
        // can have copied pages into the file.
        try await waitUntil("the index file grows", timeout: .seconds(20)) { fileSize(path) > before + Self.threshold / 2 }
        try await waitUntil("the checkpoint ends", timeout: .seconds(20)) { !store.checkpointerIsRunning }

        // The next commit starts the log over: it holds what one work writes, in the same file.
        let peak = store.logFrames
        let peakFile = fileSize(path + "-wal")
        _ = try store.apply(batch(b, first: b * 40, size: 1))
        #expect(store.logFrames * 4096 < min(peak * 4096, Self.threshold / 2))
        #expect(fileSize(path + "-wal") == peakFile, "the log file is reused, not cut back and regrown")
        #expect(try store.work(doi: Fixtures.realistic(0).DOI) != nil)
        #expect(try store.work(doi: Fixtures.realistic(b * 40).DOI) != nil)
    }

    /// The checkpointer holds the writer connection's commit hook; closing gives it back, and a
    /// second close (e.g. a shutdown path after an error path) finds nothing left to undo.
    @Test func closingTwiceIsHarmless() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteWorkStore(path: directory.file("index.sqlite"), checkpointThreshold: Self.threshold)
        _ = try store.apply(batch(0))
        try store.close()
        try store.close()
        let reopened = try SQLiteWorkStore(path: directory.file("index.sqlite"))
        defer { try? reopened.close() }
        #expect(try reopened.work(doi: Fixtures.realistic(0).DOI) != nil)
    }

    @Test func aLongRunOfBatchesKeepsTheLogBounded() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("index.sqlite")
        let store = try SQLiteWorkStore(path: path, checkpointThreshold: Self.threshold)
        defer { try? store.close() }
        var largest = 0
        for b in 0..<60 {
            _ = try store.apply(batch(b))
            largest = max(largest, fileSize(path + "-wal"))
            // A writer that never pauses would outrun a checkpointer on a busy test machine;
            // a real worker pauses between batches to poll and parse.
            try await waitUntil("the checkpoint ends", timeout: .seconds(20)) { !store.checkpointerIsRunning }
        }
        // Without the checkpointer the log would hold all of it (the backstop is hundreds of MB);
        // with it, about one batch.
        let written = fileSize(path)
        #expect(written > 10 * Self.threshold, "60 batches went into the file (\(written) bytes)")
        #expect(largest < written / 4, "the log peaked at \(largest) bytes")
    }
}
