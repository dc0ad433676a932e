import AsyncTestSupport
import Foundation
import Ingest
import Kafka
import Testing
import WorkIndex

/// DESIGN.md "Delivery": transient failures (a broker down) are retried, never dead-lettered,
/// and nothing is lost once the broker is back.
@Suite(.timeLimit(.minutes(3))) struct BrokerOutageTests {
    @Test func aBrokerGoingDownAndComingBackLosesNothing() async throws {
        let env = try IngestEnvironment(brokers: 3, partitions: 6, leaders: true)
        defer { env.stop() }
        let corpus = try await env.publishUnixsd(count: 900, tag: "outage")
        try env.requireNothingEvicted()

        let index = env.indexPath("outage")
        let progress = OutageProgress()
        let totals = try await runWorker(env, index: index, group: uniqueGroup("outage"), idle: .seconds(2), batch: 50) {
            try await waitUntil("the index file", timeout: .seconds(60)) { FileManager.default.fileExists(atPath: index) }
            let store = try SQLiteWorkStore(path: index)
            try await waitUntil("the first works", timeout: .seconds(60)) { try store.status().works > 0 }
            // Broker 2 leads partitions 1 and 4 of every topic: deposits, dead letters and change events.
            env.broker.setBrokerDown(2)
            progress.atDown = try store.status().works
            try await Task.sleep(for: .seconds(3))
            progress.duringOutage = try store.status().works
            env.broker.setBrokerUp(2)
        }
        #expect(progress.atDown < corpus.count, "the worker was done before the broker went down: publish more")

        let store = try SQLiteWorkStore(path: index)
        let status = try store.status()
        #expect(status.works == corpus.count)
        #expect(totals.created == corpus.count)
        #expect(totals.deadLetters == 0, "a broker outage must not dead-letter anything")
        #expect(status.outboxDepth == 0)
        #expect(status.changeEvents.published == status.changeEvents.written)
        var missing: [String] = []
        for (doi, _) in corpus where try store.work(doi: doi) == nil { missing.append(doi) }
        #expect(missing.count == 0, "not indexed: \(missing.prefix(5))")

        let expected = Set(corpus.map(\.doi))
        let changes = try await consumeAll(env, topic: IngestEnvironment.changes) { messages in
            Set(messages.compactMap(\.keyString)).isSuperset(of: expected)
        }
        let events = try checkChangeEvents(changes, scratch: env.directory)
        let withEvent = Set(events.map(\.event.DOI))
        #expect(withEvent == expected, "\(expected.subtracting(withEvent).count) works without a change event")
        // At-least-once: a retried send may repeat an event, but only with the same id.
        #expect(Set(events.map(\.event.id)).count == expected.count)
    }
}

final class OutageProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var down = 0, during = 0
    var atDown: Int { get { lock.withLock { down } } set { lock.withLock { down = newValue } } }
    var duringOutage: Int { get { lock.withLock { during } } set { lock.withLock { during = newValue } } }
}
