import Foundation
import GRDB
import WorkModel

/// Refills `work_search_text` and `works_fts` from the stored JSON of every work, for a
/// migration that changes the search columns.
enum SearchTextRebuild {
    static func run(_ db: Database) throws {
        let columns = WorkSearchText.columns.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: WorkSearchText.columns.count + 1).joined(separator: ", ")
        let insertText = try SQLiteStatement(db, "INSERT INTO work_search_text(id, \(columns)) VALUES (\(placeholders))")
        let insertFTS = try SQLiteStatement(db, "INSERT INTO works_fts(rowid, \(columns)) VALUES (\(placeholders))")
        let decoder = JSONDecoder()
        let works = try Row.fetchCursor(db, sql: "SELECT id, doi, json FROM works ORDER BY id")
        while let row = try works.next() {
            let id: Int64 = row[0]
            let work: Work
            do {
                work = try decoder.decode(Work.self, from: row[2] as Data)
            } catch {
                throw WorkIndexError.storedJSONUnreadable(doi: row[1], reason: String(describing: error))
            }
            try insert(WorkSearchText.make(work).values, rowid: id, with: [insertText, insertFTS])
        }
    }

    /// Runs each statement with `rowid` then the column values (the writer's inserts, too).
    static func insert(_ values: [String], rowid: Int64, with statements: [SQLiteStatement]) throws {
        for statement in statements {
            statement.bind(1, rowid)
            for (offset, value) in values.enumerated() { statement.bind(Int32(offset + 2), value) }
            try statement.execute()
        }
    }
}
