import Foundation
import GRDB

/// Counts each record's outcome against its deposit inside the batch's transaction, and writes a
/// deposit's report to the outbox once its records are all counted. A record is counted once per
/// source coordinates (topic, partition, offset, record index): a redelivery after a crash, or a
/// replay of the topic, counts nothing twice.
///
/// Those per-record rows are forgotten once Kafka can no longer deliver their message again
/// (`recordRetentionMs`): without that the ledger grew by a row for every record ever consumed.
struct DepositLedger {
    /// How long a record's row is kept: the deposits topic's retention (Topics/deposits.json). A
    /// message older than that is gone from the topic, so it cannot come again; on a cluster that
    /// keeps deposits longer, a consumer group reset to older offsets would count those deposits
    /// again as new submissions (their works are untouched: the version guard sees duplicates).
    static let recordRetentionMs: Int64 = 7 * 24 * 3_600_000
    /// At most this many old rows (or twice the batch's own new rows, if more) are forgotten per
    /// batch: a first prune of a long-lived ledger does not stall one batch, and pruning still
    /// outpaces what batches add.
    static let recordsForgottenPerBatch = 4_000

    private let db: Database
    private let nowMs: Int64
    /// `deposit-records` of the batch's messages, by message coordinates (with the deposit id).
    private let expected: [SourceCoordinates: Int]
    /// The reports this batch touched, loaded on first touch and written back by `finish`.
    private var touched: [String: DepositReport] = [:]
    /// Reports completed by this batch, for the outbox.
    private var completed: [DepositReport] = []
    /// Records this batch counted.
    private var counted = 0

    /// Runs once per record: bound directly (GRDB's argument arrays cost ~3% of the writer).
    private let claim: SQLiteStatement

    init(db: Database, nowMs: Int64, expected: [SourceCoordinates: Int]) throws {
        self.db = db; self.nowMs = nowMs; self.expected = expected
        claim = try SQLiteStatement(db, """
            INSERT OR IGNORE INTO deposit_records(topic, "partition", "offset", record_index, deposit_id, outcome, at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Counts one record of a deposit (a record without a deposit id has no report).
    mutating func count(_ outcome: DepositReport.Outcome, source: SourceCoordinates, recordIndex: Int, member: String?) throws {
        guard let depositID = source.depositID, !depositID.isEmpty else { return }
        claim.bind(1, source.topic)
        claim.bind(2, Int64(source.partition))
        claim.bind(3, source.offset)
        claim.bind(4, recordIndex)
        claim.bind(5, depositID)
        claim.bind(6, outcome.rawValue)
        claim.bind(7, nowMs)
        try claim.execute()
        guard claim.changes > 0 else { return }
        counted += 1

        var report = try touched[depositID] ?? stored(depositID) ?? DepositReport(
            depositID: depositID, submission: 1, member: nil, expected: nil, counts: [:], firstProcessedMs: nowMs,
            lastProcessedMs: nowMs, completedMs: nil)
        if report.isComplete {
            // The deposit id arrives again after a complete report (sent again, or another deposit
            // reusing a batch id): a new submission.
            report = DepositReport(depositID: depositID, submission: report.submission + 1, member: nil, expected: nil,
                                   counts: [:], firstProcessedMs: nowMs, lastProcessedMs: nowMs, completedMs: nil)
        }
        report.counts[outcome, default: 0] += 1
        report.lastProcessedMs = nowMs
        if report.member == nil { report.member = member }
        if let announced = expected[source] { report.expected = announced }
        if let announced = report.expected, report.processed >= announced {
            report.completedMs = nowMs
            completed.append(report)
        }
        touched[depositID] = report
    }

    /// Writes the touched reports, and the ones completed by this batch to the outbox (in the
    /// same transaction); returns the completed ones.
    mutating func finish() throws -> [DepositReport] {
        let outbox = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO outbox(event_id, doi, payload, created_ms, kind) VALUES (?, ?, ?, ?, ?)
            """)
        for report in completed {
            try outbox.execute(arguments: [report.eventID, report.depositID, Data(report.jsonBytes), nowMs,
                                           OutboxEntry.Kind.depositReport.rawValue])
        }
        let upsert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO deposit_reports(deposit_id, submission, member, expected, indexed, stale, duplicate,
                dead_lettered, first_ms, last_ms, completed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for report in touched.values.sorted(by: { $0.depositID < $1.depositID }) {
            try upsert.execute(arguments: [
                report.depositID, report.submission, report.member, report.expected,
                report.counts[.indexed] ?? 0, report.counts[.stale] ?? 0, report.counts[.duplicate] ?? 0,
                report.counts[.deadLettered] ?? 0, report.firstProcessedMs, report.lastProcessedMs, report.completedMs,
            ])
        }
        try forgetOldRecords()
        return completed
    }

    private func forgetOldRecords() throws {
        try db.cachedStatement(sql: """
            DELETE FROM deposit_records WHERE (topic, "partition", "offset", record_index) IN (
                SELECT topic, "partition", "offset", record_index FROM deposit_records
                WHERE at_ms < ? ORDER BY at_ms LIMIT ?)
            """).execute(arguments: [nowMs - Self.recordRetentionMs, max(Self.recordsForgottenPerBatch, 2 * counted)])
    }

    private func stored(_ depositID: String) throws -> DepositReport? {
        try Row.fetchOne(db, sql: "\(Self.selectReport) WHERE deposit_id = ?", arguments: [depositID]).map(Self.report)
    }

    static let selectReport = """
        SELECT deposit_id, submission, member, expected, indexed, stale, duplicate, dead_lettered, first_ms, last_ms,
            completed_ms FROM deposit_reports
        """

    static func report(_ row: Row) -> DepositReport {
        DepositReport(depositID: row[0], submission: row[1], member: row[2], expected: row[3],
                      counts: [.indexed: row[4], .stale: row[5], .duplicate: row[6], .deadLettered: row[7]],
                      firstProcessedMs: row[8], lastProcessedMs: row[9], completedMs: row[10])
    }
}
