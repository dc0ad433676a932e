import WorkModel

/// The `works` columns filters and sorts read, derived from the work (everything but the JSON,
/// hash, version and bookkeeping).
struct WorkColumns {
    /// Column names in binding order, after (doi|id, json, version, content_hash).
    static let names = [
        "type", "member", "prefix", "publisher", "created_ms", "deposited_ms", "indexed_ms",
        "issued_start", "issued_end", "print_start", "print_end", "online_start", "online_end",
        "posted_start", "posted_end", "accepted_start", "accepted_end",
        "published_year", "is_referenced_by_count", "references_count", "deposited_at_ms", "change_count",
    ]

    var type: String
    var member: String?
    var prefix: String?
    var publisher: String?
    var createdMs: Int64?
    var depositedMs: Int64?
    var indexedMs: Int64?
    /// Start/end days of issued, print, online, posted, accepted, in that order.
    var dayRanges: [Int?]
    var publishedYear: Int?
    var isReferencedByCount: Int
    var referencesCount: Int
    var depositedAtMs: Int64?
    var changeCount: Int64

    init(_ work: Work, depositedAtMs: Int64?, changeCount: Int64) {
        type = work.type
        member = work.member.flatMap(Identifiers.member)
        prefix = work.prefix ?? Identifiers.prefix(ofDOI: work.DOI)
        publisher = work.publisher
        createdMs = work.created?.timestamp
        depositedMs = work.deposited?.timestamp
        indexedMs = work.indexed?.timestamp
        var ranges: [Int?] = []
        for date in [work.issued, work.publishedPrint, work.publishedOnline, work.posted, work.accepted] {
            ranges.append(date?.startDay)
            ranges.append(date?.endDay)
        }
        dayRanges = ranges
        publishedYear = (work.published ?? work.issued).year
        isReferencedByCount = work.isReferencedByCount
        referencesCount = work.referencesCount ?? work.referenceCount ?? work.reference?.count ?? 0
        self.depositedAtMs = depositedAtMs
        self.changeCount = changeCount
    }

    /// Binds `names` to parameters 5…26.
    func bind(to statement: SQLiteStatement) {
        statement.bind(5, type)
        statement.bind(6, member)
        statement.bind(7, prefix)
        statement.bind(8, publisher)
        statement.bind(9, createdMs)
        statement.bind(10, depositedMs)
        statement.bind(11, indexedMs)
        for (offset, day) in dayRanges.enumerated() { statement.bind(Int32(12 + offset), day) }
        statement.bind(22, publishedYear)
        statement.bind(23, isReferencedByCount)
        statement.bind(24, referencesCount)
        statement.bind(25, depositedAtMs)
        statement.bind(26, changeCount)
    }
}
