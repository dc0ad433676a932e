import AsyncTestSupport
import Foundation
import Ingest
import Kafka
import Notifications
import SchemaTestSupport
import Testing
import Unixref
import WorkModel

/// Issue 5 part 3: batch summaries computed from work-changes through the local broker, against
/// counts the test computes from the fixture works it published.
@Suite(.timeLimit(.minutes(3))) struct BatchSummaryTests {
    static let fixtures = ["oai-pmh/orcid.xml", "oai-pmh/funder-single.xml", "oai-pmh/journal.xml", "deposits/full.xml",
                           "deposits/invalid-deposit.xml"]

    @Test func theSummaryEqualsCountsFromTheFixtures() async throws {
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        try env.createDownstreamTopics()
        let files = try Self.fixtures.map(Paths.fixture) + Paths.fixtureFiles("unixsd")
        let direct = try DirectParse(files)
        try #require(Set(direct.dois).count == direct.dois.count, "the fixtures must hold each DOI once")
        let dois = Set(direct.dois)
        let targets = direct.works.flatMap { ($0.updateTo ?? []).compactMap { Identifiers.doi($0.DOI) } }
        try #require(dois.isDisjoint(with: targets), "no Crossmark notice may target a published work (updated-by would depend on order)")

        let producer = try env.producer()
        let publisher = DepositPublisher(producer: producer, topic: IngestEnvironment.deposits)
        for file in files { _ = try await publisher.publish(DepositFile(path: file.path)) }
        // The same file again: duplicates change nothing, so they count nothing.
        _ = try await publisher.publish(DepositFile(path: Paths.fixture("oai-pmh/orcid.xml").path))
        try await producer.close()
        try env.requireNothingEvicted()

        let index = env.indexPath("summaries")
        let totals = try await runWorker(env, index: index, group: uniqueGroup("worker"))
        #expect(totals.created == dois.count)

        let state = env.directory.appendingPathComponent("summary-state.sqlite").path
        let (summarizer, consumer, summaryProducer) = try env.summarizer(index: index, state: state, group: uniqueGroup("summaries"))
        try await withTimeout(.seconds(90), "catching up with work-changes") { try await summarizer.catchUp() }
        consumer.close()
        // Every change was indexed today, but a run across midnight UTC spreads them over two days.
        let periods = try await summarizer.store.periods().map(\.period)
        var published: [BatchSummary] = []
        for period in periods {
            published.append(try #require(try await summarizer.publish(period, caughtUp: true)))
        }
        try await summaryProducer.close()

        let expected = ExpectedSummary(createdWorks: direct.works)
        var all = BatchSummary.Counts()
        var byMember: [String: Int] = [:], byType: [String: Int] = [:], works = 0, deadLettered = 0
        var coverage: [SummaryCoverage: Int] = [:]
        for summary in published {
            all.created += summary.totals.created; all.updated += summary.totals.updated; all.updatedBy += summary.totals.updatedBy
            for (member, counts) in summary.byMember { byMember[member, default: 0] += counts.created }
            for (type, counts) in summary.byType { byType[type, default: 0] += counts.created }
            for (name, count) in summary.coverage { coverage[name, default: 0] += count }
            works += summary.works
            deadLettered += summary.deadLettered ?? 0
        }
        #expect(all == BatchSummary.Counts(created: expected.created, updated: 0, updatedBy: 0))
        #expect(works == dois.count)
        #expect(byMember == expected.byMember)
        #expect(byType == expected.byType)
        #expect(coverage == expected.coverage)
        #expect(deadLettered == direct.failures.count)
        #expect(expected.coverage.values.contains { $0 > 0 }, "the fixtures carry some coverage")

        // What went to batch-summaries is the same, keyed by period, and valid per the schema.
        let messages = try await consumeAll(env, topic: IngestEnvironment.summaries) { $0.count >= periods.count }
        #expect(messages.map(\.keyString) == periods.map(\.label))
        #expect(messages.map(\.value) == published.map(\.jsonBytes))
        try expectValid(messages.map(\.value), schema: Paths.batchSummarySchema, scratch: env.directory)

        // Re-reading the whole of work-changes (a new group, the same state) counts nothing twice.
        let (again, againConsumer, againProducer) = try env.summarizer(index: index, state: state, group: uniqueGroup("again"))
        try await withTimeout(.seconds(90), "re-reading work-changes") { try await again.catchUp() }
        againConsumer.close()
        try await againProducer.close()
        for summary in published {
            let reread = try #require(try await again.store.summary(for: summary.period, generatedMs: summary.generatedMs))
            #expect(reread.totals == summary.totals)
            #expect(reread.byMember == summary.byMember)
            #expect(reread.coverage == summary.coverage)
        }
    }
}
