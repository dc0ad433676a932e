import Testing
@testable import WorkIndex
import WorkModel

@Suite("Crossmark updated-by edges")
struct CrossmarkTests {
    let target = "10.5555/target"
    let notice = "10.5555/notice"

    private func updatedBy(_ index: TestIndex) throws -> [Update]? { try index.decoded(target)?.updatedBy }

    /// Events about the target that mention `updated-by`.
    private func updatedByEvents(_ events: [ChangeEvent]) -> [ChangeEvent] {
        events.filter { $0.DOI == target && $0.changedFields.contains("updated-by") }
    }

    @Test func noticeAfterTarget() throws {
        let index = try TestIndex()
        try index.apply([Fixtures.incoming(Fixtures.article(target), version: 1)], nowMs: 1_000)
        let outcome = try index.apply([Fixtures.incoming(Fixtures.notice(notice, updating: [target]), version: 1, offset: 7)], nowMs: 2_000)

        #expect(outcome.created == 1 && outcome.updatedBy == 1)
        let event = try #require(outcome.events.first { $0.kind == .updatedBy })
        #expect(event.DOI == target)
        #expect(event.id == "\(target)@1#updated-by.2")
        #expect(event.changedFields == ["indexed", "updated-by"])
        #expect(event.source.offset == 7)
        #expect(updatedByEvents(outcome.events).count == 1)

        let updates = try #require(try updatedBy(index))
        #expect(updates == [Update(DOI: notice, type: "retraction", label: "Retraction", updated: DateObject(epochMillis: 1_650_000_000_000))])
        #expect(try index.store.work(doi: target)?.indexedMs == 2_000)
    }

    @Test func noticeBeforeTarget() throws {
        let index = try TestIndex()
        let first = try index.apply([Fixtures.incoming(Fixtures.notice(notice, updating: [target]), version: 1)], nowMs: 1_000)
        #expect(first.updatedBy == 0)  // the target is not indexed yet: the edge waits
        let second = try index.apply([Fixtures.incoming(Fixtures.article(target), version: 1)], nowMs: 2_000)

        #expect(second.created == 1 && second.updatedBy == 0)
        // The target's own created event carries updated-by.
        #expect(updatedByEvents(first.events + second.events).count == 1)
        #expect(second.events.first?.kind == .created)
        #expect(try updatedBy(index)?.map(\.DOI) == [notice])
    }

    @Test(arguments: [true, false])
    func bothInOneBatch(noticeFirst: Bool) throws {
        let index = try TestIndex()
        let records = [
            Fixtures.incoming(Fixtures.notice(notice, updating: [target]), version: 1),
            Fixtures.incoming(Fixtures.article(target), version: 1),
        ]
        let outcome = try index.apply(noticeFirst ? records : records.reversed(), nowMs: 1_000)
        #expect(outcome.created == 2)
        #expect(updatedByEvents(outcome.events).count == 1)
        #expect(try updatedBy(index)?.map(\.DOI) == [notice])
        #expect(Set(outcome.events.map(\.id)).count == outcome.events.count)
    }

    @Test func redepositWithoutTheUpdateRemovesIt() throws {
        let index = try TestIndex()
        try index.apply([
            Fixtures.incoming(Fixtures.article(target), version: 1),
            Fixtures.incoming(Fixtures.notice(notice, updating: [target]), version: 1),
        ], nowMs: 1_000)
        #expect(try updatedBy(index) != nil)

        var withdrawn = Fixtures.notice(notice, updating: [])
        withdrawn.updateTo = nil
        let outcome = try index.apply([Fixtures.incoming(withdrawn, version: 2)], nowMs: 2_000)
        #expect(outcome.updated == 1 && outcome.updatedBy == 1)
        #expect(try updatedBy(index) == nil)
        #expect(try index.json(target)?["updated-by"] == nil)
        #expect(try index.store.work(doi: target)?.indexedMs == 2_000)
        let event = try #require(outcome.events.first { $0.kind == .updatedBy })
        #expect(event.changedFields == ["indexed", "updated-by"])
    }

    @Test func redeliveryOfTheNoticeChangesNothing() throws {
        let index = try TestIndex()
        let batch = [
            Fixtures.incoming(Fixtures.article(target), version: 1),
            Fixtures.incoming(Fixtures.notice(notice, updating: [target]), version: 1),
        ]
        try index.apply(batch, nowMs: 1_000)
        let outbox = try index.outboxCount()
        let again = try index.apply(batch, nowMs: 2_000)
        #expect(again.events.isEmpty && again.duplicates == 2)
        #expect(try index.outboxCount() == outbox)
    }

    @Test func aSecondNoticeAddsASecondEntryAndItsOwnEvent() throws {
        let index = try TestIndex()
        try index.apply([
            Fixtures.incoming(Fixtures.article(target), version: 1),
            Fixtures.incoming(Fixtures.notice(notice, updating: [target]), version: 1),
        ], nowMs: 1_000)
        let outcome = try index.apply([
            Fixtures.incoming(Fixtures.notice("10.5555/erratum", updating: [target], type: "erratum"), version: 1),
        ], nowMs: 2_000)
        #expect(outcome.updatedBy == 1)
        #expect(Set(try updatedBy(index)?.map(\.DOI) ?? []) == [notice, "10.5555/erratum"])
    }

    @Test func targetSideClaimsSurviveNoticeChanges() throws {
        let index = try TestIndex()
        var claimed = Fixtures.article(target)
        claimed.updatedBy = [Update(DOI: "10.5555/claimed-correction", type: "correction", label: "Correction", updated: nil)]
        try index.apply([Fixtures.incoming(claimed, version: 1)], nowMs: 1_000)
        try index.apply([Fixtures.incoming(Fixtures.notice(notice, updating: [target]), version: 1)], nowMs: 2_000)
        #expect(Set(try updatedBy(index)?.map(\.DOI) ?? []) == ["10.5555/claimed-correction", notice])
        var withdrawn = Fixtures.notice(notice, updating: [])
        withdrawn.updateTo = nil
        try index.apply([Fixtures.incoming(withdrawn, version: 2)], nowMs: 3_000)
        #expect(try updatedBy(index)?.map(\.DOI) == ["10.5555/claimed-correction"])
    }

    @Test func aStaleNoticeDoesNotTouchEdges() throws {
        let index = try TestIndex()
        try index.apply([
            Fixtures.incoming(Fixtures.article(target), version: 1),
            Fixtures.incoming(Fixtures.notice(notice, updating: []), version: 5),
        ], nowMs: 1_000)
        let outcome = try index.apply([Fixtures.incoming(Fixtures.notice(notice, updating: [target]), version: 4)], nowMs: 2_000)
        #expect(outcome.stale == 1 && outcome.events.isEmpty)
        #expect(try updatedBy(index) == nil)
    }
}
