import AsyncTestSupport
import Foundation
import Ingest
import Kafka
import Testing
import Unixref
import WorkIndex
import WorkModel

/// DESIGN.md "Delivery": every consumed record is either in the index or in the DLQ, and every
/// index change has exactly one change event id — checked end to end through the local broker.
@Suite(.timeLimit(.minutes(3))) struct ReconciliationTests {
    /// The small OAI-PMH pages, a few 200-record pages (two of them identical: every record of the
    /// second is a duplicate), every unixsd record and every member deposit (one is malformed).
    static let files: [URL] = {
        let pages = ["preprint", "crossmark-updates", "funder-single", "funder-bad-name", "funder-crossmark",
                     "publication-date", "orcid", "online-pub-date", "funder-no-crossmark", "affiliations", "citations",
                     "standard", "dissertation", "conference", "report", "book-2", "previously-failed-9", "previously-failed-10"]
            .map { Paths.fixture("oai-pmh/\($0).xml") }
        return pages + ((try? Paths.fixtureFiles("unixsd")) ?? []) + ((try? Paths.fixtureFiles("deposits")) ?? [])
    }()

    @Test func everyPublishedRecordIsIndexedOrDeadLetteredAndEveryChangeHasOneEvent() async throws {
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        let expected = try DirectParse(Self.files)
        try #require(expected.dois.count > 1000, "the fixture subset is smaller than expected: \(expected.dois.count)")

        let producer = try env.producer()
        let sink = RecordingSink(producer)
        // One deposit time for everything: a record without its own deposit timestamp gets the
        // header's as its version, so the second, identical page is all duplicates (with a
        // per-message time it would be a newer version, i.e. updates).
        let publisher = DepositPublisher(producer: sink, topic: IngestEnvironment.deposits, depositedAt: "2026-11-20T10:00:00Z")
        for file in Self.files { _ = try await publisher.publish(DepositFile(path: file.path)) }
        try await producer.close()
        let published = sink.sent

        let index = env.indexPath("reconcile")
        let totals = try await runWorker(env, index: index, group: uniqueGroup("reconcile"))
        let store = try SQLiteWorkStore(path: index)
        let status = try store.status()

        // Every published message was consumed exactly once (a clean run redelivers nothing).
        #expect(totals.messages == published.count)
        #expect(status.outboxDepth == 0)

        async let dlqRead = consumeAll(env, topic: IngestEnvironment.deadLetters) { $0.count >= totals.deadLetters }
        async let changesRead = consumeAll(env, topic: IngestEnvironment.changes) { $0.count >= status.changeEvents.written }
        let (dlq, changes) = try await (dlqRead, changesRead)

        // Dead letters: one DLQ message per ledger row, each with its reason and the original bytes.
        let ledger = try store.deadLetters(limit: 10_000)
        #expect(dlq.count == totals.deadLetters)
        #expect(dlq.count == status.deadLetters.total)
        #expect(ledger.count == status.deadLetters.total)
        for letter in dlq {
            let code = try #require(letter.header(DeadLetterHeaders.errorCode), "a DLQ message without an error code")
            #expect(!code.isEmpty)
            #expect(!(letter.header(DeadLetterHeaders.errorMessage) ?? "").isEmpty, "no error message for \(code)")
            #expect(letter.header(DeadLetterHeaders.sourceTopic) == IngestEnvironment.deposits)
            let partition = try #require(letter.header(DeadLetterHeaders.sourcePartition).flatMap { Int32($0) })
            let offset = try #require(letter.header(DeadLetterHeaders.sourceOffset).flatMap { Int64($0) })
            let original = try #require(sink.message(partition: partition, offset: offset), "DLQ points at \(partition)@\(offset), never published")
            #expect(letter.value == original.value ?? [], "the DLQ must carry the original bytes")
            #expect(letter.key == original.key)
        }

        // Parse failures the test saw itself = DLQ messages with parser codes; the rest are records
        // the index refused (a partial deposit before its full record, an invalid DOI).
        let indexCodes: Set<String> = ["invalid-doi", "partial-without-base"]
        let parserLetters = dlq.compactMap { $0.header(DeadLetterHeaders.errorCode) }.filter { !indexCodes.contains($0) }
        #expect(parserLetters.sorted() == expected.failures.map(\.code.rawValue).sorted())
        let refused = ledger.filter { indexCodes.contains($0.code) }

        // Records: every one read is created, updated, stale, a duplicate or refused.
        let outcomes = totals.created + totals.updated + totals.stale + totals.duplicates + refused.count
        #expect(outcomes == expected.dois.count,
                "\(expected.dois.count) records read; created \(totals.created) updated \(totals.updated) stale \(totals.stale) duplicates \(totals.duplicates) refused \(refused.count)")
        // The second copy of previously-failed-9 is all duplicates.
        #expect(totals.duplicates >= 200)

        // Every DOI read is in the index, or every record of it was refused with its DOI in the ledger.
        let distinct = Set(expected.dois)
        var indexed = Set<String>()
        for doi in distinct {
            if try store.work(doi: doi) != nil { indexed.insert(doi) }
        }
        let refusedDOIs = Set(refused.compactMap(\.doi))
        let lost = distinct.subtracting(indexed).subtracting(refusedDOIs).sorted()
        #expect(lost.count == 0, "neither indexed nor dead-lettered: \(lost.prefix(5))")
        #expect(status.works == indexed.count)
        #expect(totals.created == indexed.count)

        // Change events: exactly one per index change, valid, and one `created` per indexed DOI.
        let events = try checkChangeEvents(changes, scratch: env.directory)
        #expect(events.count == status.changeEvents.written)
        #expect(status.changeEvents.published == status.changeEvents.written)
        #expect(events.count == totals.created + totals.updated + totals.updatedBy)
        let repeated = events.repeatedIDs
        #expect(repeated.count == 0, "repeated event ids: \(repeated.prefix(5))")
        let created = events.filter { $0.event.kind == .created }
        let createdDOIs = Set(created.map(\.event.DOI))
        #expect(createdDOIs == indexed, "\(createdDOIs.symmetricDifference(indexed).count) DOIs differ, e.g. \(createdDOIs.symmetricDifference(indexed).sorted().prefix(5))")
        #expect(created.count == indexed.count)
        #expect(events.filter { $0.event.kind == .updated }.count == totals.updated)
        #expect(events.filter { $0.event.kind == .updatedBy }.count == totals.updatedBy)
    }
}
