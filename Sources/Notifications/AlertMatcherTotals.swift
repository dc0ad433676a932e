/// What a matcher did since it started, and how quickly it recorded matches.
public struct AlertMatcherTotals: Sendable, Codable {
    public var changeEvents = 0
    public var skippedEvents = 0
    /// Change events the broker deleted before this matcher's group read them (never matched).
    public var deletedBeforeRead = 0
    public var evaluations = 0
    public var matches = 0
    public var notifications = 0
    /// Milliseconds from a matched change's `indexed` time to its match being recorded.
    public var matchLatencyMillis: [Int64] = []

    public init() {}

    public func percentile(_ p: Double) -> Int64? {
        guard !matchLatencyMillis.isEmpty else { return nil }
        let sorted = matchLatencyMillis.sorted()
        return sorted[min(sorted.count, max(1, Int((Double(sorted.count) * p).rounded(.up)))) - 1]
    }

    enum CodingKeys: String, CodingKey {
        case changeEvents = "change-events", skippedEvents = "skipped-events", deletedBeforeRead = "deleted-before-read"
        case evaluations, matches, notifications
        case matchLatencyMillis = "match-latency-ms"
    }
}
