import Foundation
import GRDB
import Testing
import WorkIndex
import WorkIndexQuery
import ReadSideTestSupport
import WorkQuery

@Suite struct ReadOnlyOpeningTests {
    /// Every writer has closed and the last connection removed -wal and -shm (an index copied or
    /// checkpointed by another tool looks like this too).
    @Test func opensAnIndexWhoseWriterHasClosed() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("closed-\(UUID().uuidString).sqlite").path
        try SQLiteWorkStore.create(at: path).close()
        // The last connection to close checkpoints the WAL into the file and deletes it.
        try DatabaseQueue(path: path).close()
        let walExists = FileManager.default.fileExists(atPath: path + "-wal")
        #expect(!walExists, "the case under test: no -wal file left")
        let reader = try SQLiteWorkIndexReader(path: path)
        #expect(try await reader.search(WorksRequest(), scope: .all).totalResults == 0, "wal existed: \(walExists)")
    }
}

/// A replay swaps a rebuilt index in by re-pointing the live path; a running `serve` (or matcher,
/// or summarizer) must read the new file from its next request on, not the old one forever.
@Suite struct SwapFollowingTests {
    @Test func aReaderOpenedByPathReadsTheIndexSwappedInUnderIt() async throws {
        let first = try WrittenIndex(works: Array(SampleWorks.all.prefix(10)))
        let second = try WrittenIndex(works: Array(SampleWorks.all.dropFirst(10)))
        try first.store.close()
        try second.store.close()
        let live = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString.prefix(8)).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: live) }
        try SQLiteWorkStore.swapIn(newPath: first.path, livePath: live)

        let reader = try SQLiteWorkIndexReader(path: live)
        #expect(try await reader.search(WorksRequest(), scope: .all).totalResults == 10)
        #expect(try await reader.work(doi: SampleWorks.doi(0)) != nil)

        try SQLiteWorkStore.swapIn(newPath: second.path, livePath: live)
        #expect(try await reader.search(WorksRequest(), scope: .all).totalResults == 20)
        #expect(try await reader.work(doi: SampleWorks.doi(0)) == nil)
        #expect(try await reader.work(doi: SampleWorks.doi(10)) != nil)
    }
}
