/// What `/works` results can be sorted by (`sort=`), and the direction (`order=`).
public enum SortField: String, CaseIterable, Hashable, Sendable {
    /// `score` or `relevance`: FTS rank; only meaningful with a query.
    case relevance
    /// Currently the same as `deposited` (as in the brief).
    case updated
    case deposited
    case indexed
    case created
    /// The earliest publication date (`published` = `issued` in this index).
    case published
    case publishedPrint = "published-print"
    case publishedOnline = "published-online"
    case issued
    case isReferencedByCount = "is-referenced-by-count"
    case referencesCount = "references-count"

    /// Accepts every name of the brief (`score` is `relevance`).
    public static func named(_ text: String) -> SortField? {
        let lower = text.lowercased()
        return lower == "score" ? .relevance : SortField(rawValue: lower)
    }
}

public enum SortOrder: String, Hashable, Sendable {
    case ascending = "asc"
    case descending = "desc"
}
