import AsyncTestSupport
import DepositTestSupport
import Foundation
import Ingest
import Kafka
import Testing
import Unixref
import WorkIndex

/// DESIGN.md "Delivery": a redelivery (a crash between the index commit and the offset commit, a
/// group reset, a replay) is a no-op for the index and produces no second change event.
@Suite(.timeLimit(.minutes(4))) struct RedeliveryTests {
    @Test func aRedeliveredMessageProducesNoSecondChangeEvent() async throws {
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        let producer = try env.producer()
        let sink = RecordingSink(producer)
        let publisher = DepositPublisher(producer: sink, topic: IngestEnvironment.deposits, depositedAt: "2026-11-20T10:00:00Z")
        for name in ["oai-pmh/crossmark-updates.xml", "oai-pmh/funder-crossmark.xml", "oai-pmh/standard.xml", "deposits/full.xml"] {
            _ = try await publisher.publish(DepositFile(path: Paths.fixture(name).path))
        }
        // A Crossmark pair, target first (one partition keeps them in order), so that an
        // `updated-by` change is redelivered too.
        _ = try await sink.send([
            MemberDeposit.message(MemberDeposit.article(doi: "10.5555/redelivered-target", title: "Target", batchID: "rt", timestamp: "20200101000000"),
                             key: "rt", depositedAt: "2020-01-01T00:00:00Z", partition: 0),
            MemberDeposit.message(MemberDeposit.article(doi: "10.5555/redelivered-notice", title: "Notice", batchID: "rn", timestamp: "20200102000000",
                                              updates: [("correction", "2020-01-02", "10.5555/redelivered-target")]),
                             key: "rn", depositedAt: "2020-01-02T00:00:00Z", partition: 0),
        ])
        let count = sink.sent.count

        let index = env.indexPath("redelivery")
        let first = try ManualWorker(env, index: index, group: uniqueGroup("first"))
        let messages = try await first.process(count: count)
        let once = await first.pipeline.totals
        let written = try first.store.status().changeEvents.written
        #expect(written == once.created + once.updated + once.updatedBy)
        #expect(once.updatedBy >= 1)
        #expect(try await first.outbox.drain() == written)

        // 1. The same messages through the same pipeline again.
        try await first.pipeline.process(messages)
        let twice = await first.pipeline.totals
        #expect(twice.created == once.created)
        #expect(twice.updated == once.updated)
        #expect(twice.updatedBy == once.updatedBy)
        #expect(twice.duplicates - once.duplicates == once.created + once.updated + once.duplicates)
        #expect(twice.stale - once.stale == once.stale)
        #expect(try first.store.status().changeEvents.written == written)
        #expect(try await first.outbox.drain() == 0)
        await first.close()

        // 2. The whole topic again: a group with no committed offsets, on the same index.
        let replay = try ManualWorker(env, index: index, group: uniqueGroup("reset"), store: first.store)
        try await replay.process(count: count)
        let replayed = await replay.pipeline.totals
        #expect(replayed.created == 0)
        #expect(replayed.updated == 0)
        #expect(replayed.updatedBy == 0)
        #expect(replayed.changeEvents == 0)
        #expect(replayed.duplicates == once.created + once.updated + once.duplicates)
        #expect(try first.store.status().changeEvents.written == written)
        #expect(try await replay.outbox.drain() == 0)
        await replay.close()

        let changes = try await consumeAll(env, topic: IngestEnvironment.changes, settle: .seconds(1)) { $0.count >= written }
        let events = try checkChangeEvents(changes, scratch: env.directory)
        #expect(events.count == written)
        let repeated = events.repeatedIDs
        #expect(repeated.count == 0, "repeated event ids: \(repeated.prefix(5))")
        try await producer.close()
    }
}
