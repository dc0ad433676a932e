import CRdKafka
import Foundation
import Logging

/// Reading a group's position needs only OffsetFetch (`rd_kafka_committed`) and ListOffsets
/// (watermarks), neither of which requires being a group member.
enum GroupLag {
    static func read(rk: OpaquePointer, topics: [String], timeout: Duration) throws -> [PartitionLag] {
        var partitions: [TopicPartition] = []
        for topic in topics {
            let count = try partitionCount(rk: rk, topic: topic, timeoutMs: timeout.kafkaMilliseconds)
            partitions += (0..<count).map { TopicPartition(topic: topic, partition: $0) }
        }
        return try read(rk: rk, partitions: partitions, timeout: timeout)
    }

    /// The group's committed offset and the watermarks of each of `partitions`.
    static func read(rk: OpaquePointer, partitions: [TopicPartition], timeout: Duration) throws -> [PartitionLag] {
        let ms = timeout.kafkaMilliseconds
        guard !partitions.isEmpty else { return [] }
        let list = rd_kafka_topic_partition_list_new(Int32(partitions.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for partition in partitions {
            rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition)
        }
        let err = rd_kafka_committed(rk, list, ms)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, operation: "read committed offsets") }
        var result: [PartitionLag] = []
        for element in UnsafeBufferPointer(start: list!.pointee.elems, count: Int(list!.pointee.cnt)) {
            let topic = String(cString: element.topic)
            let (low, high) = try watermarks(rk: rk, topic: topic, partition: element.partition, timeoutMs: ms)
            let committed: Int64? = element.offset >= 0 ? element.offset : nil
            result.append(PartitionLag(topic: topic, partition: element.partition, committed: committed, lowWatermark: low, highWatermark: high))
        }
        return result
    }

    /// The partition's earliest offset still kept and the offset its next message will get.
    static func watermarks(rk: OpaquePointer, topic: String, partition: Int32, timeoutMs: Int32) throws -> (low: Int64, high: Int64) {
        var low: Int64 = 0
        var high: Int64 = 0
        let err = rd_kafka_query_watermark_offsets(rk, topic, partition, &low, &high, timeoutMs)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, operation: "query watermarks of \(topic)[\(partition)]") }
        return (low, high)
    }

    static func partitionCount(rk: OpaquePointer, topic: String, timeoutMs: Int32) throws -> Int32 {
        guard let rkt = rd_kafka_topic_new(rk, topic, nil) else {
            throw KafkaError.from(rd_kafka_last_error(), operation: "open topic \(topic)")
        }
        defer { rd_kafka_topic_destroy(rkt) }
        var metadata: UnsafePointer<rd_kafka_metadata_t>?
        let err = rd_kafka_metadata(rk, 0, rkt, &metadata, timeoutMs)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, operation: "read metadata of \(topic)") }
        guard let metadata else { return 0 }
        defer { rd_kafka_metadata_destroy(metadata) }
        guard metadata.pointee.topic_cnt > 0 else { return 0 }
        let entry = metadata.pointee.topics[0]
        if entry.err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(entry.err, operation: "read metadata of \(topic)") }
        return entry.partition_cnt
    }
}

/// Cluster and group inspection without joining a group.
public enum KafkaAdmin {
    /// Which of `topics` the cluster does not have (or does not show to these credentials), from
    /// one metadata request. The request goes through a consumer handle, which never asks the
    /// broker to create a topic, so asking cannot create what is asked about.
    public static func missingTopics(
        configuration: KafkaConfiguration, topics: [String], timeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "Kafka.admin")
    ) throws -> [String] {
        try withInspectionHandle(configuration, logger: logger) { rk in try missingTopics(rk: rk, topics: topics, timeout: timeout) }
    }

    private static func missingTopics(rk: OpaquePointer, topics: [String], timeout: Duration) throws -> [String] {
        var metadata: UnsafePointer<rd_kafka_metadata_t>?
        let err = rd_kafka_metadata(rk, 1, nil, &metadata, timeout.kafkaMilliseconds)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, operation: "read the cluster's topics") }
        guard let metadata else { return topics }
        defer { rd_kafka_metadata_destroy(metadata) }
        let listed = UnsafeBufferPointer(start: metadata.pointee.topics, count: Int(metadata.pointee.topic_cnt))
        let present = Set(listed.filter { $0.err == RD_KAFKA_RESP_ERR_NO_ERROR }.map { String(cString: $0.topic) })
        return topics.filter { !present.contains($0) }
    }

    /// Lag of `groupID` on every partition of `topic`, read with a handle that never subscribes
    /// (so it causes no rebalance). Blocks for a few broker round trips.
    public static func groupLag(
        configuration: KafkaConfiguration, groupID: String, topic: String, timeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "Kafka.admin")
    ) throws -> [PartitionLag] {
        try groupLag(configuration: configuration, groupID: groupID, topics: [topic], timeout: timeout, logger: logger)
    }

    public static func groupLag(
        configuration: KafkaConfiguration, groupID: String, topics: [String], timeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "Kafka.admin")
    ) throws -> [PartitionLag] {
        try withInspectionHandle(configuration, extra: ["group.id": groupID], logger: logger) { rk in
            try GroupLag.read(rk: rk, topics: topics, timeout: timeout)
        }
    }

    /// The earliest offset the broker still keeps of each partition of `topic`: everything before
    /// it was deleted (retention, or the local broker's ~5 MiB per partition). No group is read,
    /// so no group ACL is needed.
    public static func earliestOffsets(
        configuration: KafkaConfiguration, topic: String, timeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "Kafka.admin")
    ) throws -> [Int32: Int64] {
        try withInspectionHandle(configuration, logger: logger) { rk in
            let ms = timeout.kafkaMilliseconds
            var earliest: [Int32: Int64] = [:]
            for partition in 0..<(try GroupLag.partitionCount(rk: rk, topic: topic, timeoutMs: ms)) {
                earliest[partition] = try GroupLag.watermarks(rk: rk, topic: topic, partition: partition, timeoutMs: ms).low
            }
            return earliest
        }
    }

    /// A consumer handle that never subscribes (so it joins no group and creates no topic), for
    /// one inspection; destroyed once `body` returns.
    private static func withInspectionHandle<T>(_ configuration: KafkaConfiguration, extra: [String: String] = [:], logger: Logger,
                                                _ body: (OpaquePointer) throws -> T) throws -> T {
        let context = ClientContext(logger: logger)
        let rk = try KafkaHandleFactory.make(
            type: RD_KAFKA_CONSUMER, properties: configuration.properties(KafkaConfiguration.consumerDefaults, extra: extra), context: context)
        defer {
            rd_kafka_destroy(rk)
            withExtendedLifetime(context) {}
        }
        return try body(rk)
    }
}
