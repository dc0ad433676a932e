import WorkQuery

/// Builds the FTS5 `MATCH` text for the free-text searches of a request.
///
/// Every user token becomes an FTS5 string (`"covid-19"`, inner `"` doubled), so no user text is
/// ever read as FTS syntax (`AND`, `NEAR`, `*`, `:`, `^`, parentheses). Tokens of one search are
/// ORed (any may match, bm25 ranks works matching more of them higher); searches are ANDed, each
/// restricted to its columns: `(author : ("richard" OR "feynman")) AND ({author editor chair translator} : ("room"))`;
/// `query` runs against every column.
enum FullTextMatchExpression {
    static func expression(for queries: [FieldQuery]) -> String? {
        let clauses = queries.compactMap { query -> String? in
            guard !query.tokens.isEmpty else { return nil }
            let anyToken = "(" + query.tokens.map(quoted).joined(separator: " OR ") + ")"
            guard let columns = IndexSchema.fullTextColumns(query.field) else { return "(" + anyToken + ")" }
            let filter = columns.count == 1 ? columns[0] : "{" + columns.joined(separator: " ") + "}"
            return "(\(filter) : \(anyToken))"
        }
        return clauses.isEmpty ? nil : clauses.joined(separator: " AND ")
    }

    /// The `works_fts` columns `expression(for:)` restricts these searches to; nil when one of
    /// them reads every column. (What the alert matcher copies into its scratch table: keep it in
    /// step with the expression.)
    static func columns(for queries: [FieldQuery]) -> Set<String>? {
        var columns = Set<String>()
        for query in queries where !query.tokens.isEmpty {
            guard let named = IndexSchema.fullTextColumns(query.field) else { return nil }
            columns.formUnion(named)
        }
        return columns
    }

    static func quoted(_ token: String) -> String {
        "\"" + token.replacing("\"", with: "\"\"") + "\""
    }
}
