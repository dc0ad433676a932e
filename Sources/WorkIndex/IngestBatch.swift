import WorkModel

/// Where a record came from: the Kafka coordinates of the message that carried it.
public struct SourceCoordinates: Sendable, Hashable, Codable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var depositID: String?

    public init(topic: String, partition: Int32, offset: Int64, depositID: String? = nil) {
        self.topic = topic; self.partition = partition; self.offset = offset; self.depositID = depositID
    }

    enum CodingKeys: String, CodingKey { case topic, partition, offset, depositID = "deposit-id" }
}

/// One parsed record on its way into the index.
public struct IncomingWork: Sendable {
    public var work: Work
    /// The deposit version (epoch ms, `DepositTimestamp`): the index keeps the newest.
    public var version: Int64
    /// nil: a full record that replaces the stored one. Non-nil: a partial deposit (e.g. a
    /// resource-only or license-only deposit) that replaces only these top-level JSON keys of the
    /// stored work (`["license"]`, `["link"]`, `["funder"]`, `["update-to", "update-policy"]` …).
    public var partialFields: Set<String>?
    public var source: SourceCoordinates
    /// The `deposited-at` header (epoch ms), the clock freshness is measured from.
    public var depositedAtMs: Int64?
    /// The record's position inside its message, for a dead letter the index itself records.
    public var recordIndex: Int

    public init(work: Work, version: Int64, partialFields: Set<String>? = nil, source: SourceCoordinates,
                depositedAtMs: Int64? = nil, recordIndex: Int = 0) {
        self.work = work; self.version = version; self.partialFields = partialFields
        self.source = source; self.depositedAtMs = depositedAtMs; self.recordIndex = recordIndex
    }
}

/// A record the pipeline could not turn into a work; the DLQ message goes to Kafka, this row is the
/// index's own ledger of it (status, reconciliation).
public struct DeadLetterRecord: Sendable, Hashable {
    public var source: SourceCoordinates
    /// The record's position inside its message (a batch deposit holds many records).
    public var recordIndex: Int
    public var doi: String?
    public var code: String
    public var message: String

    public init(source: SourceCoordinates, recordIndex: Int, doi: String?, code: String, message: String) {
        self.source = source; self.recordIndex = recordIndex; self.doi = doi; self.code = code; self.message = message
    }
}

/// Everything one poll of the consumer produced, written in ONE index transaction.
public struct IngestBatch: Sendable {
    /// Applied in order: a later record of the same DOI sees the earlier one.
    public var works: [IncomingWork]
    public var deadLetters: [DeadLetterRecord]
    /// Replay mode: rewrite and bump every record, even an unchanged one (older versions still lose).
    public var reindex: Bool
    /// The index clock for this batch: `indexed`, first-seen `created`, freshness.
    public var nowMs: Int64
    /// Records the deposit of each message announced (`deposit-records` header), by the message's
    /// coordinates (with its `deposit-id`): the deposit's report is complete once that many of its
    /// records were counted.
    public var depositRecords: [SourceCoordinates: Int]
    /// Messages the broker deleted before this batch's poll could read them: never indexed,
    /// recorded (each range once) so `status` says so.
    public var deletedBeforeRead: [DeletedUnread]

    public init(works: [IncomingWork], deadLetters: [DeadLetterRecord] = [], reindex: Bool = false, nowMs: Int64,
                depositRecords: [SourceCoordinates: Int] = [:], deletedBeforeRead: [DeletedUnread] = []) {
        self.works = works; self.deadLetters = deadLetters; self.reindex = reindex; self.nowMs = nowMs
        self.depositRecords = depositRecords; self.deletedBeforeRead = deletedBeforeRead
    }
}
