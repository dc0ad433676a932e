import GRDB
import WorkQuery

/// A relevance page of a search without filters, reading the `works` table only for the works
/// at the page, not for every match.
///
/// The order is score, then DOI, and the DOI is in `works`: ordering every match looked up one
/// table row per match (~6,000 for a four-word bibliographic search, a third of its time). Only
/// ties need the DOI, so the matches are scored once in the full-text index (materialized), the
/// cutoff is read from the scores alone (the score of the work the page reaches, offset + rows
/// deep), and only the works scoring at the cutoff or better are joined and ordered. Every work
/// tied at the cutoff is kept, so the DOI order among ties is exact. A cursor page takes its
/// cutoff among the works scoring strictly beyond the last key: those tied with the last key are
/// all kept, and the row-value comparison picks the ones after its DOI.
struct BestMatchesPage {
    /// The FTS5 `MATCH` text.
    let match: DatabaseValue
    let descending: Bool
    let rows: Int
    let offset: Int
    /// Where the previous page of a cursor walk stopped.
    let after: CursorToken?

    func rows(_ db: Database) throws -> [PageRow] {
        guard rows > 0 else { return [] }
        let order = PageDirection(descending: descending)
        let (direction, beyond, notBefore) = (order.order, order.beyond, order.notBefore)

        var cutoff = SQLFragment("SELECT score FROM hits")
        var resume = SQLFragment("")
        if let after, case .real(let last) = after.lastKey {
            cutoff += SQLFragment(" WHERE score \(beyond) ?", [last.databaseValue])
            // The score test first: works of earlier pages are left out before the join.
            resume = SQLFragment(" AND hits.score \(beyond)= ? AND (hits.score, w.doi) \(beyond) (?, ?)",
                                 [last.databaseValue, last.databaseValue, after.lastDOI.databaseValue])
        }
        cutoff += SQLFragment(" ORDER BY score \(direction) LIMIT 1 OFFSET ?", [(offset + rows - 1).databaseValue])

        // bm25 is lower for better matches; its negation makes "descending" mean best first.
        let sql = SQLFragment("""
            WITH hits AS MATERIALIZED (SELECT rowid AS id, -bm25(\(IndexSchema.fullText)) AS score \
            FROM \(IndexSchema.fullText) WHERE \(IndexSchema.fullText) MATCH ?) \
            SELECT w.id, w.doi, hits.score FROM hits JOIN \(IndexSchema.works) w ON w.id = hits.id \
            WHERE hits.score \(notBefore) IFNULL((
            """, [match])
            + cutoff + SQLFragment("), hits.score)") + resume
            + SQLFragment(" ORDER BY hits.score \(direction), w.doi \(direction) LIMIT ? OFFSET ?", [rows.databaseValue, offset.databaseValue])
        return try Row.fetchAll(db, sql: sql.text, arguments: sql.statementArguments).map {
            PageRow(id: $0[0], doi: $0[1], key: .real($0[2]))
        }
    }
}
