/// The read side of the index, as the HTTP layer sees it. The SQLite engine implements it today;
/// a shared server backend (PostgreSQL) can implement it later without touching the routes.
public protocol WorkIndexReading: Sendable {
    /// One page of works matching the request within the scope, with total, facets and cursor.
    /// Throws `RequestValidationError` for a request only the index can judge (a cursor from
    /// another query).
    func search(_ request: WorksRequest, scope: WorksScope) async throws -> WorkListPage
    /// The stored JSON of a work, by DOI in any case or form; nil when it is not indexed.
    func work(doi: String) async throws -> [UInt8]?
    /// License URLs with the number of works carrying each, most used first.
    func licenses(rows: Int, offset: Int) async throws -> LicenseList
}

/// A page of works and what the client needs around it.
public struct WorkListPage: Sendable {
    public var totalResults: Int
    /// Each work's JSON, with `select` applied.
    public var items: [[UInt8]]
    public var facets: [FacetCounts]
    /// Set when the request carried a cursor.
    public var nextCursor: String?

    public init(totalResults: Int, items: [[UInt8]], facets: [FacetCounts], nextCursor: String?) {
        self.totalResults = totalResults
        self.items = items
        self.facets = facets
        self.nextCursor = nextCursor
    }
}

/// The counts of one facet: values, most frequent first.
public struct FacetCounts: Hashable, Sendable {
    public struct ValueCount: Hashable, Sendable {
        public var value: String
        public var count: Int
        public init(value: String, count: Int) { self.value = value; self.count = count }
    }

    public var name: FacetName
    public var values: [ValueCount]

    public init(name: FacetName, values: [ValueCount]) {
        self.name = name
        self.values = values
    }
}

/// `/licenses`: every license URL with its work count.
public struct LicenseList: Hashable, Sendable {
    public var totalResults: Int
    public var items: [FacetCounts.ValueCount]

    public init(totalResults: Int, items: [FacetCounts.ValueCount]) {
        self.totalResults = totalResults
        self.items = items
    }
}
