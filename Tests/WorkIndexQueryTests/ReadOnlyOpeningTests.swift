import Foundation
import GRDB
import Testing
import WorkIndex
import WorkIndexQuery
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
