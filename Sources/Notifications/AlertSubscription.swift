import Foundation
import WorkIndex
import WorkQuery

/// A saved query of a Metadata Plus alert: `/works` filters and free-text searches, which change
/// kinds should notify, and how long matches are collected into one notification. The value of
/// the compacted `alert-subscriptions` topic (key = `id`); see
/// `Topics/schemas/alert-subscription.schema.json`.
public struct AlertSubscription: Sendable, Hashable, Codable {
    public static let defaultWindowMillis: Int64 = 60_000
    /// Every kind by default, so a retraction (`updated-by`) reaches subscribers of the retracted work.
    public static let defaultKinds: [ChangeEvent.Kind] = [.created, .updated, .updatedBy]

    public var id: String
    public var owner: String?
    public var name: String?
    /// Filter name → values, as `/works` takes them (normalized); AND across names, OR within one.
    public var filters: [String: [String]]
    /// The `query` parameter.
    public var query: String?
    /// `query.<field>` searches without the `query.` prefix (`title` → `query.title`).
    public var fieldQueries: [String: String]?
    public var kinds: [ChangeEvent.Kind]?
    public var windowSeconds: Int?
    /// Sub-second windows, for tests and benchmarks; wins over `windowSeconds`.
    public var windowMillis: Int?
    /// When the subscription was saved (ISO 8601). Only changes indexed from then on notify.
    public var created: String?

    public init(id: String, owner: String? = nil, name: String? = nil, filters: [String: [String]] = [:],
                query: String? = nil, fieldQueries: [String: String]? = nil, kinds: [ChangeEvent.Kind]? = nil,
                windowSeconds: Int? = nil, windowMillis: Int? = nil, created: String? = nil) {
        self.id = id; self.owner = owner; self.name = name; self.filters = filters; self.query = query
        self.fieldQueries = fieldQueries; self.kinds = kinds; self.windowSeconds = windowSeconds
        self.windowMillis = windowMillis; self.created = created
    }

    enum CodingKeys: String, CodingKey {
        case id, owner, name, filters, query, kinds, created
        case fieldQueries = "field-queries"
        case windowSeconds = "window-seconds"
        case windowMillis = "window-ms"
    }

    public var effectiveKinds: [ChangeEvent.Kind] { kinds ?? Self.defaultKinds }

    public var windowMillisEffective: Int64 {
        if let windowMillis { return Int64(windowMillis) }
        return windowSeconds.map { Int64($0) * 1000 } ?? Self.defaultWindowMillis
    }

    /// The `/works` parameters this subscription stands for.
    public var worksParameters: [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        let clauses = filters.keys.sorted().flatMap { name in (filters[name] ?? []).map { "\(name):\($0)" } }
        if !clauses.isEmpty { pairs.append(("filter", clauses.joined(separator: ","))) }
        if let query { pairs.append(("query", query)) }
        for field in (fieldQueries ?? [:]).keys.sorted() {
            pairs.append(("query.\(field)", fieldQueries?[field] ?? ""))
        }
        return pairs
    }

    /// The request `/works` would run for these parameters, validated by the same parser.
    public func worksRequest() throws(RequestValidationError) -> WorksRequest {
        try WorksRequestParser.parse(worksParameters)
    }

    /// The topic value: one line of JSON, keys sorted.
    public var jsonBytes: [UInt8] { TopicJSON.encode(self) }

    public static func decode(_ bytes: [UInt8]) throws -> AlertSubscription {
        try TopicJSON.decode(AlertSubscription.self, bytes)
    }
}
