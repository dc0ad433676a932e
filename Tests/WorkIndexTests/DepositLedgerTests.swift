import Foundation
import Testing
@testable import WorkIndex
import WorkModel

/// Deposit reports as the index keeps them: counted once per source record, complete when the
/// announced records are in, a report in the outbox per completed submission.
@Suite struct DepositLedgerTests {
    let now: Int64 = 1_700_000_000_000

    func incoming(_ doi: String, deposit: String, offset: Int64, version: Int64 = 1) -> IncomingWork {
        IncomingWork(work: Fixtures.article(doi, version: version), version: version,
                     source: SourceCoordinates(topic: "deposits", partition: 0, offset: offset, depositID: deposit))
    }

    @Test func aDepositCompletesWhenItsAnnouncedRecordsAreCountedAndOnlyThen() throws {
        let index = try TestIndex()
        let first = incoming("10.5555/one", deposit: "d", offset: 0)
        let second = incoming("10.5555/two", deposit: "d", offset: 1)
        let announced = [first.source: 2, second.source: 2]
        let outcome1 = try index.store.apply(IngestBatch(works: [first], nowMs: now, depositRecords: announced))
        #expect(outcome1.completedDeposits.isEmpty)
        #expect(try index.store.depositReport(id: "d")?.processed == 1)
        #expect(try index.store.depositProgress() == (complete: 0, incomplete: 1))

        // The first message again (a redelivery) counts nothing; the second completes the deposit.
        let outcome2 = try index.store.apply(IngestBatch(works: [first, second], nowMs: now + 1, depositRecords: announced))
        let report = try #require(outcome2.completedDeposits.first)
        #expect(report.counts.filter { $0.value > 0 } == [.indexed: 2])
        #expect(report.processed == 2 && report.expected == 2 && report.submission == 1)
        let reports = try index.store.outboxBatch(limit: 100).filter { $0.kind == .depositReport }
        #expect(reports.map(\.doi) == ["d"])
        #expect(try index.store.depositProgress() == (complete: 1, incomplete: 0))
    }

    @Test func aBatchIdUsedAgainIsANewSubmission() throws {
        let index = try TestIndex()
        // Two files whose doi_batch ids are the same, one record each, in one batch.
        let a = incoming("10.5555/a", deposit: "123456", offset: 0)
        let b = incoming("10.5555/b", deposit: "123456", offset: 1)
        let outcome = try index.store.apply(IngestBatch(works: [a, b], nowMs: now, depositRecords: [a.source: 1, b.source: 1]))
        #expect(outcome.completedDeposits.map(\.submission) == [1, 2])
        #expect(outcome.completedDeposits.map(\.processed) == [1, 1])
        let payloads = try index.store.outboxBatch(limit: 100).filter { $0.kind == .depositReport }.map(\.eventID)
        #expect(payloads == ["deposit-report:123456#1", "deposit-report:123456#2"])
        // Only change events count as published.
        try index.store.deleteOutbox(ids: try index.store.outboxBatch(limit: 100).map(\.id))
        let status = try index.store.status()
        #expect(status.changeEvents.published == status.changeEvents.written)
    }

    func ledgerRows(_ index: TestIndex) throws -> [Int64] {
        try index.store.pool.read { db in try Int64.fetchAll(db, sql: #"SELECT "offset" FROM deposit_records ORDER BY "offset""#) }
    }

    @Test func recordsAreForgottenOnceTheTopicCannotDeliverThemAgain() throws {
        let index = try TestIndex()
        let old = incoming("10.5555/old", deposit: "d1", offset: 0)
        let recent = incoming("10.5555/recent", deposit: "d2", offset: 1)
        _ = try index.store.apply(IngestBatch(works: [old], nowMs: now))
        let later = now + DepositLedger.recordRetentionMs
        _ = try index.store.apply(IngestBatch(works: [recent], nowMs: later))
        #expect(try ledgerRows(index) == [0, 1], "a record exactly as old as the retention is still kept")

        // The next batch forgets the old record only; the recent one, delivered again, still counts once.
        _ = try index.store.apply(IngestBatch(works: [recent], nowMs: later + 1))
        #expect(try ledgerRows(index) == [1])
        #expect(try index.store.depositReport(id: "d2")?.processed == 1)
        #expect(try index.store.depositReport(id: "d1")?.processed == 1, "the deposit's report stays")
    }

    @Test func aBatchForgetsABoundedNumberOfOldRecords() throws {
        let index = try TestIndex()
        let many = DepositLedger.recordsForgottenPerBatch + 500
        try index.store.pool.write { db in
            for offset in 0..<many {
                try db.execute(sql: """
                    INSERT INTO deposit_records(topic, "partition", "offset", record_index, deposit_id, outcome, at_ms)
                    VALUES ('deposits', 0, ?, 0, 'd0', 'indexed', ?)
                    """, arguments: [offset, now])
            }
        }
        let later = now + DepositLedger.recordRetentionMs + 1
        _ = try index.store.apply(IngestBatch(works: [incoming("10.5555/x", deposit: "d1", offset: Int64(many))], nowMs: later))
        #expect(try ledgerRows(index).count == 500 + 1)
        _ = try index.store.apply(IngestBatch(works: [], nowMs: later + 1))
        #expect(try ledgerRows(index) == [Int64(many)])
    }
}
