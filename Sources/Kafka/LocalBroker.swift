import CRdKafka
import Foundation
import Logging

/// librdkafka's mock cluster: a Kafka-protocol broker on 127.0.0.1 with random ports, living in
/// this process. Other processes reach it over TCP through `bootstrapServers` for as long as
/// this object (and the process) lives.
///
/// Limits (librdkafka 2.0.2): no CreateTopics (use `createTopic`), only the newest ~5 MiB per
/// partition are kept, transactions are not real, and a rebalance waits for the session timeout.
///
/// `@unchecked Sendable`: the mock API functions post operations to the cluster's own thread and
/// are safe to call from any thread; `lock` guards the pointers so `stop` cannot race a call.
public final class LocalBroker: @unchecked Sendable {
    private let lock = NSLock()
    private var rk: OpaquePointer?
    private var cluster: OpaquePointer?
    private let context: ClientContext
    public let brokerCount: Int
    /// `host:port,...` of every mock broker; hand this to clients as `bootstrap.servers`.
    public let bootstrapServers: String

    public init(brokerCount: Int = 1, logger: Logger = Logger(label: "Kafka.localBroker")) throws {
        guard brokerCount >= 1 else { throw KafkaError.localBroker("brokerCount must be at least 1, got \(brokerCount)") }
        context = ClientContext(logger: logger)
        // The cluster needs an rd_kafka_t for bookkeeping only; a bare producer with no brokers
        // never connects anywhere (mock_cluster_new is preferred over test.mock.num.brokers so
        // this handle is not itself a client of the cluster).
        let handle = try KafkaHandleFactory.make(type: RD_KAFKA_PRODUCER, properties: [("log_level", "3")], context: context)
        guard let mock = rd_kafka_mock_cluster_new(handle, Int32(brokerCount)) else {
            rd_kafka_destroy(handle)
            throw KafkaError.localBroker("rd_kafka_mock_cluster_new failed for \(brokerCount) brokers")
        }
        rk = handle
        cluster = mock
        self.brokerCount = brokerCount
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(mock))
    }

    deinit {
        stop()
    }

    /// False once `stop` was called.
    public var isRunning: Bool { lock.withLock { cluster != nil } }

    /// Broker ids are 1...brokerCount.
    public var brokerIDs: [Int32] { (1...Int32(brokerCount)).map { $0 } }

    /// Creates a topic. Throws TOPIC_ALREADY_EXISTS if it exists — including when a producer
    /// already auto-created it by sending to it first.
    public func createTopic(name: String, partitions: Int, replicationFactor: Int = 1) throws {
        try withCluster("create topic \(name)") { cluster in
            rd_kafka_mock_topic_create(cluster, name, Int32(partitions), Int32(min(replicationFactor, brokerCount)))
        }
    }

    /// Makes a broker drop its connections and refuse new ones (leadership does not move).
    public func setBrokerDown(_ id: Int32) {
        logFailure { try withCluster("set broker \(id) down") { rd_kafka_mock_broker_set_down($0, id) } }
    }

    /// Lets a broker accept connections again.
    public func setBrokerUp(_ id: Int32) {
        logFailure { try withCluster("set broker \(id) up") { rd_kafka_mock_broker_set_up($0, id) } }
    }

    /// Moves a partition's leadership, e.g. to put known partitions behind a broker to take down.
    public func setPartitionLeader(topic: String, partition: Int32, broker: Int32) throws {
        try withCluster("set leader of \(topic)[\(partition)]") {
            rd_kafka_mock_partition_set_leader($0, topic, partition, broker)
        }
    }

    /// Shuts the cluster down; connected clients see their connections close.
    public func stop() {
        let (mock, handle): (OpaquePointer?, OpaquePointer?) = lock.withLock {
            defer { cluster = nil; rk = nil }
            return (cluster, rk)
        }
        if let mock { rd_kafka_mock_cluster_destroy(mock) }
        if let handle { rd_kafka_destroy(handle) }
    }

    private func withCluster(_ operation: String, _ body: (OpaquePointer) -> rd_kafka_resp_err_t) throws {
        try lock.withLock {
            guard let cluster else { throw KafkaError.localBroker("\(operation): the broker is stopped") }
            let err = body(cluster)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, operation: operation) }
        }
    }

    private func logFailure(_ body: () throws -> Void) {
        do { try body() } catch { context.logger.warning("\(error)") }
    }
}
