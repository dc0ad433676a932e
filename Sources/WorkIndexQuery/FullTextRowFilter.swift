import GRDB
import WorkQuery

extension SQLiteWorkIndexReader {
    /// For each set of free-text searches, which of its candidate works (`works.id`, the FTS
    /// rowid) it matches, with the very MATCH expression `/works` runs, so a saved query's
    /// `query`/`query.title` matches a changed work exactly when `/works` would find it. Searches
    /// without a token match everything (as `/works` ignores them).
    ///
    /// The expressions run on a scratch FTS5 table holding only the candidates' texts (as
    /// `work_search_text` keeps them for `works_fts`), not on `works_fts`: FTS5 turns
    /// `rowid IN (…)` into one index lookup per row (~20 µs each, measured), so forty saved
    /// searches over a poll of 50 changed works cost ~45 ms on the index and ~3 ms here.
    public func rowIDs(matching searches: [[FieldQuery]: [Int64]]) async throws -> [[FieldQuery]: Set<Int64>] {
        var found: [[FieldQuery]: Set<Int64>] = [:]
        var expressions: [(queries: [FieldQuery], expression: String, candidates: [Int64])] = []
        for (queries, candidates) in searches where !candidates.isEmpty {
            if let expression = FullTextMatchExpression.expression(for: queries) {
                expressions.append((queries, expression, candidates))
            } else {
                found[queries] = Set(candidates)
            }
        }
        guard !expressions.isEmpty else { return found }
        // Only the columns the expressions read are copied (a title search needs ~100 bytes of a
        // work's ~2 KB of text); all of them when one reads every column.
        var named: Set<String>? = []
        for (queries, _, _) in expressions {
            guard let columns = FullTextMatchExpression.columns(for: queries) else { named = nil; break }
            named?.formUnion(columns)
        }
        let rowIDs = Array(Set(expressions.flatMap(\.candidates)))
        return try await read { [found, expressions, named] db in
            let columns = try named?.sorted()
                ?? String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [IndexSchema.fullText])
            let selected = SQLFragment(columns.joined(separator: ", "))
            let scratch = try ScratchFullTextIndex(columns: columns,
                                                   tokenizer: try ScratchFullTextIndex.tokenizer(ofTable: IndexSchema.fullText, in: db))
            // SQLite's default bound-parameter limit is 32,766; stay well below it.
            for start in stride(from: 0, to: rowIDs.count, by: 500) {
                let chunk = Array(rowIDs[start..<min(start + 500, rowIDs.count)])
                let sql = SQLFragment("SELECT id, ") + selected + SQLFragment(" FROM \(IndexSchema.searchText) WHERE id IN (")
                    + SQLFragment.placeholders(chunk) + SQLFragment(")")
                let rows = try Row.fetchAll(db, sql: sql.text, arguments: sql.statementArguments).map { row in
                    (rowID: row[0] as Int64, texts: (1...columns.count).map { row[$0] as String? })
                }
                try scratch.insert(rows, columns: columns)
            }
            var matched = found
            for (queries, expression, candidates) in expressions {
                matched[queries] = try scratch.rowIDs(matching: expression).intersection(candidates)
            }
            return matched
        }
    }
}
