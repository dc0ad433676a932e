/// The index's health at a glance (`deposit-indexer status`). Codable for `--json`.
public struct IndexStatus: Sendable, Hashable, Codable {
    public struct ReasonCount: Sendable, Hashable, Codable {
        public var code: String
        public var count: Int
        public init(code: String, count: Int) { self.code = code; self.count = count }
    }

    public struct DeadLetterSummary: Sendable, Hashable, Codable {
        public var total: Int
        /// The most frequent codes, most frequent first.
        public var topReasons: [ReasonCount]
        public init(total: Int, topReasons: [ReasonCount]) { self.total = total; self.topReasons = topReasons }
        enum CodingKeys: String, CodingKey { case total, topReasons = "top-reasons" }
    }

    public struct ChangeEventCounts: Sendable, Hashable, Codable {
        /// Events written to the outbox since the index was created.
        public var written: Int
        /// Outbox rows deleted after delivery.
        public var published: Int
        public init(written: Int, published: Int) { self.written = written; self.published = published }
    }

    /// `deposited-at` header → indexed, over the newest (at most 100k) changes.
    public struct Freshness: Sendable, Hashable, Codable {
        public var samples: Int
        public var p50Ms: Int64
        public var p95Ms: Int64
        public var p99Ms: Int64
        public init(samples: Int, p50Ms: Int64, p95Ms: Int64, p99Ms: Int64) {
            self.samples = samples; self.p50Ms = p50Ms; self.p95Ms = p95Ms; self.p99Ms = p99Ms
        }
        enum CodingKeys: String, CodingKey { case samples, p50Ms = "p50-ms", p95Ms = "p95-ms", p99Ms = "p99-ms" }
    }

    public var works: Int
    public var deadLetters: DeadLetterSummary
    public var outboxDepth: Int
    public var stale: Int
    public var duplicates: Int
    public var changeEvents: ChangeEventCounts
    /// nil until a change carried a `deposited-at` header.
    public var freshness: Freshness?
    /// Deposit messages the broker deleted before a worker read them: never indexed.
    public var deletedBeforeRead: Int
    /// The latest ranges of those (at most 5, newest first), for people; not in the JSON.
    public var latestDeletedUnread: [DeletedUnread] = []

    public init(works: Int, deadLetters: DeadLetterSummary, outboxDepth: Int, stale: Int, duplicates: Int,
                changeEvents: ChangeEventCounts, freshness: Freshness?, deletedBeforeRead: Int = 0) {
        self.works = works; self.deadLetters = deadLetters; self.outboxDepth = outboxDepth; self.stale = stale
        self.duplicates = duplicates; self.changeEvents = changeEvents; self.freshness = freshness
        self.deletedBeforeRead = deletedBeforeRead
    }

    enum CodingKeys: String, CodingKey {
        case works, stale, duplicates, freshness
        case deadLetters = "dead-letters"
        case outboxDepth = "outbox-depth"
        case changeEvents = "change-events"
        case deletedBeforeRead = "deleted-before-read"
    }
}
