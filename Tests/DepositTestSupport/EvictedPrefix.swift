import AsyncTestSupport
import Kafka
import Logging

/// The local broker keeps only the newest ~5 MiB of a partition: what tests of messages deleted
/// before anyone read them send first, and how they learn how much was deleted.
public enum EvictedPrefix {
    /// Sends `count` messages of 64 KiB that lz4 cannot shrink (~6.4 MB for 100), 20 to a send,
    /// to one partition of `topic`. Whoever reads them later cannot decode them.
    public static func fill(_ topic: String, partition: Int32 = 0, count: Int, producer: KafkaProducer) async throws {
        for chunk in stride(from: 0, to: count, by: 20) {
            _ = try await producer.send((chunk..<min(chunk + 20, count)).map {
                OutgoingMessage(topic: topic, key: "filler-\($0)", value: incompressibleBytes(kibibytes: 64), partition: partition)
            })
        }
    }

    /// The partition's earliest offset now: how many of its first messages the broker deleted.
    public static func deleted(_ topic: String, partition: Int32 = 0, configuration: KafkaConfiguration, logger: Logger) throws -> Int64? {
        try KafkaAdmin.earliestOffsets(configuration: configuration, topic: topic, logger: logger)[partition]
    }
}
