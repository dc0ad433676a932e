import Foundation
import GRDB
import Notifications
import SchemaTestSupport
import Testing
import WorkIndex
import WorkIndexQuery
import WorkModel

/// The summary state: counting is idempotent per event id, coverage counts distinct works as the
/// index holds them, and what comes out is valid per Topics/schemas/batch-summary.schema.json.
@Suite struct BatchSummaryStoreTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schema = repository.appendingPathComponent("Topics/schemas/batch-summary.schema.json")
    /// 2026-11-21T10:00:00Z.
    let morning: Int64 = 1_795_219_200_000 + 10 * 3_600_000

    @Test func aRedeliveredEventCountsOnce() async throws {
        let scratch = try makeScratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let store = try BatchSummaryStore(path: scratch + "/state.sqlite", periodHours: 24)
        let events = [
            event("10.5555/a", .created, member: "78", type: "journal-article", at: morning),
            event("10.5555/b", .created, member: "98", type: "book-chapter", at: morning + 1),
            event("10.5555/a", .updated, member: "78", type: "journal-article", at: morning + 2, version: 2),
        ].map { SummaryChange(event: $0, coverage: []) }
        let touched = try await store.record(events)
        #expect(touched.map(\.label) == ["2026-11-21"])
        // The same events again (a crash before the offset commit), and then once more mixed.
        #expect(try await store.record(events).isEmpty)
        try await store.record(events.reversed())

        let summary = try #require(try await store.summary(for: SummaryPeriod(label: "2026-11-21"), generatedMs: morning))
        #expect(summary.totals == BatchSummary.Counts(created: 2, updated: 1, updatedBy: 0))
        #expect(summary.byMember == ["78": .init(created: 1, updated: 1), "98": .init(created: 1)])
        #expect(summary.byType == ["journal-article": .init(created: 1, updated: 1), "book-chapter": .init(created: 1)])
        #expect(summary.works == 2)
        #expect(try await store.summary(for: SummaryPeriod(label: "2026-11-22"), generatedMs: morning) == nil)
    }

    @Test func eventsCountInThePeriodOfTheirIndexedTime() async throws {
        let scratch = try makeScratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let store = try BatchSummaryStore(path: scratch + "/state.sqlite", periodHours: 6)
        try await store.record([
            SummaryChange(event: event("10.5555/a", .created, at: morning), coverage: nil),
            SummaryChange(event: event("10.5555/b", .created, at: morning + 2 * 3_600_000), coverage: nil),
            SummaryChange(event: event("10.5555/c", .created, member: nil, type: nil, at: morning - 5 * 3_600_000), coverage: nil),
        ])
        #expect(try await store.periods().map(\.period.label) == ["2026-11-21T00", "2026-11-21T06", "2026-11-21T12"])
        let six = try #require(try await store.summary(for: SummaryPeriod(label: "2026-11-21T06", hours: 6), generatedMs: morning))
        #expect(six.totals.created == 1)
        let early = try #require(try await store.summary(for: SummaryPeriod(label: "2026-11-21T00", hours: 6), generatedMs: morning))
        #expect(early.byMember == [BatchSummary.unknownKey: .init(created: 1)])
        #expect(early.byType == [BatchSummary.unknownKey: .init(created: 1)])
        // The state keeps its period length: another one is a mistake to report, not to mix in.
        #expect(throws: BatchSummaryStoreError.periodLengthMismatch(path: store.path, stored: 6, requested: 24)) {
            try BatchSummaryStore(path: store.path, periodHours: 24)
        }
        #expect(try BatchSummaryStore(readingAt: store.path).periodHours == 6)
    }

    @Test func coverageCountsDistinctWorksAsTheIndexHoldsThem() async throws {
        let scratch = try makeScratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let index = try SQLiteWorkStore(path: scratch + "/index.sqlite")
        var licensed = Work(DOI: "10.5555/licensed", type: "journal-article")
        licensed.license = [License(URL: "https://creativecommons.org/licenses/by/4.0/", start: DateObject(epochMillis: 0),
                                    delayInDays: 0, contentVersion: "vor")]
        licensed.link = [Link(URL: "https://example.org/crawl", contentType: "unspecified", contentVersion: "vor",
                              intendedApplication: "similarity-checking")]
        licensed.abstract = "<p>An abstract.</p>"
        var funded = Work(DOI: "10.5555/funded", type: "journal-article")
        funded.funder = [Funder(name: "A funder", DOI: "10.13039/100000001", award: ["R01-1"])]
        funded.updatePolicy = "https://example.org/policy"
        funded.updateTo = [Update(DOI: "10.5555/licensed", type: "correction", label: "Correction", updated: DateObject(epochMillis: 0))]
        let plain = Work(DOI: "10.5555/plain", type: "book")
        let outcome = try index.apply(IngestBatch(works: [licensed, funded, plain].enumerated().map {
            IncomingWork(work: $1, version: 1, source: SourceCoordinates(topic: "deposits", partition: 0, offset: Int64($0)))
        }, nowMs: morning))
        // The notice also changes its target (updated-by): two events, one distinct work.
        #expect(outcome.events.count == 4)

        let reader = try SQLiteWorkIndexReader(path: index.path)
        let facts = try await reader.facts(forDOIs: outcome.events.map(\.DOI))
        let store = try BatchSummaryStore(path: scratch + "/state.sqlite", periodHours: 24)
        try await store.record(outcome.events.map { SummaryChange(event: $0, coverage: facts[$0.DOI].map(SummaryCoverage.of)) })

        let summary = try #require(try await store.summary(for: SummaryPeriod(containing: morning), generatedMs: morning))
        #expect(summary.totals == BatchSummary.Counts(created: 3, updated: 0, updatedBy: 1))
        #expect(summary.works == 3)
        #expect(summary.coverage == [
            .licenses: 1, .fullTextLinks: 1, .similarityChecking: 1, .orcids: 0, .funders: 1, .awards: 1, .abstracts: 1,
            .references: 0, .crossmarkUpdates: 1, .updatePolicies: 1,
        ])
        try expectValid(summary)
    }

    @Test func theSummaryJSONFollowsTheSchema() throws {
        var summary = BatchSummary(period: try SummaryPeriod(label: "2026-11-21T06", hours: 6), generatedMs: morning, isFinal: true)
        summary.totals = .init(created: 2, updated: 1)
        summary.byMember = ["78": .init(created: 1, updated: 1), BatchSummary.unknownKey: .init(created: 1)]
        summary.byType = ["journal-article": .init(created: 2, updated: 1)]
        summary.works = 3
        summary.coverage = [.licenses: 3, .orcids: 1]
        summary.deadLettered = 4
        try expectValid(summary)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(summary.jsonBytes)) as? [String: Any])
        #expect(json["period"] as? String == "2026-11-21T06")
        #expect(json["start"] as? String == "2026-11-21T06:00:00Z")
        #expect(json["end"] as? String == "2026-11-21T12:00:00Z")
        #expect((json["coverage-share"] as? [String: Double])?["orcids"] == 0.333)
        #expect((json["coverage-share"] as? [String: Double])?["licenses"] == 1)
        #expect((json["coverage"] as? [String: Int])?["funders"] == 0)

        // The schema really checks: a summary with a bad period fails it.
        var bad = json
        bad["period"] = "21/11/2026"
        #expect(!(try SchemaChecker(contentsOf: Self.schema).violations(of: bad)).isEmpty)
    }

    private func expectValid(_ summary: BatchSummary, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scratch = try makeScratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try SchemaTestSupport.expectValid([summary.jsonBytes], schema: Self.schema, scratch: URL(fileURLWithPath: scratch),
                                          sourceLocation: sourceLocation)
    }

    /// A new temporary directory; the caller removes it.
    /// Rows of the state that grow with every event: (event ids, per-work rows) of a period.
    private func perEventRows(_ store: BatchSummaryStore, start: Int64) throws -> [Int] {
        try DatabaseQueue(path: store.path).read { db in
            [try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM processed_events WHERE period_start = ?", arguments: [start]) ?? -1,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM period_works WHERE start_ms = ?", arguments: [start]) ?? -1]
        }
    }

    @Test func aFinalPeriodNoEventCanReachIsCompactedAndReadsTheSame() async throws {
        let scratch = try makeScratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let store = try BatchSummaryStore(path: scratch + "/state.sqlite", periodHours: 24)
        let day = try SummaryPeriod(label: "2026-11-21"), next = try SummaryPeriod(label: "2026-11-22")
        let events = [
            SummaryChange(event: event("10.5555/a", .created, at: morning), coverage: [.licenses, .orcids]),
            SummaryChange(event: event("10.5555/b", .created, member: "98", at: morning + 1), coverage: [.licenses]),
            SummaryChange(event: event("10.5555/a", .updated, at: morning + 2, version: 2), coverage: [.licenses, .funders]),
            SummaryChange(event: event("10.5555/c", .created, at: day.endMs + 1), coverage: []),
        ]
        try await store.record(events)
        var before = try #require(try await store.summary(for: day, generatedMs: morning))
        #expect(before.works == 2 && before.coverage[.licenses] == 2 && before.coverage[.funders] == 1 && before.coverage[.orcids] == 0)

        // Not final yet: kept whatever its age. Final, but not yet ended long enough: kept.
        #expect(try await store.compact(endedBefore: next.endMs + BatchSummaryStore.eventRetentionMs).isEmpty)
        try await store.markPublished(day, final: true, atMs: day.endMs + 600_000)
        #expect(try await store.compact(endedBefore: day.endMs - 1).isEmpty)
        #expect(try perEventRows(store, start: day.startMs) == [3, 2])
        before.isFinal = true
        #expect(try await store.summary(for: day, generatedMs: morning) == before)

        #expect(try await store.compact(endedBefore: day.endMs).map(\.label) == ["2026-11-21"])
        #expect(try perEventRows(store, start: day.startMs) == [0, 0])
        #expect(try perEventRows(store, start: next.startMs) == [1, 1], "an open period keeps its rows")
        #expect(try await store.summary(for: day, generatedMs: morning) == before)
        #expect(try await store.compact(endedBefore: day.endMs).isEmpty, "compacted once")

        // An event of the compacted period (its id forgotten) is not counted again.
        #expect(try await store.record(Array(events.prefix(3))).isEmpty)
        #expect(try await store.summary(for: day, generatedMs: morning) == before)
        #expect(try perEventRows(store, start: day.startMs) == [0, 0])
    }

    private func makeScratch() throws -> String {
        let path = NSTemporaryDirectory() + "notifications-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func event(_ doi: String, _ kind: ChangeEvent.Kind, member: String? = "78", type: String? = "journal-article",
                       at ms: Int64, version: Int64 = 1) -> ChangeEvent {
        ChangeEvent(id: "\(doi)@\(version)", DOI: doi, kind: kind, changedFields: ["title"], member: member, type: type,
                    deposited: DateObject(epochMillis: ms), indexed: DateObject(epochMillis: ms), version: version,
                    source: SourceCoordinates(topic: "deposits", partition: 0, offset: 0))
    }
}
