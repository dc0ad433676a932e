import AsyncTestSupport
import DepositTestSupport
import Foundation
import Ingest
import Kafka
import Notifications
import Testing
import WorkIndex

/// Issue 5 through the local broker, a real worker and a real index file: deposits in, change
/// events out, the matcher's notifications on alert-notifications.
@Suite(.timeLimit(.minutes(3))) struct AlertPipelineTests {
    func subscription(_ id: String, _ pairs: [(String, String)]) throws -> AlertSubscription {
        try AlertSubscriptionParser.parse(pairs.map { (name: $0.0, value: $0.1) }, id: id, owner: "tests", created: isoAgo(seconds: 5))
    }

    func deposit(_ doi: String, title: String, batch: String, timestamp: String,
                 updates: [(type: String, date: String, target: String)] = []) -> OutgoingMessage {
        // One partition keeps the deposits in order (a notice after its target).
        MemberDeposit.message(MemberDeposit.article(doi: doi, title: title, batchID: batch, timestamp: timestamp, updates: updates),
                              key: batch, partition: 0)
    }

    /// Indexes what was published (the worker stops once idle), publishing the change events.
    func indexDeposits(_ env: AlertEnvironment, _ deposits: [OutgoingMessage], into path: String) async throws {
        let producer = try KafkaProducer(configuration: env.kafka, logger: alertTestLogger)
        _ = try await producer.send(deposits)
        try await producer.close()
        var settings = PipelineConfiguration()
        settings.exitWhenIdle = .milliseconds(1500)
        let worker = try IndexWorker(kafka: env.kafka, indexPath: path, group: "worker", settings: settings, logger: alertTestLogger)
        try await withTimeout(.seconds(120), "the worker") { try await worker.run() }
    }

    @Test func aMatchingDepositNotifiesOnceAndANonMatchingOneNotAtAll() async throws {
        let env = try AlertEnvironment()
        defer { env.stop() }
        // The filter and the text query must both hold: same journal, only one title about oceans.
        try await env.save([try subscription("oceans", [("filter", "issn:1234-5679"), ("query.title", "ocean"), ("window-ms", "500")])])
        let index = env.path("index.sqlite")
        try await indexDeposits(env, [
            deposit("10.5555/alert-ocean", title: "Ocean currents of the north", batch: "b1", timestamp: "20240201120000"),
            deposit("10.5555/alert-rock", title: "Mountain geology", batch: "b2", timestamp: "20240201120000"),
        ], into: index)
        let totals = try await env.runMatcher(index: index, state: env.path("state.sqlite"))
        #expect(totals.changeEvents == 2)

        let notifications = try await env.notifications()
        #expect(notifications.count == 1, "\(notifications)")
        #expect(notifications.first?.alertID == "oceans")
        #expect(notifications.first?.DOIs == ["10.5555/alert-ocean"])
        #expect(notifications.first?.kinds == [.created])

        // Restarted on the same state and group, the matcher sends nothing again.
        _ = try await env.runMatcher(index: index, state: env.path("state.sqlite"))
        #expect(try await env.notifications().count == 1)
    }

    @Test func aRetractionNotifiesTheSubscribersOfTheRetractedWork() async throws {
        let env = try AlertEnvironment()
        defer { env.stop() }
        let target = "10.5555/alert-retracted", notice = "10.5555/alert-retraction-notice"
        try await env.save([
            try subscription("this-work", [("filter", "doi:\(target)"), ("window-ms", "500")]),
            try subscription("retractions", [("filter", "prefix:10.5555"), ("kinds", "updated-by"), ("window-ms", "500")]),
        ])
        let index = env.path("index.sqlite")
        try await indexDeposits(env, [
            deposit(target, title: "A finding", batch: "t1", timestamp: "20190601000000"),
            deposit(notice, title: "Retraction: A finding", batch: "n1", timestamp: "20200101000000",
                    updates: [("retraction", "2020-01-01", target)]),
        ], into: index)
        _ = try await env.runMatcher(index: index, state: env.path("state.sqlite"))

        let notifications = try await env.notifications()
        let retractions = notifications.filter { $0.alertID == "retractions" }
        #expect(retractions.map(\.DOIs) == [[target]], "the notice itself was created, not updated-by")
        #expect(retractions.map(\.kinds) == [[.updatedBy]])
        let subscriber = notifications.filter { $0.alertID == "this-work" }
        let kinds = subscriber.flatMap { zip($0.DOIs, $0.kinds).filter { $0.0 == target }.map(\.1) }
        #expect(kinds.contains(.updatedBy), "the subscriber of the retracted work hears of the retraction: \(subscriber)")
        #expect(Set(subscriber.flatMap(\.DOIs)) == [target])
    }
}
