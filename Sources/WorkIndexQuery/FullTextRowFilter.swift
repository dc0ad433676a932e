import GRDB
import WorkQuery

extension SQLiteWorkIndexReader {
    /// Which of these works (`works.id`, the FTS rowid) the free-text searches of a request match,
    /// with the very MATCH expression `/works` runs, so a saved query's `query`/`query.title`
    /// matches a changed work exactly when `/works` would find it. Searches without a token match
    /// everything (as `/works` ignores them).
    public func rowIDs(_ candidates: [Int64], matching queries: [FieldQuery]) async throws -> Set<Int64> {
        guard !candidates.isEmpty else { return [] }
        guard let match = FullTextMatchExpression.expression(for: queries) else { return Set(candidates) }
        let unique = Array(Set(candidates))
        return try await read { db in
            var found: Set<Int64> = []
            // SQLite's default bound-parameter limit is 32,766; stay well below it.
            for start in stride(from: 0, to: unique.count, by: 500) {
                let chunk = unique[start..<min(start + 500, unique.count)]
                let ids = SQLFragment.placeholders(Array(chunk))
                let sql = SQLFragment("SELECT rowid FROM \(IndexSchema.fullText) WHERE \(IndexSchema.fullText) MATCH ? AND rowid IN (",
                                      [match.databaseValue]) + ids + SQLFragment(")")
                found.formUnion(try Int64.fetchAll(db, sql: sql.text, arguments: sql.statementArguments))
            }
            return found
        }
    }
}
