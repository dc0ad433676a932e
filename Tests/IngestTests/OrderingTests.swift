import AsyncTestSupport
import DepositTestSupport
import Foundation
import Ingest
import Kafka
import Testing
import WorkIndex
import WorkModel

/// DESIGN.md "Versions and ordering": the index, not the broker, decides order.
@Suite(.timeLimit(.minutes(4))) struct OrderingTests {
    @Test func anOlderDepositArrivingAfterANewerOneNeverWins() async throws {
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        let producer = try env.producer()
        let worker = try ManualWorker(env, index: env.indexPath("ordering"), group: uniqueGroup("ordering"))
        let (newer, older) = ("20240201120000", "20240101120000")
        let newerVersion = try #require(DepositTimestamp.epochMillis(newer))

        // v2, then (once v2 is indexed) v1 — two member deposits with their own batch ids, so
        // nothing but the versions orders them.
        let late = "10.5555/ordering-late"
        _ = try await producer.send(MemberDeposit.message(
            MemberDeposit.article(doi: late, title: "Version two", batchID: "late-v2", timestamp: newer),
            key: "late-v2", depositedAt: "2024-02-01T12:00:00Z"))
        try await worker.process(count: 1)
        #expect(try title(of: late, in: worker.store) == "Version two")
        _ = try await producer.send(MemberDeposit.message(
            MemberDeposit.article(doi: late, title: "Version one", batchID: "late-v1", timestamp: older),
            key: "late-v1", depositedAt: "2024-01-01T12:00:00Z"))
        try await worker.process(count: 1)
        #expect(try title(of: late, in: worker.store) == "Version two")
        #expect(try worker.store.work(doi: late)?.version == newerVersion)
        #expect(await worker.pipeline.totals.stale == 1)

        // v2 then v1 in the same poll, on one partition.
        let same = "10.5555/ordering-same-batch"
        _ = try await producer.send([
            MemberDeposit.message(MemberDeposit.article(doi: same, title: "Version two", batchID: "same-v2", timestamp: newer),
                             key: same, depositedAt: "2024-02-01T12:00:00Z", partition: 0),
            MemberDeposit.message(MemberDeposit.article(doi: same, title: "Version one", batchID: "same-v1", timestamp: older),
                             key: same, depositedAt: "2024-01-01T12:00:00Z", partition: 0),
        ])
        try await worker.process(count: 2)
        #expect(try title(of: same, in: worker.store) == "Version two")
        #expect(try worker.store.work(doi: same)?.version == newerVersion)

        let totals = await worker.pipeline.totals
        #expect(totals.stale == 2)
        #expect(totals.created == 2)
        #expect(totals.updated == 0)
        let status = try worker.store.status()
        #expect(status.stale == 2)
        // A stale record changes nothing, so it has no change event.
        #expect(status.changeEvents.written == 2)
        #expect(try await worker.outbox.drain() == 2)
        await worker.close()

        let changes = try await consumeAll(env, topic: IngestEnvironment.changes) { $0.count >= 2 }
        let events = try checkChangeEvents(changes, scratch: env.directory)
        #expect(events.count == 2)
        #expect(events.allSatisfy { $0.event.kind == .created && $0.event.version == newerVersion })
        try await producer.close()
    }
}

/// The stored work's first title.
func title(of doi: String, in store: SQLiteWorkStore) throws -> String? {
    try storedWork(doi, in: store)?.title?.first
}

func storedWork(_ doi: String, in store: SQLiteWorkStore) throws -> Work? {
    guard let stored = try store.work(doi: doi) else { return nil }
    return try JSONDecoder().decode(Work.self, from: Data(stored.json))
}
