import Testing
@testable import WorkIndex
import WorkModel

@Suite("Version guard, created, indexed, partial deposits")
struct VersionGuardTests {
    let doi = "10.5555/guard"

    @Test func olderNeverWins() throws {
        let index = try TestIndex()
        try index.apply([Fixtures.incoming(Fixtures.article(doi, title: "New"), version: 200)], nowMs: 1_000)
        let outcome = try index.apply([Fixtures.incoming(Fixtures.article(doi, title: "Old"), version: 100)], nowMs: 2_000)
        #expect(outcome.stale == 1)
        #expect(outcome.events.isEmpty)
        #expect(try index.decoded(doi)?.title == ["New"])
        #expect(try index.store.work(doi: doi)?.version == 200)
        #expect(try index.store.status().stale == 1)
    }

    @Test func equalVersionAndContentIsADuplicateWithoutEvent() throws {
        let index = try TestIndex()
        let record = Fixtures.incoming(Fixtures.article(doi), version: 100)
        let first = try index.apply([record], nowMs: 1_000)
        #expect(first.created == 1 && first.events.count == 1)
        let second = try index.apply([record], nowMs: 2_000)
        #expect(second.duplicates == 1)
        #expect(second.events.isEmpty)
        #expect(try index.outboxCount() == 1)
        #expect(try index.store.work(doi: doi)?.indexedMs == 1_000)
        #expect(try index.store.status().duplicates == 1)
    }

    @Test func equalVersionWithOtherContentIsAnUpdateWithItsOwnEventID() throws {
        let index = try TestIndex()
        try index.apply([Fixtures.incoming(Fixtures.article(doi, title: "One"), version: 100)], nowMs: 1_000)
        let outcome = try index.apply([Fixtures.incoming(Fixtures.article(doi, title: "Two"), version: 100)], nowMs: 2_000)
        #expect(outcome.updated == 1)
        let event = try #require(outcome.events.first)
        #expect(event.id == "\(doi)@100#updated.2")
        #expect(event.changedFields == ["indexed", "title"])
        #expect(try index.outboxCount() == 2)
    }

    /// Two deposits of one DOI at one version with different content can reach the index in
    /// either order (different partitions): the later submission (`deposited-at`) wins both ways.
    @Test func atEqualVersionsTheLaterSubmissionWinsWhateverTheArrivalOrder() throws {
        let earlier = Fixtures.incoming(Fixtures.article(doi, title: "Submitted first"), version: 100, depositedAtMs: 10_000)
        let later = Fixtures.incoming(Fixtures.article(doi, title: "Submitted second"), version: 100, depositedAtMs: 20_000)

        let inOrder = try TestIndex()
        try inOrder.apply([earlier], nowMs: 30_000)
        #expect(try inOrder.apply([later], nowMs: 31_000).updated == 1)
        #expect(try inOrder.decoded(doi)?.title == ["Submitted second"])

        let reversed = try TestIndex()
        try reversed.apply([later], nowMs: 30_000)
        let outcome = try reversed.apply([earlier], nowMs: 31_000)
        #expect(outcome.stale == 1)
        #expect(outcome.events.isEmpty)
        #expect(try reversed.decoded(doi)?.title == ["Submitted second"])
        #expect(try reversed.store.work(doi: doi)?.indexedMs == 30_000)
        // Without a deposited-at on either side, the later arrival still wins, as before.
        let unstamped = try TestIndex()
        try unstamped.apply([Fixtures.incoming(Fixtures.article(doi, title: "A"), version: 100)], nowMs: 30_000)
        try unstamped.apply([Fixtures.incoming(Fixtures.article(doi, title: "B"), version: 100, depositedAtMs: 10_000)], nowMs: 31_000)
        #expect(try unstamped.decoded(doi)?.title == ["B"])
    }

    @Test func createdIsKeptAndIndexedBumpedOnlyOnChange() throws {
        let index = try TestIndex()
        try index.apply([Fixtures.incoming(Fixtures.article(doi, title: "v1"), version: 100)], nowMs: 1_000)
        let updated = try index.apply([Fixtures.incoming(Fixtures.article(doi, title: "v2"), version: 200)], nowMs: 5_000)
        #expect(updated.updated == 1)
        #expect(updated.events.first?.id == "\(doi)@200")
        #expect(updated.events.first?.kind == .updated)
        var stored = try #require(try index.store.work(doi: doi))
        #expect(stored.createdMs == 1_000)
        #expect(stored.indexedMs == 5_000)
        #expect(try index.decoded(doi)?.created?.timestamp == 1_000)
        #expect(try index.decoded(doi)?.indexed?.timestamp == 5_000)

        // Redelivered: nothing changes, indexed stays.
        try index.apply([Fixtures.incoming(Fixtures.article(doi, title: "v2"), version: 200)], nowMs: 9_000)
        stored = try #require(try index.store.work(doi: doi))
        #expect(stored.indexedMs == 5_000)
    }

    @Test func aRegistryCreatedDateWins() throws {
        let index = try TestIndex()
        var work = Fixtures.article(doi)
        work.created = DateObject(epochMillis: 42_000)
        try index.apply([Fixtures.incoming(work, version: 100)], nowMs: 1_000)
        #expect(try index.store.work(doi: doi)?.createdMs == 42_000)
        // A later deposit without it keeps the stored one.
        try index.apply([Fixtures.incoming(Fixtures.article(doi, title: "later"), version: 200)], nowMs: 2_000)
        #expect(try index.store.work(doi: doi)?.createdMs == 42_000)
    }

    @Test func laterRecordInTheSameBatchSeesTheEarlierOne() throws {
        let index = try TestIndex()
        let outcome = try index.apply([
            Fixtures.incoming(Fixtures.article(doi, title: "first"), version: 100),
            Fixtures.incoming(Fixtures.article(doi, title: "second"), version: 200),
            Fixtures.incoming(Fixtures.article(doi, title: "stale"), version: 150),
        ], nowMs: 1_000)
        #expect(outcome.created == 1 && outcome.updated == 1 && outcome.stale == 1)
        #expect(outcome.events.map(\.id) == ["\(doi)@100", "\(doi)@200"])
        #expect(try index.decoded(doi)?.title == ["second"])
    }

    @Test func aDOIIsFoundWhateverItsCase() throws {
        let index = try TestIndex()
        try index.apply([Fixtures.incoming(Fixtures.article("10.5555/MiXeD"), version: 1)], nowMs: 1)
        #expect(try index.store.work(doi: "https://doi.org/10.5555/mixed") != nil)
        #expect(try index.store.work(doi: "10.5555/MIXED") != nil)
        #expect(try index.decoded("10.5555/mixed")?.DOI == "10.5555/mixed")
    }

    @Test func partialDepositReplacesOnlyItsFields() throws {
        let index = try TestIndex()
        var full = Fixtures.article(doi, title: "Full title", version: 100)
        full.funder = [Funder(name: "NSF", DOI: "10.13039/100000001", award: ["A-1"])]
        full.license = [License(URL: "https://old.example/license", start: DateObject(epochMillis: 0), delayInDays: 0, contentVersion: "vor")]
        try index.apply([Fixtures.incoming(full, version: 100)], nowMs: 1_000)

        // A license-only deposit: the parser fills what it could (here a bogus title) but only
        // `license` (and its deposit date) may change.
        var partial = Work(DOI: doi, type: "journal-article")
        partial.title = ["SHOULD NOT APPEAR"]
        partial.deposited = DateObject(epochMillis: 200)
        partial.license = [License(URL: "https://new.example/license", start: DateObject(epochMillis: 0), delayInDays: 10, contentVersion: "am")]
        let outcome = try index.apply([Fixtures.incoming(partial, version: 200, partial: ["license"])], nowMs: 2_000)
        #expect(outcome.updated == 1)
        #expect(Set(try #require(outcome.events.first).changedFields) == ["license", "deposited", "indexed"])

        let work = try #require(try index.decoded(doi))
        #expect(work.title == ["Full title"])
        #expect(work.funder == full.funder)
        #expect(work.license?.map(\.URL) == ["https://new.example/license"])
        #expect(work.deposited?.timestamp == 200)
        #expect(try index.store.work(doi: doi)?.version == 200)
        // Terms follow the merged work.
        let terms = try index.terms(doi)
        #expect(terms.contains { $0.field == "license.url" && $0.value == "https://new.example/license" })
        #expect(!terms.contains { $0.field == "license.url" && $0.value == "https://old.example/license" })
        #expect(terms.contains { $0.field == "funder" && $0.value == "10.13039/100000001" })

        // The same partial again is a duplicate.
        let again = try index.apply([Fixtures.incoming(partial, version: 200, partial: ["license"])], nowMs: 3_000)
        #expect(again.duplicates == 1 && again.events.isEmpty)
    }

    @Test func partialDepositWithoutAStoredWorkIsRefused() throws {
        let index = try TestIndex()
        let outcome = try index.apply([Fixtures.incoming(Fixtures.article(doi), version: 1, partial: ["link"])], nowMs: 1)
        #expect(outcome.deadLetters == 1)
        #expect(outcome.refused.first?.code == "partial-without-base")
        #expect(try index.store.work(doi: doi) == nil)
        #expect(try index.store.deadLetters(limit: 10).first?.doi == doi)
    }

    @Test func anInvalidDOIIsRefused() throws {
        let index = try TestIndex()
        let outcome = try index.apply([Fixtures.incoming(Fixtures.article("not a doi"), version: 1)], nowMs: 1)
        #expect(outcome.refused.map(\.code) == ["invalid-doi"])
        #expect(try index.store.status().deadLetters.total == 1)
    }

    @Test func reindexRewritesUnchangedRecordsWithUniqueEventIDs() throws {
        let index = try TestIndex()
        let record = Fixtures.incoming(Fixtures.article(doi), version: 100)
        try index.apply([record], nowMs: 1_000)
        let outcome = try index.apply([record], reindex: true, nowMs: 2_000)
        #expect(outcome.updated == 1)
        #expect(outcome.events.first?.id == "\(doi)@100#updated.2")
        #expect(try index.store.work(doi: doi)?.indexedMs == 2_000)
        // Older versions still lose in reindex mode.
        let older = try index.apply([Fixtures.incoming(Fixtures.article(doi, title: "old"), version: 50)], reindex: true, nowMs: 3_000)
        #expect(older.stale == 1)
    }

    @Test func termsAndFullTextFollowUpdates() throws {
        let index = try TestIndex()
        try index.apply([Fixtures.incoming(Fixtures.realistic(1, titleSuffix: " zebra"), version: 1)], nowMs: 1)
        #expect(try index.ftsMatches("zebra") == ["10.5555/bench.1"])
        #expect(try index.ftsMatches("\"covid-19\"").isEmpty)
        try index.apply([Fixtures.incoming(Fixtures.realistic(1, titleSuffix: " giraffe"), version: 2)], nowMs: 2)
        #expect(try index.ftsMatches("zebra").isEmpty)
        #expect(try index.ftsMatches("giraffe") == ["10.5555/bench.1"])
        #expect(try index.ftsMatches("author: García OR author: Müller").count == 1)
        #expect(try index.ftsMatches("other: oscillators").count == 1)  // the abstract
        #expect(try index.terms("10.5555/bench.1") == WorkTerms.extract(Fixtures.realistic(1)).sorted {
            ($0.field, $0.value, $0.grp) < ($1.field, $1.value, $1.grp)
        })
    }
}
