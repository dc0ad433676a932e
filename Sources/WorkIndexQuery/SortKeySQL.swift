import WorkQuery

/// What a sort orders by, and how its value travels in a cursor.
///
/// A page orders by the key, then DOI, both in the requested direction, with the works that have
/// no value (no print date, …) after every other in either direction (`OrderedPageWalk`).
struct SortKeySQL {
    /// `w.<column>`, or `hits.score` for relevance: what a page selects and a cursor compares.
    let expression: String
    /// Whether an index walks this order (`IndexSchema.walkedSortColumns`): the works with a
    /// value come in order, and those without are `column IS NULL` in the same index, in DOI
    /// order. Other orders name `+column` and `+w.doi`, which SQLite matches to no index, so the
    /// matches are sorted: walking a narrow index instead (the column's own, or the DOI's) would
    /// read each work's row to check the other filters, every row when they match nothing.
    let walksAnIndex: Bool
    /// What `ORDER BY` names for the key, then for the DOI.
    var orderTerm: String { walksAnIndex ? expression : "+" + expression }
    var doiOrderTerm: String { walksAnIndex ? "w.doi" : "+w.doi" }
    /// A relevance score (a real); the columns hold integers.
    let isReal: Bool
    /// Whether some works have no value (relevance: every match has a score).
    let canBeMissing: Bool
    let descending: Bool

    /// The cursor key of a work without a value: far outside any day number or epoch millisecond,
    /// inside Int64, beyond every real value in the requested direction (the tokens of earlier
    /// releases sorted on it, so they still resume where they stopped).
    var missingKey: Int64 { descending ? Self.lowSentinel : Self.highSentinel }

    static let lowSentinel: Int64 = -4_000_000_000_000_000_000
    static let highSentinel: Int64 = 4_000_000_000_000_000_000

    /// Whether a cursor's key says the walk stopped among the works without a value.
    static func isMissingKey(_ key: Int64) -> Bool { key == lowSentinel || key == highSentinel }

    init(field: SortField, order: SortOrder) {
        descending = order == .descending
        let column: String
        switch field {
        case .relevance:
            expression = "hits.score"; isReal = true; canBeMissing = false; walksAnIndex = false
            return
        case .updated, .deposited: column = "deposited_ms"
        case .indexed: column = "indexed_ms"
        case .created: column = "created_ms"
        case .published, .issued: column = "issued_start"
        case .publishedPrint: column = "print_start"
        case .publishedOnline: column = "online_start"
        case .isReferencedByCount: column = "is_referenced_by_count"
        case .referencesCount: column = "references_count"
        }
        expression = "w.\(column)"
        walksAnIndex = IndexSchema.walkedSortColumns.contains(column)
        isReal = false
        canBeMissing = true
    }
}
