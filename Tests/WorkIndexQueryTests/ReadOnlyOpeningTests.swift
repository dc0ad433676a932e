import Foundation
import GRDB
import Testing
import TestIndexWriter
import WorkIndexQuery
import WorkQuery

@Suite struct ReadOnlyOpeningTests {
    /// A writer that did not enable persistent WAL and has closed: SQLite removed -wal and -shm.
    @Test func opensAnIndexWhoseWriterHasClosed() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("closed-\(UUID().uuidString).sqlite").path
        do {
            let pool = try DatabasePool(path: path)
            try await pool.write { db in try TestIndex.createSchema(db) }
            try pool.close()
        }
        let walExists = FileManager.default.fileExists(atPath: path + "-wal")
        #expect(!walExists, "the case under test: no -wal file left")
        let reader = try SQLiteWorkIndexReader(path: path)
        #expect(try await reader.search(WorksRequest(), scope: .all).totalResults == 0, "wal existed: \(walExists)")
    }
}
