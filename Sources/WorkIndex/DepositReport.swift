import WorkModel

/// What became of one deposit (a member submission): how many of its records were indexed, stale,
/// duplicates or dead-lettered. Published to `deposit-reports` (key = deposit id) once every record
/// the publisher announced (`deposit-records` header) was processed.
public struct DepositReport: Sendable, Hashable {
    public enum Outcome: String, Sendable, CaseIterable {
        /// Created or updated in the index.
        case indexed
        /// Older than the version already indexed: skipped.
        case stale
        /// Same version and content as indexed: nothing to change.
        case duplicate
        /// Could not be read or refused by the index; the record is in `deposits.dlq`.
        case deadLettered = "dead-lettered"
    }

    public var depositID: String
    /// 1 for the first time this deposit id was processed to completion; a deposit id sent again
    /// after its report was published starts submission 2, and so on.
    public var submission: Int
    public var member: String?
    /// Records announced by the publisher; nil when the deposit carried no `deposit-records` header.
    public var expected: Int?
    public var counts: [Outcome: Int]
    public var firstProcessedMs: Int64
    public var lastProcessedMs: Int64
    /// Set once the counted records reached `expected` (the report was published then).
    public var completedMs: Int64?

    public init(depositID: String, submission: Int, member: String?, expected: Int?, counts: [Outcome: Int],
                firstProcessedMs: Int64, lastProcessedMs: Int64, completedMs: Int64?) {
        self.depositID = depositID; self.submission = submission; self.member = member; self.expected = expected
        self.counts = counts; self.firstProcessedMs = firstProcessedMs; self.lastProcessedMs = lastProcessedMs
        self.completedMs = completedMs
    }

    public var processed: Int { counts.values.reduce(0, +) }
    public var isComplete: Bool { completedMs != nil }

    /// The outbox event id: one report per deposit submission.
    var eventID: String { "deposit-report:\(depositID)#\(submission)" }

    /// The `deposit-reports` value (Topics/schemas/deposit-report.schema.json).
    public var jsonBytes: [UInt8] {
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.key("deposit-id"); w.string(depositID)
        w.key("submission"); w.int(submission)
        w.key("member"); if let member { w.string(member) } else { w.null() }
        w.key("records"); if let expected { w.int(expected) } else { w.null() }
        w.key("processed"); w.int(processed)
        for outcome in Outcome.allCases { w.key(outcome.rawValue); w.int(counts[outcome] ?? 0) }
        w.key("first-processed"); w.string(DateObject(epochMillis: firstProcessedMs).dateTime)
        w.key("last-processed"); w.string(DateObject(epochMillis: lastProcessedMs).dateTime)
        w.key("complete"); w.bool(isComplete)
        w.endObject()
        return w.bytes
    }
}
