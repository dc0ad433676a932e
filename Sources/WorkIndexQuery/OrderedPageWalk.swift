import GRDB
import WorkQuery

/// One work of a page before its JSON is read: its row, and its place in the order.
struct PageRow {
    let id: Int64
    let doi: String
    /// Nil for a sampled work: a random page has no order to resume.
    let key: CursorToken.SortKey?
}

/// The works of one sorted page (key, then DOI, missing keys last), read in index order.
///
/// SQLite sorts NULL before every value, so no single `ORDER BY` puts missing keys last in both
/// directions; wrapping the key in `COALESCE(key, sentinel)` did, but an expression cannot walk an
/// index on the column, so every page sorted all the matches. The walk reads the order in two
/// parts instead, each a plain range of an index on (…, key, doi) read forwards or backwards
/// where there is one (the default order; other sorts sort each part, see `SortKeySQL`):
/// first the works that have a key (`key IS NOT NULL`, ordered by key and DOI), then, when the
/// page is not full, those that have none (`key IS NULL`, ordered by DOI). A cursor resumes in
/// the part its last work came from: `(key, doi) < (last key, last DOI)` then every keyless
/// work, or `key IS NULL AND doi < last DOI`.
struct OrderedPageWalk {
    /// ` FROM … WHERE …`: the matching works.
    let matches: SQLFragment
    let sortKey: SortKeySQL
    let rows: Int
    let offset: Int
    /// Where the previous page of a cursor walk stopped.
    let after: CursorToken?

    func rows(_ db: Database) throws -> [PageRow] {
        guard rows > 0 else { return [] }
        let order = PageDirection(descending: sortKey.descending)
        let (direction, beyond) = (order.order, order.beyond)
        let key = sortKey.expression

        var resumesAmongKeyless = false
        var keyed = matches
        if sortKey.canBeMissing { keyed.text += " AND \(key) IS NOT NULL" }
        if let after {
            switch after.lastKey {
            case .integer(let last) where sortKey.canBeMissing && SortKeySQL.isMissingKey(last):
                resumesAmongKeyless = true
            case .integer(let last):
                keyed += SQLFragment(" AND (\(key), w.doi) \(beyond) (?, ?)", [last.databaseValue, after.lastDOI.databaseValue])
            case .real(let last):
                keyed += SQLFragment(" AND (\(key), w.doi) \(beyond) (?, ?)", [last.databaseValue, after.lastDOI.databaseValue])
            }
        }

        var page: [PageRow] = []
        var skip = offset
        if !resumesAmongKeyless {
            let sql = SQLFragment("SELECT w.id, w.doi, \(key)") + keyed
                + SQLFragment(" ORDER BY \(sortKey.orderTerm) \(direction), \(sortKey.doiOrderTerm) \(direction) LIMIT ? OFFSET ?", [rows.databaseValue, skip.databaseValue])
            let cursor = try Row.fetchCursor(db, sql: sql.text, arguments: sql.statementArguments)
            while let row = try cursor.next() {
                page.append(PageRow(id: row[0], doi: row[1], key: sortKey.isReal ? .real(row[2]) : .integer(row[2])))
            }
            guard sortKey.canBeMissing, page.count < rows else { return page }
            // An offset past every keyed work goes on into the keyless ones.
            if page.isEmpty && skip > 0 {
                let count = SQLFragment("SELECT COUNT(*)") + keyed
                skip = max(0, skip - (try Int.fetchOne(db, sql: count.text, arguments: count.statementArguments) ?? 0))
            } else {
                skip = 0
            }
        }

        var keyless = matches
        keyless.text += " AND \(key) IS NULL"
        if resumesAmongKeyless, let after {
            keyless += SQLFragment(" AND w.doi \(beyond) ?", [after.lastDOI.databaseValue])
        }
        let sql = SQLFragment("SELECT w.id, w.doi") + keyless
            + SQLFragment(" ORDER BY \(sortKey.doiOrderTerm) \(direction) LIMIT ? OFFSET ?", [(rows - page.count).databaseValue, skip.databaseValue])
        let cursor = try Row.fetchCursor(db, sql: sql.text, arguments: sql.statementArguments)
        while let row = try cursor.next() {
            page.append(PageRow(id: row[0], doi: row[1], key: .integer(sortKey.missingKey)))
        }
        return page
    }
}
