import Foundation
import GRDB
import Testing
@testable import WorkIndex
import WorkModel

@Suite("Search columns migration")
struct SearchColumnsMigrationTests {
    /// An index written before the search columns changed gets them filled from its works' JSON.
    @Test func aVersion3IndexIsSearchableThroughTheNewColumns() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("index.sqlite")
        var work = Fixtures.article("10.5555/before", title: "Coupled oscillators")
        work.author = [Contributor(given: "Ada", family: "Lovelace", affiliation: [Affiliation(name: "Analytical Society")])]
        work.ISSN = ["1234-5679"]
        do {
            let queue = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(queue, upTo: "v3-deposit-reports")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO works(id, doi, json, version, content_hash) VALUES (7, ?, ?, 1, 'h')",
                               arguments: [work.DOI, Data(work.jsonBytes)])
            }
            try queue.close()
        }
        let store = try SQLiteWorkStore(path: path)
        defer { try? store.close() }
        func matches(_ query: String) throws -> [Int64] {
            try store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT rowid FROM works_fts WHERE works_fts MATCH ?", arguments: [query]) }
        }
        #expect(try matches("title : oscillators") == [7])
        #expect(try matches("{author editor chair translator} : lovelace") == [7])
        #expect(try matches("affiliation : analytical") == [7])
        #expect(try matches("citation : \"1234-5679\"") == [7])
        #expect(try matches("title : lovelace").isEmpty)
        let version = try store.pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema-version'") }
        #expect(version == String(Migrations.schemaVersion))
    }
}
