import Foundation
import GRDB
import Testing
@testable import WorkIndex
import WorkModel

@Suite struct SchemaUpgradeTests {
    static let pageOrderIndexes = [
        "works_by_deposited_doi", "works_by_type_deposited", "works_by_member_deposited", "works_by_prefix_deposited",
    ]
    static let replacedIndexes = ["works_by_deposited", "works_by_member", "works_by_prefix"]

    /// Works with and without a deposit time, of two types and two members.
    static func works() -> [Work] {
        (0..<12).map { n in
            var work = Fixtures.article("10.5555/upgrade.\(n)", version: 1_600_000_000_000 + Int64(n % 4) * 1000)
            if n % 3 == 0 { work.type = "book-chapter" }
            if n % 2 == 0 { work.member = "78" }
            if n % 5 == 0 { work.deposited = nil }
            return work
        }
    }

    /// A file with the schema the v1–v4 migrations made, holding rows the real writer wrote.
    static func makeVersion4Index(at path: String, in directory: TemporaryDirectory) throws {
        let sourcePath = directory.file("source.sqlite")
        let source = try SQLiteWorkStore.create(at: sourcePath)
        _ = try source.apply(IngestBatch(works: works().enumerated().map { Fixtures.incoming($1, version: 1, offset: Int64($0)) },
                                         nowMs: 1_700_000_000_000))
        try source.close()
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v4-search-columns")
        try queue.inDatabase { db in
            try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [sourcePath])
            // v5 adds no column, so the rows copy as they are.
            for table in ["works", "work_terms", "work_search_text", "counters"] {
                try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM source.\(table)")
            }
            try db.execute(sql: "INSERT INTO works_fts(works_fts) VALUES ('rebuild')")
            try db.execute(sql: "DETACH DATABASE source")
        }
        try queue.close()
    }

    static func schemaVersion(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema-version'")
    }

    static func indexNames(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'works'"))
    }

    @Test func aVersion4IndexGetsThePageOrderIndexesOverItsExistingWorks() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("index.sqlite")
        try Self.makeVersion4Index(at: path, in: directory)
        let (version, names) = try DatabaseQueue(path: path).read { db in
            (try Self.schemaVersion(db), try Self.indexNames(db))
        }
        #expect(version == "4")
        #expect(names.isSuperset(of: Self.replacedIndexes))

        let store = try SQLiteWorkStore(path: path)
        try store.pool.read { db throws in
            #expect(try Self.schemaVersion(db) == String(Migrations.schemaVersion))
            let names = try Self.indexNames(db)
            #expect(try db.indexes(on: "deposit_records").map(\.name).contains("deposit_records_by_at"))
            #expect(names.isSuperset(of: Self.pageOrderIndexes))
            #expect(names.isDisjoint(with: Self.replacedIndexes))
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"], "every index holds exactly the table's rows")
            // The default order of the journal articles, read from the new index alone.
            let ordered = try String.fetchAll(db, sql: """
                SELECT doi FROM works INDEXED BY works_by_type_deposited WHERE type = 'journal-article'
                ORDER BY deposited_ms DESC, doi DESC
                """)
            let expected = Self.works().filter { $0.type == "journal-article" }
                .sorted { a, b in
                    let (x, y) = (a.deposited?.timestamp ?? .min, b.deposited?.timestamp ?? .min)
                    return x != y ? x > y : a.DOI > b.DOI
                }
                .map(\.DOI)
            #expect(ordered == expected)
        }

        // The upgraded index keeps taking writes, into the new indexes too.
        let outcome = try store.apply(IngestBatch(works: [Fixtures.incoming(Fixtures.article("10.5555/upgrade.new", version: 1_700_000_000_000), version: 2)],
                                                  nowMs: 1_700_000_001_000))
        #expect(outcome.created == 1)
        try store.pool.read { db throws in
            let newest = try String.fetchOne(db, sql: """
                SELECT doi FROM works INDEXED BY works_by_type_deposited WHERE type = 'journal-article'
                ORDER BY deposited_ms DESC, doi DESC LIMIT 1
                """)
            #expect(newest == "10.5555/upgrade.new")
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
        }
        try store.close()
    }

    @Test func aNewIndexHasTheLatestSchema() throws {
        let index = try TestIndex()
        try index.store.pool.read { db throws in
            #expect(try Self.schemaVersion(db) == String(Migrations.schemaVersion))
            let names = try Self.indexNames(db)
            #expect(names.isSuperset(of: Self.pageOrderIndexes))
            #expect(names.isDisjoint(with: Self.replacedIndexes))
        }
    }
}
