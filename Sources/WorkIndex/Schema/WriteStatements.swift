import GRDB

/// The statements one batch uses, fetched once per batch from GRDB's statement cache.
struct WriteStatements {
    let selectWork: SQLiteStatement
    let insertWork: SQLiteStatement
    let updateWork: SQLiteStatement
    let updateWorkJSON: SQLiteStatement
    let selectTerms: SQLiteStatement
    let deleteTerms: SQLiteStatement
    let insertTerm: SQLiteStatement
    /// `termRowsPerInsert` rows at once.
    let insertTerms: SQLiteStatement
    let selectSearchText: SQLiteStatement
    let upsertSearchText: SQLiteStatement
    let insertFTS: SQLiteStatement
    let deleteFTS: SQLiteStatement
    let selectLinksToTarget: SQLiteStatement
    let selectEdgesOfNotice: SQLiteStatement
    let deleteEdgesOfNotice: SQLiteStatement
    let insertEdge: SQLiteStatement
    let deleteClaimsOfTarget: SQLiteStatement
    let insertClaim: SQLiteStatement
    let insertOutbox: SQLiteStatement
    let insertDeadLetter: SQLiteStatement
    let insertFreshness: SQLiteStatement
    let trimFreshness: SQLiteStatement
    let addToCounter: SQLiteStatement

    static let termRowsPerInsert = 16

    /// The newest freshness samples kept.
    static let freshnessKept = 100_000

    init(_ db: Database) throws {
        selectWork = try SQLiteStatement(db, "SELECT id, json, version, content_hash, created_ms, change_count, deposited_at_ms FROM works WHERE doi = ?")
        insertWork = try SQLiteStatement(db, Self.insertWorkSQL)
        updateWork = try SQLiteStatement(db, Self.updateWorkSQL)
        updateWorkJSON = try SQLiteStatement(db, "UPDATE works SET json = ?2, content_hash = ?3, indexed_ms = ?4, change_count = ?5 WHERE id = ?1")
        selectTerms = try SQLiteStatement(db, "SELECT field, value, grp, num FROM work_terms WHERE work_id = ? ORDER BY rowid")
        deleteTerms = try SQLiteStatement(db, "DELETE FROM work_terms WHERE work_id = ?")
        insertTerm = try SQLiteStatement(db, "INSERT INTO work_terms(work_id, field, value, grp, num) VALUES (?, ?, ?, ?, ?)")
        // OR FAIL, not the default ABORT: a statement that may abort after some of its rows opens a
        // statement journal (each page it changes copied first), and FTS5 writes out its pending
        // tokens at every such savepoint. A failure still fails the batch, which rolls back whole.
        insertTerms = try SQLiteStatement(db, "INSERT OR FAIL INTO work_terms(work_id, field, value, grp, num) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?)", count: Self.termRowsPerInsert).joined(separator: ", "))
        selectSearchText = try SQLiteStatement(db, "SELECT \(Self.textColumns) FROM work_search_text WHERE id = ?")
        upsertSearchText = try SQLiteStatement(db, "INSERT OR REPLACE INTO work_search_text(id, \(Self.textColumns)) VALUES (\(Self.placeholders(WorkSearchText.columns.count + 1)))")
        insertFTS = try SQLiteStatement(db, "INSERT INTO works_fts(rowid, \(Self.textColumns)) VALUES (\(Self.placeholders(WorkSearchText.columns.count + 1)))")
        deleteFTS = try SQLiteStatement(db, "INSERT INTO works_fts(works_fts, rowid, \(Self.textColumns)) VALUES ('delete', \(Self.placeholders(WorkSearchText.columns.count + 1)))")
        selectLinksToTarget = try SQLiteStatement(db, """
            SELECT notice_doi, type, label, updated_ms, source, 0 FROM update_edges WHERE target_doi = ?1
            UNION ALL
            SELECT notice_doi, type, label, updated_ms, source, 1 FROM update_claims WHERE target_doi = ?1
            """)
        selectEdgesOfNotice = try SQLiteStatement(db, "SELECT target_doi, type, label, updated_ms, source FROM update_edges WHERE notice_doi = ?")
        deleteEdgesOfNotice = try SQLiteStatement(db, "DELETE FROM update_edges WHERE notice_doi = ?")
        insertEdge = try SQLiteStatement(db, "INSERT INTO update_edges(notice_doi, target_doi, type, label, updated_ms, source) VALUES (?, ?, ?, ?, ?, ?)")
        deleteClaimsOfTarget = try SQLiteStatement(db, "DELETE FROM update_claims WHERE target_doi = ?")
        insertClaim = try SQLiteStatement(db, "INSERT INTO update_claims(target_doi, notice_doi, type, label, updated_ms, source) VALUES (?, ?, ?, ?, ?, ?)")
        insertOutbox = try SQLiteStatement(db, "INSERT INTO outbox(event_id, doi, payload, created_ms) VALUES (?, ?, ?, ?)")
        insertDeadLetter = try SQLiteStatement(db, """
            INSERT OR IGNORE INTO dead_letters(topic, "partition", "offset", record_index, doi, code, message, at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertFreshness = try SQLiteStatement(db, "INSERT INTO freshness(latency_ms, at_ms) VALUES (?, ?)")
        trimFreshness = try SQLiteStatement(db, "DELETE FROM freshness WHERE id <= (SELECT MAX(id) FROM freshness) - \(Self.freshnessKept)")
        addToCounter = try SQLiteStatement(db, """
            INSERT INTO counters(name, value) VALUES (?1, ?2)
            ON CONFLICT(name) DO UPDATE SET value = value + excluded.value
            """)
    }

    private static let textColumns = WorkSearchText.columns.joined(separator: ", ")

    private static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// Parameters: 1 doi, 2 json, 3 version, 4 content_hash, 5… `WorkColumns.names`.
    private static let insertWorkSQL: String = {
        let columns = ["doi", "json", "version", "content_hash"] + WorkColumns.names
        let values = (1...columns.count).map { "?\($0)" }
        return "INSERT INTO works(\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))"
    }()

    /// Parameters: 1 id, then as in `insertWorkSQL`.
    private static let updateWorkSQL: String = {
        let columns = ["json", "version", "content_hash"] + WorkColumns.names
        let assignments = columns.enumerated().map { "\($1) = ?\($0 + 2)" }
        return "UPDATE works SET \(assignments.joined(separator: ", ")) WHERE id = ?1"
    }()
}
