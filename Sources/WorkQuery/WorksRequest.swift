/// A validated `/works` request: what to search, filter, facet, sort and return.
public struct WorksRequest: Hashable, Sendable {
    public static let defaultRows = 20
    public static let maximumRows = 1000
    public static let maximumOffset = 10_000
    public static let maximumSample = 100

    /// Free-text searches that have at least one token; all must match.
    public var queries: [FieldQuery] = []
    public var filter: WorkFilter = .none
    public var facets: [FacetRequest] = []
    public var rows: Int = WorksRequest.defaultRows
    public var offset: Int = 0
    /// Random works instead of a sorted page (rows, offset and sort are then ignored).
    public var sample: Int?
    /// As requested; see `effectiveSort`.
    public var sort: SortField?
    public var order: SortOrder?
    public var cursor: CursorRequest?
    /// Top-level work keys to return; nil returns whole works.
    public var select: [String]?
    public var mailto: String?

    public init() {}

    /// The text of the general `query` (echoed as `search-terms`).
    public var searchTerms: String? {
        queries.first(where: { $0.field == .everything })?.text
    }

    /// The sort actually applied: relevance when there is a query and no sort, else the date of
    /// the last change (deposited); relevance without any query means the same default.
    public var effectiveSort: SortField {
        let requested = sort ?? (queries.isEmpty ? .updated : .relevance)
        if requested == .relevance && queries.isEmpty { return .updated }
        return requested
    }

    /// Descending unless asked otherwise (newest, most cited, most relevant first).
    public var effectiveOrder: SortOrder { order ?? .descending }

    /// Identifies the result sequence a cursor walks: searches, filters, scope, sort and order.
    /// Stable across processes (cursors outlive the server that issued them).
    public func cursorFingerprint(scope: WorksScope) -> UInt64 {
        var text = "sort=\(effectiveSort.rawValue);order=\(effectiveOrder.rawValue);"
        for query in queries { text += "q[\(query.field.rawValue)]=\(query.tokens.joined(separator: "\u{1F}"));" }
        text += "filter=\(filter.predicate.canonicalText);scope=\(scope.predicate.canonicalText)"
        return StableHash.fnv1a(text)
    }
}
