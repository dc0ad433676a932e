import CRdKafka
import Foundation
import Logging

/// An idempotent, compressing producer that confirms every delivery.
///
/// `send` returns only when the broker acknowledged the records (or they failed for good), which
/// is what the outbox publisher and the DLQ need before deleting rows or committing offsets.
public final class KafkaProducer: Sendable {
    private let client: ProducerClient

    public init(configuration: KafkaConfiguration, logger: Logger = Logger(label: "Kafka.producer")) throws {
        let context = ClientContext(logger: logger)
        let rk = try KafkaHandleFactory.make(
            type: RD_KAFKA_PRODUCER,
            properties: configuration.properties(KafkaConfiguration.producerDefaults),
            context: context
        ) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf, deliveryReportCallback)
        }
        client = ProducerClient(rk: rk, context: context)
    }

    deinit {
        client.shutdown()
    }

    /// Sends one record and waits for its delivery report.
    @discardableResult
    public func send(_ record: OutgoingMessage) async throws -> DeliveryReport {
        try await send([record])[0]
    }

    /// Enqueues all records, then waits for all delivery reports; reports come back in input
    /// order. Throws the first failure (after every enqueued record has a report, so nothing is
    /// left in flight behind the caller's back).
    public func send(_ records: [OutgoingMessage]) async throws -> [DeliveryReport] {
        try await enqueue(records).reports()
    }

    /// Hands the records to librdkafka in order and returns without waiting for the broker:
    /// records enqueued by one call go out before those of a later call (per partition, with the
    /// idempotent producer, in that order), so a caller can prepare and enqueue the next records
    /// while earlier ones are in flight, and confirm them with `reports()` later.
    public func enqueue(_ records: [OutgoingMessage]) async throws -> PendingDeliveries {
        guard !records.isEmpty else { return PendingDeliveries(delivered: []) }
        let rk = try client.handle()
        try await client.prepareTopics(Set(records.map(\.topic)))
        let batch = DeliveryBatch(count: records.count)
        var enqueueError: (any Error)?
        enqueue: for (index, record) in records.enumerated() {
            while true {
                let slot = Unmanaged.passRetained(DeliverySlot(batch: batch, index: index))
                let err = Self.produce(rk, record, opaque: slot.toOpaque())
                guard let err else {
                    batch.didEnqueue()
                    break
                }
                slot.release()
                let code = rd_kafka_error_code(err)
                if code == RD_KAFKA_RESP_ERR__QUEUE_FULL {
                    rd_kafka_error_destroy(err)
                    // The poll thread drains delivery reports, which frees queue space. Sleeping
                    // (rather than a blocking rd_kafka_poll) keeps the cooperative pool free.
                    rd_kafka_poll(rk, 0)
                    do {
                        try await Task.sleep(for: .milliseconds(2))
                    } catch {
                        enqueueError = error
                        break enqueue
                    }
                    continue
                }
                enqueueError = KafkaError.consuming(err, operation: "produce to \(record.topic)")
                break enqueue
            }
        }
        return PendingDeliveries(batch: batch, enqueueError: enqueueError)
    }

    /// Waits until every queued record has been delivered or failed.
    public func flush(timeout: Duration = .seconds(10)) async throws {
        let client = self.client
        try await runBlocking {
            let err = rd_kafka_flush(try client.handle(), timeout.kafkaMilliseconds)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, operation: "flush") }
        }
    }

    /// Flushes, then releases the handle. Later sends throw `KafkaError.closed`.
    public func close(timeout: Duration = .seconds(10)) async throws {
        defer { client.shutdown() }
        try await flush(timeout: timeout)
    }

    /// Builds the produceva argument list; every pointer is only borrowed for the call because
    /// RD_KAFKA_MSG_F_COPY makes librdkafka copy key and value, and headers are copied into a
    /// librdkafka-owned list.
    private static func produce(_ rk: OpaquePointer, _ record: OutgoingMessage, opaque: UnsafeMutableRawPointer) -> OpaquePointer? {
        var headers: OpaquePointer?
        if !record.headers.isEmpty {
            headers = rd_kafka_headers_new(record.headers.count)
            for header in record.headers {
                header.value.withUnsafeBytes { bytes in
                    _ = rd_kafka_header_add(headers, header.name, -1, bytes.baseAddress ?? UnsafeRawPointer(emptyBytes), bytes.count)
                }
            }
        }
        let result: OpaquePointer? = record.topic.withCString { topic in
            withOptionalBytes(record.key) { keyPointer, keyCount in
                withOptionalBytes(record.value) { valuePointer, valueCount in
                    var args: [rd_kafka_vu_t] = [
                        .argument(RD_KAFKA_VTYPE_TOPIC) { $0.cstr = topic },
                        .argument(RD_KAFKA_VTYPE_MSGFLAGS) { $0.i = RD_KAFKA_MSG_F_COPY },
                        .argument(RD_KAFKA_VTYPE_OPAQUE) { $0.ptr = opaque },
                    ]
                    if let partition = record.partition { args.append(.argument(RD_KAFKA_VTYPE_PARTITION) { $0.i32 = partition }) }
                    if let keyPointer { args.append(.argument(RD_KAFKA_VTYPE_KEY) { $0.mem.ptr = keyPointer; $0.mem.size = keyCount }) }
                    if let valuePointer { args.append(.argument(RD_KAFKA_VTYPE_VALUE) { $0.mem.ptr = valuePointer; $0.mem.size = valueCount }) }
                    if let timestamp = record.timestamp { args.append(.argument(RD_KAFKA_VTYPE_TIMESTAMP) { $0.i64 = timestamp }) }
                    if let headers { args.append(.argument(RD_KAFKA_VTYPE_HEADERS) { $0.headers = headers }) }
                    return rd_kafka_produceva(rk, args, args.count)
                }
            }
        }
        // On success librdkafka owns the header list; on failure it is still ours.
        if result != nil, let headers { rd_kafka_headers_destroy(headers) }
        return result
    }
}

extension rd_kafka_vu_t {
    /// One `rd_kafka_produceva` argument: its type tag and the union member `set` fills.
    fileprivate static func argument(_ type: rd_kafka_vtype_t, _ set: (inout rd_kafka_vu_t.__Unnamed_union_u) -> Void) -> rd_kafka_vu_t {
        var vu = rd_kafka_vu_t()
        vu.vtype = type
        set(&vu.u)
        return vu
    }
}

/// A non-NULL pointer for empty payloads: librdkafka treats a NULL value as a tombstone.
nonisolated(unsafe) private let emptyBytes = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

/// Calls `body` with a pointer to the bytes: NULL for `nil`, a non-NULL pointer for empty.
private func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeMutableRawPointer?, Int) -> R) -> R {
    guard let bytes else { return body(nil, 0) }
    return bytes.withUnsafeBytes { raw in
        body(raw.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) } ?? emptyBytes, raw.count)
    }
}

/// Owns the producer handle and the thread that serves its delivery reports.
///
/// `@unchecked Sendable` is safe because `rd_kafka_t` is thread-safe for produce/poll/flush, and
/// the only mutable state (the handle's liveness) is guarded by `lock`; `shutdown` stops and
/// joins the poll thread before `rd_kafka_destroy`, so no call can race the destruction except
/// one that fetched the handle just before — callers must not close while sending.
final class ProducerClient: @unchecked Sendable {
    private let lock = NSLock()
    private var rk: OpaquePointer?
    private var stopping = false
    private let pollerExited = DispatchSemaphore(value: 0)
    private let pollHandle: OpaquePointer
    let context: ClientContext

    init(rk: OpaquePointer, context: ClientContext) {
        self.rk = rk
        self.pollHandle = rk
        self.context = context
        // A dedicated thread (not the cooperative pool) blocks in rd_kafka_poll, so delivery
        // reports are served continuously whatever the Swift tasks are doing.
        let thread = Thread { [self] in pollLoop(pollHandle) }
        thread.name = "rdkafka-producer-poll"
        thread.start()
    }

    private func pollLoop(_ rk: OpaquePointer) {
        while !lock.withLock({ stopping }) {
            rd_kafka_poll(rk, 100)
        }
        pollerExited.signal()
    }

    private var preparedTopics: [String: OpaquePointer] = [:]

    /// Fetches metadata for topics this producer has not sent to yet, before enqueueing.
    /// Measured on librdkafka 2.0.2: records enqueued while a topic's partitions are still
    /// unknown sit ~1 s (a broker thread's idle wait) before their first send; with metadata
    /// known up front the first batch goes out immediately.
    func prepareTopics(_ topics: Set<String>) async throws {
        let missing = lock.withLock { topics.subtracting(preparedTopics.keys) }
        guard !missing.isEmpty else { return }
        let rk = try handle()
        for topic in missing.sorted() {
            // The topic handle is kept (and destroyed in shutdown) so librdkafka keeps its
            // metadata cached and does not expire the topic between sends.
            guard let rkt = rd_kafka_topic_new(rk, topic, nil) else {
                throw KafkaError.from(rd_kafka_last_error(), operation: "open topic \(topic)")
            }
            let handleBox = UncheckedBox(rk)
            let topicBox = UncheckedBox(rkt)
            // Metadata errors are not fatal here: produce reports them per record if they persist.
            _ = try await runBlocking {
                var metadata: UnsafePointer<rd_kafka_metadata_t>?
                if rd_kafka_metadata(handleBox.value, 0, topicBox.value, &metadata, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata {
                    rd_kafka_metadata_destroy(metadata)
                }
            }
            let duplicate: OpaquePointer? = lock.withLock {
                if preparedTopics[topic] != nil { return rkt }
                preparedTopics[topic] = rkt
                return nil
            }
            if let duplicate { rd_kafka_topic_destroy(duplicate) }
        }
    }

    func handle() throws -> OpaquePointer {
        try lock.withLock {
            guard let rk, !stopping else { throw KafkaError.closed }
            if let fatal = KafkaHandleFactory.fatalError(rk) { throw fatal }
            return rk
        }
    }

    func shutdown() {
        let handle: OpaquePointer? = lock.withLock {
            guard !stopping else { return nil }
            stopping = true
            return rk
        }
        guard let handle else { return }
        pollerExited.wait()
        // Fail whatever is still queued or in flight and serve those reports, so a sender
        // blocked in `send` is resumed with an error instead of waiting forever.
        rd_kafka_purge(handle, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
        let deadline = ContinuousClock.now + .seconds(1)
        repeat {
            rd_kafka_poll(handle, 10)
        } while rd_kafka_outq_len(handle) > 0 && ContinuousClock.now < deadline
        lock.withLock { preparedTopics.values }.forEach { rd_kafka_topic_destroy($0) }
        rd_kafka_destroy(handle)
        lock.withLock { rk = nil }
    }
}

/// Runs blocking work (librdkafka calls; the worker's SQLite calls, which wait for the one writer)
/// on a GCD thread so it never occupies the cooperative pool, which has one thread per core: a
/// batch write (~150 ms) and the outbox publisher's delete waiting behind it held both of a 2-core
/// machine's, while the next batch's parsing, a task on the same pool, waited.
public func runBlocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}

/// Carries a C handle into a `@Sendable` closure; used only for librdkafka handles, which are
/// thread-safe, and only while their owner keeps them alive.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
