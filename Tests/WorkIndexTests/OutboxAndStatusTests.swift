import Foundation
import Testing
@testable import WorkIndex
import WorkModel

@Suite("Outbox, dead letters, status")
struct OutboxAndStatusTests {
    @Test func redeliveryOfABatchWritesNoSecondOutboxRow() throws {
        let index = try TestIndex()
        let batch = (0..<20).map { Fixtures.incoming(Fixtures.realistic($0), version: 1, offset: Int64($0)) }
        let first = try index.apply(batch, nowMs: 1_000)
        #expect(first.created == 20 && first.events.count == 20)
        let again = try index.apply(batch, nowMs: 2_000)
        #expect(again.duplicates == 20 && again.events.isEmpty)
        #expect(try index.outboxCount() == 20)
    }

    @Test func outboxIsReadOldestFirstAndDeleted() throws {
        let index = try TestIndex()
        try index.apply((0..<5).map { Fixtures.incoming(Fixtures.article("10.5555/o\($0)"), version: 10) }, nowMs: 1_000)
        let entries = try index.store.outboxBatch(limit: 3)
        #expect(entries.map(\.doi) == ["10.5555/o0", "10.5555/o1", "10.5555/o2"])
        #expect(entries.map(\.eventID) == ["10.5555/o0@10", "10.5555/o1@10", "10.5555/o2@10"])

        // The payload is the change event JSON of the contract.
        let event = try JSONDecoder().decode(ChangeEvent.self, from: Data(entries[0].payload))
        #expect(event.kind == .created && event.DOI == "10.5555/o0" && event.version == 10)
        #expect(event.changedFields.contains("title") && event.changedFields.first == "DOI")
        let raw = try #require(try JSONSerialization.jsonObject(with: Data(entries[0].payload)) as? [String: Any])
        #expect(Set(raw.keys) == ["id", "DOI", "kind", "changed-fields", "member", "type", "deposited", "indexed", "version", "source"])
        #expect((raw["source"] as? [String: Any])?["deposit-id"] as? String == "dep-0")

        try index.store.deleteOutbox(ids: entries.map(\.id))
        #expect(try index.store.outboxBatch(limit: 10).map(\.doi) == ["10.5555/o3", "10.5555/o4"])
        let status = try index.store.status()
        #expect(status.outboxDepth == 2)
        #expect(status.changeEvents == .init(written: 5, published: 3))
        // Deleting again counts nothing.
        try index.store.deleteOutbox(ids: entries.map(\.id))
        #expect(try index.store.status().changeEvents.published == 3)
    }

    @Test func deadLettersAreRecordedOnceAndSummarized() throws {
        let index = try TestIndex()
        let letters = [
            DeadLetterRecord(source: Fixtures.source(offset: 1), recordIndex: 0, doi: nil, code: "not-well-formed", message: "line 3: bad"),
            DeadLetterRecord(source: Fixtures.source(offset: 2), recordIndex: 0, doi: "10.5555/x", code: "not-well-formed", message: "eof"),
            DeadLetterRecord(source: Fixtures.source(offset: 2), recordIndex: 1, doi: "10.5555/y", code: "too-large", message: "20 MB"),
        ]
        let outcome = try index.apply([], deadLetters: letters, nowMs: 1_000)
        #expect(outcome.deadLetters == 3)
        let again = try index.apply([], deadLetters: letters, nowMs: 2_000)
        #expect(again.deadLetters == 0)

        let status = try index.store.status()
        #expect(status.deadLetters.total == 3)
        #expect(status.deadLetters.topReasons == [.init(code: "not-well-formed", count: 2), .init(code: "too-large", count: 1)])
        let stored = try index.store.deadLetters(limit: 2)
        #expect(stored.map(\.code) == ["too-large", "not-well-formed"])
        #expect(stored.first?.source.offset == 2 && stored.first?.recordIndex == 1)
    }

    @Test func statusCountsWorksStaleDuplicatesAndFreshness() throws {
        let index = try TestIndex()
        let works = (0..<10).map {
            Fixtures.incoming(Fixtures.article("10.5555/s\($0)"), version: 10, depositedAtMs: 1_000 - Int64($0) * 100)
        }
        try index.apply(works, nowMs: 1_000)
        try index.apply([works[0]], nowMs: 2_000)  // duplicate
        try index.apply([Fixtures.incoming(Fixtures.article("10.5555/s1"), version: 5)], nowMs: 2_000)  // stale

        let status = try index.store.status()
        #expect(status.works == 10)
        #expect(status.duplicates == 1)
        #expect(status.stale == 1)
        #expect(status.outboxDepth == 10)
        let freshness = try #require(status.freshness)
        #expect(freshness.samples == 10)  // the duplicate changed nothing, so no sample
        #expect(freshness.p50Ms == 400 && freshness.p95Ms == 900 && freshness.p99Ms == 900)
    }

    @Test func percentilesUseNearestRank() {
        #expect(SQLiteWorkStore.percentiles(sorted: []) == nil)
        let p = SQLiteWorkStore.percentiles(sorted: (1...100).map(Int64.init))
        #expect(p == .init(samples: 100, p50Ms: 50, p95Ms: 95, p99Ms: 99))
    }
}
