import Foundation
import Kafka
import Notifications
import SchemaTestSupport
import Testing
import WorkIndexQuery
import WorkModel

extension Paths {
    static let batchSummarySchema = repository.appendingPathComponent("Topics/schemas/batch-summary.schema.json")
    static let depositReportSchema = repository.appendingPathComponent("Topics/schemas/deposit-report.schema.json")
}

extension IngestEnvironment {
    static let summaries = "batch-summaries"

    /// The topic of the work-changes consumers, which the pipeline's environment does not create.
    func createDownstreamTopics() throws {
        try broker.createTopic(name: Self.summaries, partitions: 1, replicationFactor: 1)
    }

    /// A summarizer on this broker, reading `index`, counting into `state`.
    func summarizer(index: String, state: String, group: String) throws -> (BatchSummarizer, KafkaConsumer, KafkaProducer) {
        let consumer = try BatchSummarizer.consumer(configuration: consumerKafka, group: group, topic: Self.changes, logger: quietLogger)
        let producer = try producer()
        let summarizer = BatchSummarizer(consumer: consumer, sink: producer, index: try SQLiteWorkIndexReader(path: index),
                                         store: try BatchSummaryStore(path: state, periodHours: 24),
                                         settings: SummarizerSettings(), logger: quietLogger)
        return (summarizer, consumer, producer)
    }
}

/// What a summary of the created works must say, computed by the test from the parsed works
/// themselves (not from the index): counts by member and type, and coverage per the meaning of
/// each coverage in Topics/schemas/batch-summary.schema.json.
struct ExpectedSummary {
    var created = 0
    var byMember: [String: Int] = [:]
    var byType: [String: Int] = [:]
    var coverage: [SummaryCoverage: Int] = [:]

    init(createdWorks works: [Work]) {
        created = works.count
        for work in works {
            byMember[work.member ?? BatchSummary.unknownKey, default: 0] += 1
            byType[work.type, default: 0] += 1
            let links = work.link ?? []
            let has: [SummaryCoverage: Bool] = [
                .licenses: !(work.license ?? []).isEmpty,
                .fullTextLinks: !links.isEmpty,
                .similarityChecking: links.contains { $0.intendedApplication == "similarity-checking" },
                .orcids: work.contributors.contains { $0.ORCID != nil },
                .funders: !(work.funder ?? []).isEmpty,
                .awards: (work.funder ?? []).contains { !$0.award.isEmpty },
                .abstracts: !(work.abstract ?? "").isEmpty,
                .references: !(work.reference ?? []).isEmpty || (work.referencesCount ?? 0) > 0,
                .crossmarkUpdates: !(work.updateTo ?? []).isEmpty,
                .updatePolicies: work.updatePolicy != nil,
            ]
            for (coverage, present) in has where present { self.coverage[coverage, default: 0] += 1 }
        }
        for coverage in SummaryCoverage.allCases where self.coverage[coverage] == nil { self.coverage[coverage] = 0 }
    }

}
