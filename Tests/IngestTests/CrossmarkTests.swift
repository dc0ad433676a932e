import AsyncTestSupport
import DepositTestSupport
import Foundation
import Ingest
import Kafka
import Testing
import WorkIndex
import WorkModel

/// DESIGN.md "Crossmark": a notice's update-to becomes the target's `updated-by`, whichever
/// arrives first, and the target gets a change event saying so.
@Suite(.timeLimit(.minutes(4))) struct CrossmarkTests {
    @Test(arguments: [true, false])
    func aNoticeMarksItsTargetInEitherOrder(noticeFirst: Bool) async throws {
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        let producer = try env.producer()
        let worker = try ManualWorker(env, index: env.indexPath("crossmark"), group: uniqueGroup("crossmark"))
        let target = "10.5555/crossmark-target", notice = "10.5555/crossmark-notice"
        let targetMessage = MemberDeposit.message(
            MemberDeposit.article(doi: target, title: "A retracted article", batchID: "target-1", timestamp: "20190601000000"),
            key: "target-1", depositedAt: "2019-06-01T00:00:00Z")
        let noticeMessage = MemberDeposit.message(
            MemberDeposit.article(doi: notice, title: "Retraction: A retracted article", batchID: "notice-1", timestamp: "20200101000000",
                             updates: [("retraction", "2020-01-01", target)]),
            key: "notice-1", depositedAt: "2020-01-01T00:00:00Z")
        for message in noticeFirst ? [noticeMessage, targetMessage] : [targetMessage, noticeMessage] {
            _ = try await producer.send(message)
            try await worker.process(count: 1)
        }

        let updatedBy = try #require(try storedWork(target, in: worker.store)?.updatedBy, "the target has no updated-by")
        #expect(updatedBy.count == 1)
        #expect(updatedBy.first?.DOI == notice)
        #expect(updatedBy.first?.type == "retraction")
        #expect(updatedBy.first?.updated?.dateParts == [2020, 1, 1])
        #expect(try storedWork(notice, in: worker.store)?.updateTo?.map(\.DOI) == [target])

        // Re-deposited without the update, the notice no longer marks the target.
        _ = try await producer.send(MemberDeposit.message(
            MemberDeposit.article(doi: notice, title: "Retraction: A retracted article", batchID: "notice-2", timestamp: "20200201000000"),
            key: "notice-2", depositedAt: "2020-02-01T00:00:00Z"))
        try await worker.process(count: 1)
        #expect(try storedWork(target, in: worker.store)?.updatedBy == nil)

        let written = try worker.store.status().changeEvents.written
        #expect(try await worker.outbox.drain() == written)
        await worker.close()
        let changes = try await consumeAll(env, topic: IngestEnvironment.changes) { $0.count >= written }
        let events = try checkChangeEvents(changes, scratch: env.directory)
        #expect(events.count == written)
        let targetEvents = events.filter { $0.event.DOI == target }.map(\.event)
        // Its first change says updated-by: a created event carrying it (notice first), or an
        // updated-by event (notice second); the notice's re-deposit adds one more updated-by event.
        try #require(targetEvents.count == (noticeFirst ? 2 : 3), "target events: \(targetEvents.map(\.id))")
        if noticeFirst {
            #expect(targetEvents[0].kind == .created)
            #expect(targetEvents[0].changedFields.contains("updated-by"))
        } else {
            #expect(targetEvents[0].kind == .created)
            #expect(!targetEvents[0].changedFields.contains("updated-by"))
            #expect(targetEvents[1].kind == .updatedBy)
            #expect(targetEvents[1].changedFields.contains("updated-by"))
            #expect(targetEvents[1].source.offset >= 0)
        }
        let removal = try #require(targetEvents.last)
        #expect(removal.kind == .updatedBy)
        #expect(removal.changedFields.contains("updated-by"))
        let repeated = events.repeatedIDs
        #expect(repeated.count == 0, "repeated event ids: \(repeated)")
        try await producer.close()
    }
}
