import AsyncTestSupport
import Foundation
import Ingest
import Kafka
import Testing
import WorkIndex

/// DESIGN.md "Delivery": a batch whose group rebalanced while it was being written is not
/// committed (the coordinator refuses it for good) and is delivered again, where it changes
/// nothing. Retrying that commit stalled the worker: the member rejoins only when it polls.
@Suite(.timeLimit(.minutes(4))) struct RebalanceTests {
    @Test func aBatchTheGroupRebalancedUnderIsDeliveredAgainNotRetriedForever() async throws {
        let env = try IngestEnvironment(partitions: 2)
        defer { env.stop() }
        let corpus = try await env.publishUnixsd(count: 40, tag: "rebalance")

        let group = uniqueGroup("rebalance")
        let worker = try ManualWorker(env, index: env.indexPath("rebalance"), group: group)
        var batch: [KafkaMessage] = []
        try await waitUntil("a first batch", timeout: .seconds(90), interval: .zero) {
            batch = try await worker.consumer.poll(maxMessages: 10, maxBytes: 8 << 20, maxWait: .milliseconds(200))
            return !batch.isEmpty
        }
        // A second member joins: the group rebalances, and waits for the first to rejoin, which
        // it does only in its next poll, after this batch.
        let joiner = try KafkaConsumer(configuration: env.consumerKafka, groupID: group, topics: [IngestEnvironment.deposits],
                                       logger: quietLogger)
        let joining = Task {
            while !Task.isCancelled { _ = try await joiner.poll(maxMessages: 1, maxBytes: 1 << 20, maxWait: .milliseconds(100)) }
        }
        try await Task.sleep(for: .seconds(1))

        let polled = batch
        try await withTimeout(.seconds(30), "writing a batch whose commit the group refuses") {
            try await worker.pipeline.process(polled)
        }
        let first = await worker.pipeline.totals
        #expect(first.created == batch.count)
        joining.cancel()
        _ = await joining.result
        joiner.close()

        // Nothing of the batch was committed: it comes again, as duplicates (and so may records
        // fetched before the member rejoined, whose commits the group refused too), until every
        // record is indexed and committed.
        try await waitUntil("every record indexed and committed", timeout: .seconds(60), interval: .zero) {
            let messages = try await worker.consumer.poll(maxMessages: 500, maxBytes: 8 << 20, maxWait: .milliseconds(100))
            if !messages.isEmpty { try await worker.pipeline.process(messages) }
            return try worker.store.status().works == corpus.count && worker.consumer.lag().allSatisfy { $0.lag == 0 }
        }
        let totals = await worker.pipeline.totals
        #expect(totals.created == corpus.count)
        #expect(totals.duplicates >= batch.count)
        let status = try worker.store.status()
        #expect(status.works == corpus.count)
        #expect(status.changeEvents.written == corpus.count, "a redelivered record must not make a second change event")
        await worker.close()
    }
}
