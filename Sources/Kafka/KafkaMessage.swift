/// A Kafka record header. Values are bytes; most of ours are UTF-8 text.
public struct KafkaHeader: Sendable, Equatable, Hashable {
    public var name: String
    public var value: [UInt8]

    public init(name: String, value: [UInt8]) {
        self.name = name
        self.value = value
    }

    public init(name: String, string: String) {
        self.init(name: name, value: Array(string.utf8))
    }
}

/// A consumed record, copied out of librdkafka so it outlives the C message.
public struct KafkaMessage: Sendable, Equatable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    /// The payload; empty for a tombstone (see `isTombstone`).
    public var value: [UInt8]
    public var headers: [KafkaHeader]
    /// Milliseconds since the epoch (create or log-append time), when the broker sent one.
    public var timestamp: Int64?
    /// True when the record has a null value: a delete marker on a compacted topic.
    public var isTombstone: Bool

    public init(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8],
        headers: [KafkaHeader] = [], timestamp: Int64? = nil, isTombstone: Bool = false
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
        self.isTombstone = isTombstone
    }

    /// The first header with this name decoded as UTF-8 (invalid bytes are repaired).
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }.map { String(decoding: $0.value, as: UTF8.self) }
    }

    /// The key decoded as UTF-8.
    public var keyString: String? {
        key.map { String(decoding: $0, as: UTF8.self) }
    }
}

/// A record to produce.
public struct OutgoingMessage: Sendable, Equatable {
    public var topic: String
    public var key: [UInt8]?
    /// `nil` produces a tombstone (deletes the key on a compacted topic).
    public var value: [UInt8]?
    public var headers: [KafkaHeader]
    /// `nil` lets the partitioner pick from the key (librdkafka's consistent_random).
    public var partition: Int32?
    /// Milliseconds since the epoch; `nil` means "now".
    public var timestamp: Int64?

    public init(
        topic: String, key: [UInt8]? = nil, value: [UInt8]?, headers: [KafkaHeader] = [],
        partition: Int32? = nil, timestamp: Int64? = nil
    ) {
        self.topic = topic
        self.key = key
        self.value = value
        self.headers = headers
        self.partition = partition
        self.timestamp = timestamp
    }

    public init(
        topic: String, key: String, value: [UInt8]?, headers: [KafkaHeader] = [],
        partition: Int32? = nil, timestamp: Int64? = nil
    ) {
        self.init(
            topic: topic, key: Array(key.utf8), value: value, headers: headers,
            partition: partition, timestamp: timestamp)
    }
}

/// Where the broker stored a produced record: `offset` is the record's own.
public typealias DeliveryReport = TopicPartitionOffset

/// A position in a partition. For commits, `offset` is the next offset to read.
public struct TopicPartitionOffset: Sendable, Equatable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64

    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}

/// How far a consumer group is behind one partition.
public struct PartitionLag: Sendable, Equatable, Hashable {
    public var topic: String
    public var partition: Int32
    /// The committed next offset to read, or `nil` when the group never committed here.
    public var committed: Int64?
    public var lowWatermark: Int64
    public var highWatermark: Int64
    /// Records not yet committed; without a commit, everything still retained counts.
    public var lag: Int64

    public init(topic: String, partition: Int32, committed: Int64?, lowWatermark: Int64, highWatermark: Int64) {
        self.topic = topic
        self.partition = partition
        self.committed = committed
        self.lowWatermark = lowWatermark
        self.highWatermark = highWatermark
        self.lag = max(0, highWatermark - max(committed ?? lowWatermark, lowWatermark))
    }
}
