import WorkQuery

/// The SQL expression a sort orders by, and how its value travels in a cursor.
///
/// Missing values (a work with no print date) are replaced by a sentinel that sorts after every
/// real value in the requested direction, so the key is never NULL: keyset paging with a plain
/// row-value comparison `(key, doi) < (?, ?)` then walks every work exactly once.
struct SortKeySQL {
    let expression: String
    let isReal: Bool

    /// Far outside any day number or epoch millisecond, inside Int64.
    static let lowSentinel: Int64 = -4_000_000_000_000_000_000
    static let highSentinel: Int64 = 4_000_000_000_000_000_000

    init(field: SortField, order: SortOrder) {
        let sentinel = order == .descending ? Self.lowSentinel : Self.highSentinel
        func column(_ name: String) -> String { "COALESCE(w.\(name), \(sentinel))" }
        switch field {
        case .relevance: expression = "hits.score"; isReal = true; return
        case .updated, .deposited: expression = column("deposited_ms")
        case .indexed: expression = column("indexed_ms")
        case .created: expression = column("created_ms")
        case .published, .issued: expression = column("issued_start")
        case .publishedPrint: expression = column("print_start")
        case .publishedOnline: expression = column("online_start")
        case .isReferencedByCount: expression = column("is_referenced_by_count")
        case .referencesCount: expression = column("references_count")
        }
        isReal = false
    }
}
