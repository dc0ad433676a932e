import CRdKafka
import Foundation
import Logging

/// A consumer-group member that hands out bounded batches and commits only when told to.
///
/// Blocking librdkafka calls run on a per-consumer serial `DispatchQueue`, not on the Swift
/// cooperative pool (which has one thread per core: two blocked polls would stall every task on
/// this machine). The serial queue also orders poll, commit, lag and close against each other,
/// so `close` can never destroy the handle under a running poll. Polling the cooperative pool
/// with zero timeouts and sleeps was the alternative; it adds latency and burns CPU when idle.
public final class KafkaConsumer: Sendable {
    public let groupID: String
    public let topics: [String]
    private let client: ConsumerClient

    /// `checksDeletedBeforeRead`: find messages the broker deleted before the group read them
    /// (`takeDeletedBeforeRead()`) and log each gap as an error ending with the check's advice,
    /// for a topic whose every message matters and whose offsets do not skip otherwise (not
    /// compacted). Costs two round trips for each partition's first message.
    public init(
        configuration: KafkaConfiguration, groupID: String, topics: [String], checksDeletedBeforeRead: DeletedBeforeRead.Check? = nil,
        logger: Logger = Logger(label: "Kafka.consumer")
    ) throws {
        self.groupID = groupID
        self.topics = topics
        let context = ClientContext(logger: logger)
        let properties = configuration.properties(KafkaConfiguration.consumerDefaults, extra: ["group.id": groupID])
        let rk = try KafkaHandleFactory.make(type: RD_KAFKA_CONSUMER, properties: properties, context: context)
        // One queue for messages, errors and rebalances, served by rd_kafka_consumer_poll.
        rd_kafka_poll_set_consumer(rk)
        let list = rd_kafka_topic_partition_list_new(Int32(topics.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for topic in topics {
            rd_kafka_topic_partition_list_add(list, topic, RD_KAFKA_PARTITION_UA)
        }
        let err = rd_kafka_subscribe(rk, list)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            rd_kafka_destroy(rk)
            throw KafkaError.from(err, operation: "subscribe to \(topics.joined(separator: ","))")
        }
        client = ConsumerClient(rk: rk, context: context, properties: properties, groupID: groupID,
                                checksDeletedBeforeRead: checksDeletedBeforeRead)
    }

    deinit {
        client.close()
    }

    /// Returns up to `maxMessages` records / about `maxBytes` of keys+values, waiting at most
    /// `maxWait` in total; an empty array means nothing arrived in time. Partition EOF and
    /// transient errors (broker down, transport) are logged, not thrown: librdkafka recovers.
    public func poll(
        maxMessages: Int = 500, maxBytes: Int = 8 << 20, maxWait: Duration = .milliseconds(50)
    ) async throws -> [KafkaMessage] {
        let client = self.client
        return try await withCheckedThrowingContinuation { continuation in
            client.queue.async {
                continuation.resume(with: Result {
                    try client.pollBatch(maxMessages: maxMessages, maxBytes: maxBytes, maxWait: maxWait)
                })
            }
        }
    }

    /// Synchronously commits, for each partition, the next offset to read. Blocks the caller
    /// for one broker round trip (and behind a poll still running on this consumer). Throws
    /// `KafkaError.rebalanced` when the group moved on since the records were polled.
    public func commit(_ offsets: [TopicPartitionOffset]) throws {
        guard !offsets.isEmpty else { return }
        try client.queue.sync { try client.commit(offsets) }
    }

    /// Commits the highest offset + 1 of each partition in `messages`.
    public func commit(messages: [KafkaMessage]) throws {
        try commit(Self.nextOffsets(after: messages))
    }

    /// The next offsets to read after `messages`, one per partition.
    public static func nextOffsets(after messages: [KafkaMessage]) -> [TopicPartitionOffset] {
        var next: [TopicPartition: Int64] = [:]
        for message in messages {
            let key = TopicPartition(topic: message.topic, partition: message.partition)
            next[key] = max(next[key] ?? Int64.min, message.offset + 1)
        }
        return next.map { TopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value) }
            .sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    /// Lag of this group on every partition of the subscribed topics (assigned to us or not),
    /// as committed on the broker.
    public func lag(timeout: Duration = .seconds(10)) throws -> [PartitionLag] {
        try client.queue.sync {
            try GroupLag.read(rk: try client.lagHandle(), topics: topics, timeout: timeout)
        }
    }

    /// Messages the broker deleted before this group read them, found since the last call (each
    /// is also logged as an error when found). A partition's first message, and any that skips
    /// offsets, is checked against the group's commit and the broker's earliest offset, by a
    /// consumer made with `checksDeletedBeforeRead` that starts from the earliest offset
    /// (`auto.offset.reset=earliest`); others always return none.
    public func takeDeletedBeforeRead() -> [DeletedBeforeRead] {
        client.queue.sync { client.takeDeletedBeforeRead() }
    }

    /// Partitions currently assigned to this member.
    public func assignment() throws -> [TopicPartitionOffset] {
        try client.queue.sync { try client.assignment() }
    }

    /// Leaves the group (committing nothing: offsets are only committed explicitly) and frees
    /// the handle. Idempotent.
    public func close() {
        client.close()
    }
}

struct TopicPartition: Hashable {
    var topic: String
    var partition: Int32
}

/// Owns the consumer handle.
///
/// `@unchecked Sendable` is safe because every use of `rk` happens on the serial `queue`
/// (poll, commit, lag, close), so the handle is never used concurrently with its destruction;
/// librdkafka itself is thread-safe for the rest.
final class ConsumerClient: @unchecked Sendable {
    let queue: DispatchQueue
    private let context: ClientContext
    private let properties: [(String, String)]
    private var rk: OpaquePointer?
    private var lagRK: OpaquePointer?
    private var closed = false
    /// The assignment the last poll saw, so a change is logged once (operators, and scripts
    /// waiting for a worker to be ready before they publish, look for it). Only touched on `queue`.
    private var loggedAssignment: [TopicPartition] = []

    private let groupID: String
    /// Asked for, and the group reads a partition from its first offset when it has no commit
    /// there: only then does an offset the group never reached mean messages deleted unread.
    private let checksDeletedBeforeRead: DeletedBeforeRead.Check?
    /// Per partition, the offset after the last message delivered. Only touched on `queue`.
    private var nextOffsets: [TopicPartition: Int64] = [:]
    /// Found since the last `takeDeletedBeforeRead()`. Only touched on `queue`.
    private var deletedBeforeRead: [DeletedBeforeRead] = []

    init(rk: OpaquePointer, context: ClientContext, properties: [(String, String)], groupID: String, checksDeletedBeforeRead: DeletedBeforeRead.Check?) {
        self.rk = rk
        self.context = context
        self.properties = properties
        self.groupID = groupID
        let reset = properties.first { $0.0 == "auto.offset.reset" }?.1 ?? "latest"
        self.checksDeletedBeforeRead = ["earliest", "smallest", "beginning"].contains(reset) ? checksDeletedBeforeRead : nil
        self.queue = DispatchQueue(label: "rdkafka-consumer-\(groupID)")
    }

    /// Only call on `queue`.
    func takeDeletedBeforeRead() -> [DeletedBeforeRead] {
        defer { deletedBeforeRead = [] }
        return deletedBeforeRead
    }

    /// Notes a delivered message's offset; when it is a partition's first or skips ahead, asks
    /// the broker whether the offsets before it were deleted unread (two round trips on the lag
    /// handle, not on the consumer's fetch connections). Only call on `queue`.
    private func noteDelivered(_ message: KafkaMessage) {
        let partition = TopicPartition(topic: message.topic, partition: message.partition)
        let expected = nextOffsets[partition]
        nextOffsets[partition] = message.offset + 1
        guard let check = checksDeletedBeforeRead, message.offset > (expected ?? 0) else { return }
        do {
            guard let position = try GroupLag.read(rk: lagHandle(), partitions: [partition], timeout: .seconds(10)).first,
                  let gap = DeletedBeforeRead.gap(expected: expected, committed: position.committed,
                                                  lowWatermark: position.lowWatermark, offset: message.offset) else { return }
            let deleted = DeletedBeforeRead(topic: message.topic, partition: message.partition, offsets: gap)
            deletedBeforeRead.append(deleted)
            context.logger.error("\(deleted) \(check.advice)", metadata: ["group": "\(groupID)"])
        } catch {
            // Not knowing loses nothing more: the message itself is delivered either way.
            context.logger.warning("could not check \(message.topic)[\(message.partition)] for messages deleted unread before offset \(message.offset): \(error)")
        }
    }

    /// A second, never-subscribing handle for lag queries. Brokers answer the requests of one
    /// connection in order, so on the consumer's own connections a ListOffsets or Metadata
    /// request queues behind the long-poll Fetch (fetch.wait.max.ms, 500 ms each: measured
    /// ~2 s for a 3-partition lag on the mock). Only call on `queue`.
    func lagHandle() throws -> OpaquePointer {
        guard !closed else { throw KafkaError.closed }
        if let lagRK { return lagRK }
        let handle = try KafkaHandleFactory.make(type: RD_KAFKA_CONSUMER, properties: properties, context: context)
        lagRK = handle
        return handle
    }

    /// Only call on `queue`.
    func handle() throws -> OpaquePointer {
        guard let rk else { throw KafkaError.closed }
        return rk
    }

    /// Only call on `queue`.
    func pollBatch(maxMessages: Int, maxBytes: Int, maxWait: Duration) throws -> [KafkaMessage] {
        let rk = try handle()
        if let fatal = KafkaHandleFactory.fatalError(rk) { throw fatal }
        let clock = ContinuousClock()
        let deadline = clock.now + maxWait
        var batch: [KafkaMessage] = []
        var bytes = 0
        while batch.count < maxMessages, bytes < maxBytes {
            let remaining = clock.now.duration(to: deadline)
            // One non-blocking poll is still made at the deadline so ready records are taken.
            // Less than a millisecond left waits one: truncated to 0 it made this loop spin on
            // non-blocking polls until the deadline (~2% of the alert matcher's CPU).
            let timeout = remaining > .zero ? max(1, remaining.kafkaMilliseconds) : 0
            guard let message = rd_kafka_consumer_poll(rk, timeout) else {
                if remaining <= .zero { break }
                continue
            }
            defer { rd_kafka_message_destroy(message) }
            let err = message.pointee.err
            if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                try handleError(err, message: message, rk: rk)
                continue
            }
            let record = Self.copy(message)
            noteDelivered(record)
            bytes += record.value.count + (record.key?.count ?? 0)
            batch.append(record)
            if remaining <= .zero { break }
        }
        logAssignmentChange()
        return batch
    }

    /// Logs the member's partitions when they changed since the last poll (the group assigns
    /// them inside a poll, seconds after subscribing, and moves them when members come and go).
    private func logAssignmentChange() {
        guard let current = try? assignment().map({ TopicPartition(topic: $0.topic, partition: $0.partition) })
            .sorted(by: { ($0.topic, $0.partition) < ($1.topic, $1.partition) }),
              current != loggedAssignment else { return }
        loggedAssignment = current
        if current.isEmpty {
            context.logger.info("no partitions assigned any more", metadata: ["group": "\(groupID)"])
        } else {
            context.logger.info("assigned partitions \(Self.describe(current))", metadata: ["group": "\(groupID)"])
        }
    }

    /// `deposits[0-3,5] work-changes[1]`.
    static func describe(_ partitions: [TopicPartition]) -> String {
        Dictionary(grouping: partitions, by: \.topic).sorted { $0.key < $1.key }.map { topic, members in
            var runs: [ClosedRange<Int32>] = []
            for partition in members.map(\.partition).sorted() {
                if let last = runs.last, last.upperBound + 1 == partition {
                    runs[runs.count - 1] = last.lowerBound...partition
                } else {
                    runs.append(partition...partition)
                }
            }
            let ranges = runs.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            return "\(topic)[\(ranges.joined(separator: ","))]"
        }.joined(separator: " ")
    }

    private func handleError(_ err: rd_kafka_resp_err_t, message: UnsafeMutablePointer<rd_kafka_message_t>, rk: OpaquePointer) throws {
        if err == RD_KAFKA_RESP_ERR__PARTITION_EOF { return }
        if err == RD_KAFKA_RESP_ERR__FATAL, let fatal = KafkaHandleFactory.fatalError(rk) { throw fatal }
        let name = String(cString: rd_kafka_err2name(err))
        let text = String(cString: rd_kafka_message_errstr(message))
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "-"
        // Permission problems never fix themselves: make them loud instead of retrying forever.
        let permanent: Set<rd_kafka_resp_err_t> = [
            RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED,
            RD_KAFKA_RESP_ERR__AUTHENTICATION, RD_KAFKA_RESP_ERR__FATAL,
        ]
        if permanent.contains(err) {
            throw KafkaError.librdkafka(operation: "consume from \(topic)", code: err.rawValue, name: name, message: text)
        }
        context.logger.warning(
            "consumer error, librdkafka will retry: \(text)",
            metadata: ["error": "\(name)", "topic": "\(topic)", "partition": "\(message.pointee.partition)"])
    }

    private static func copy(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaMessage {
        let m = message.pointee
        let topic = String(cString: rd_kafka_topic_name(m.rkt))
        let key: [UInt8]? = m.key.map { Array(UnsafeRawBufferPointer(start: $0, count: m.key_len)) }
        let value: [UInt8] = m.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: m.len)) } ?? []
        var headers: [KafkaHeader] = []
        var list: OpaquePointer?
        if rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list {
            var index = 0
            var name: UnsafePointer<CChar>?
            var bytes: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(list, index, &name, &bytes, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let headerValue = bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
                headers.append(KafkaHeader(name: name.map { String(cString: $0) } ?? "", value: headerValue))
                index += 1
            }
        }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        return KafkaMessage(
            topic: topic, partition: m.partition, offset: m.offset, key: key, value: value,
            headers: headers, timestamp: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp,
            isTombstone: m.payload == nil)
    }

    /// Only call on `queue`.
    func commit(_ offsets: [TopicPartitionOffset]) throws {
        let rk = try handle()
        let list = rd_kafka_topic_partition_list_new(Int32(offsets.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for offset in offsets {
            rd_kafka_topic_partition_list_add(list, offset.topic, offset.partition).pointee.offset = offset.offset
        }
        let err = rd_kafka_commit(rk, list, 0)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.commit(err, operation: "commit offsets") }
        for element in UnsafeBufferPointer(start: list!.pointee.elems, count: Int(list!.pointee.cnt))
        where element.err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError.commit(element.err, operation: "commit \(String(cString: element.topic))[\(element.partition)]")
        }
    }

    /// Only call on `queue`.
    func assignment() throws -> [TopicPartitionOffset] {
        let rk = try handle()
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let err = rd_kafka_assignment(rk, &list)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, operation: "read assignment") }
        guard let list else { return [] }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return UnsafeBufferPointer(start: list.pointee.elems, count: Int(list.pointee.cnt)).map {
            TopicPartitionOffset(topic: String(cString: $0.topic), partition: $0.partition, offset: $0.offset)
        }
    }

    /// Safe from any thread except `queue` itself.
    func close() {
        queue.sync {
            closed = true
            if let lagRK {
                self.lagRK = nil
                rd_kafka_destroy(lagRK)
            }
            guard let rk else { return }
            self.rk = nil
            let err = rd_kafka_consumer_close(rk)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                context.logger.warning("leaving the group failed: \(String(cString: rd_kafka_err2str(err)))")
            }
            rd_kafka_destroy(rk)
        }
    }
}
