import Foundation
import GRDB
import GRDBSQLite
import WorkModel
import WorkQuery

/// TEST STAND-IN for the WorkIndex writer: creates the INDEX-SPEC schema in a WAL file and
/// writes works into it (row, terms, full text). The real writer replaces it; only the term
/// function (`TestTermExtraction.terms(for:)`) and `write(_:)` would change.
public final class TestIndex: Sendable {
    public let path: String
    public let writer: DatabasePool

    /// A fresh index file in a new temporary directory.
    public init(works: [Work]) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("api-dev-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("index.sqlite").path
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // Persistent WAL keeps -wal/-shm on disk after the writer closes, so read-only
            // readers in other processes can always open the file (see GRDB DatabaseSharing).
            var flag: CInt = 1
            let code = withUnsafeMutablePointer(to: &flag) { sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, $0) }
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        }
        writer = try DatabasePool(path: path, configuration: configuration)
        try writer.write { db in try Self.createSchema(db) }
        try write(works)
    }

    public static func createSchema(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE works (
              id INTEGER PRIMARY KEY, doi TEXT UNIQUE NOT NULL, json BLOB NOT NULL,
              version INTEGER NOT NULL, content_hash TEXT NOT NULL,
              type TEXT, member TEXT, prefix TEXT, publisher TEXT,
              created_ms INTEGER, deposited_ms INTEGER, indexed_ms INTEGER,
              issued_start INTEGER, issued_end INTEGER, print_start INTEGER, print_end INTEGER,
              online_start INTEGER, online_end INTEGER, posted_start INTEGER, posted_end INTEGER,
              accepted_start INTEGER, accepted_end INTEGER,
              published_year INTEGER, is_referenced_by_count INTEGER, references_count INTEGER,
              deposited_at_ms INTEGER);
            CREATE TABLE work_terms (work_id INTEGER, field TEXT, value TEXT, grp INTEGER, num INTEGER);
            CREATE INDEX work_terms_field_value ON work_terms(field, value, work_id);
            CREATE INDEX work_terms_work ON work_terms(work_id);
            CREATE VIRTUAL TABLE works_fts USING fts5(
              title, container_title, author, editor, chair, translator, contributor,
              affiliation, bibliographic, everything, content='');
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            INSERT INTO meta VALUES ('schema-version', '1');
            """)
    }

    /// Inserts or replaces works (row, terms, full text) in one transaction.
    public func write(_ works: [Work]) throws {
        try writer.write { db in
            for work in works { try Self.write(work, db) }
        }
    }

    static func write(_ work: Work, _ db: Database) throws {
        let doi = Identifiers.doi(work.DOI)!
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM works WHERE doi = ?", arguments: [doi]) {
            try db.execute(sql: "DELETE FROM work_terms WHERE work_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM works WHERE id = ?", arguments: [id])
            // A contentless FTS5 table forgets rows with the special 'delete' command, which
            // needs the old text; tests only replace works whose text they re-derive.
            let old = fullText(work)
            try db.execute(sql: """
                INSERT INTO works_fts(works_fts, rowid, title, container_title, author, editor, chair, translator,
                  contributor, affiliation, bibliographic, everything) VALUES('delete', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments([id.databaseValue] + old.map(\.databaseValue)))
        }
        let json = Data(work.jsonBytes)
        try db.execute(sql: """
            INSERT INTO works (doi, json, version, content_hash, type, member, prefix, publisher,
              created_ms, deposited_ms, indexed_ms, issued_start, issued_end, print_start, print_end,
              online_start, online_end, posted_start, posted_end, accepted_start, accepted_end,
              published_year, is_referenced_by_count, references_count, deposited_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                doi, json, work.deposited?.timestamp ?? 0, String(json.hashValue), work.type, work.member,
                work.prefix ?? Identifiers.prefix(ofDOI: doi), work.publisher,
                work.created?.timestamp, work.deposited?.timestamp, work.indexed?.timestamp,
                work.issued.startDay, work.issued.endDay, work.publishedPrint?.startDay, work.publishedPrint?.endDay,
                work.publishedOnline?.startDay, work.publishedOnline?.endDay, work.posted?.startDay, work.posted?.endDay,
                work.accepted?.startDay, work.accepted?.endDay,
                work.issued.year, work.isReferencedByCount, work.referencesCount, work.deposited?.timestamp,
            ])
        let id = db.lastInsertedRowID
        for term in TestTermExtraction.terms(for: work) {
            try db.execute(sql: "INSERT INTO work_terms (work_id, field, value, grp, num) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, term.field, term.value, term.group, term.number])
        }
        try db.execute(sql: """
            INSERT INTO works_fts(rowid, title, container_title, author, editor, chair, translator,
              contributor, affiliation, bibliographic, everything) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: StatementArguments([id.databaseValue] + fullText(work).map(\.databaseValue)))
    }

    /// The text of each FTS column, in column order.
    static func fullText(_ work: Work) -> [String] {
        func names(_ people: [Contributor]?) -> String {
            (people ?? []).map { [$0.given, $0.family, $0.name].compactMap { $0 }.joined(separator: " ") }.joined(separator: " ")
        }
        let titles = [work.title, work.subtitle, work.originalTitle, work.shortTitle].compactMap { $0 }.flatMap { $0 }.joined(separator: " ")
        let containers = ((work.containerTitle ?? []) + (work.shortContainerTitle ?? [])).joined(separator: " ")
        let contributors = names(work.contributors)
        let affiliations = work.contributors.flatMap { $0.affiliation.map(\.name) }.joined(separator: " ")
        let bibliographic = [titles, containers, contributors, (work.ISSN ?? []).joined(separator: " "),
                             (work.ISBN ?? []).joined(separator: " "), work.issued.year.map(String.init) ?? "",
                             work.volume ?? "", work.issue ?? "", work.page ?? ""].joined(separator: " ")
        let everything = [bibliographic, affiliations, work.publisher ?? "", work.abstract ?? "", work.DOI].joined(separator: " ")
        return [titles, containers, names(work.author), names(work.editor), names(work.chair), names(work.translator),
                contributors, affiliations, bibliographic, everything]
    }
}
