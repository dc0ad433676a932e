import Kafka
import Logging

extension DepositConsumer {
    /// Commits the offsets after `messages` once what they carried is stored (indexed, counted,
    /// recorded), retrying transient faults (coordinator down or moving). Returns false when the
    /// group rebalanced since the poll: that refusal is final, and retrying it would wait forever,
    /// because a member rejoins only in its next poll. The records are then delivered again, to
    /// this consumer or another, and storing them again changes nothing (the index's version
    /// guard, the summarizer's and matcher's event ids), so the caller just goes on polling.
    @discardableResult
    public func commit(processed messages: [KafkaMessage], retry: RetryPolicy, logger: Logger,
                       isolation: isolated (any Actor)? = #isolation) async throws -> Bool {
        let offsets = KafkaConsumer.nextOffsets(after: messages)
        do {
            // A broker round trip: on a GCD thread, so the cooperative pool (two threads here) keeps
            // parsing the next batch meanwhile.
            try await retry.run("committing offsets", logger: logger, isFinal: KafkaError.isRebalance) {
                try await runBlocking { try self.commit(offsets) }
            }
            return true
        } catch let error as KafkaError where KafkaError.isRebalance(error) {
            logger.notice("\(error)")
            return false
        }
    }
}
