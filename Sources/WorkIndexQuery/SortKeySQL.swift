import WorkQuery

/// What a sort orders by, and how its value travels in a cursor.
///
/// A page orders by the key, then DOI, both in the requested direction, with the works that have
/// no value (no print date, …) after every other in either direction. The key is the bare column,
/// never an expression around it, so an index on (…, column, doi) delivers the works that have a
/// value in order; those without it are `column IS NULL` in the same index, in DOI order
/// (`OrderedPageWalk`).
struct SortKeySQL {
    /// `w.<column>`, or `hits.score` for relevance.
    let expression: String
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
        func column(_ name: String) -> String { "w.\(name)" }
        switch field {
        case .relevance:
            expression = "hits.score"; isReal = true; canBeMissing = false
            return
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
        canBeMissing = true
    }
}
