import CRdKafka
import Foundation

/// Collects the delivery reports of one `send` call and wakes the sender when all are in.
///
/// Reports arrive on the producer's poll thread while the sender may still be enqueueing, so
/// all state sits behind one lock (hence `@unchecked Sendable`).
final class DeliveryBatch: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<DeliveryReport, KafkaError>?]
    private var outstanding = 0
    private var sealed = false
    private var continuation: CheckedContinuation<Void, Never>?

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    /// Called after librdkafka accepted record `index`: a report for it will follow.
    func didEnqueue() {
        lock.withLock { outstanding += 1 }
    }

    func complete(index: Int, with result: Result<DeliveryReport, KafkaError>) {
        let resume: CheckedContinuation<Void, Never>? = lock.withLock {
            results[index] = result
            outstanding -= 1
            guard sealed, outstanding == 0 else { return nil }
            defer { continuation = nil }
            return continuation
        }
        resume?.resume()
    }

    /// Waits for the reports of every enqueued record (none may be enqueued after this).
    func waitForAll() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done: Bool = lock.withLock {
                sealed = true
                if outstanding == 0 { return true }
                self.continuation = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }

    func collected() -> [Result<DeliveryReport, KafkaError>?] {
        lock.withLock { results }
    }
}

/// The per-message opaque: which batch and which position. Retained while librdkafka owns the
/// message and released by the delivery callback (or by the sender when enqueueing fails).
final class DeliverySlot: Sendable {
    let batch: DeliveryBatch
    let index: Int

    init(batch: DeliveryBatch, index: Int) {
        self.batch = batch
        self.index = index
    }
}

/// Runs on the producer's poll thread (inside `rd_kafka_poll`), once per message.
let deliveryReportCallback: @convention(c) (OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?) -> Void = {
    _, message, _ in
    guard let message, let opaque = message.pointee._private else { return }
    let slot = Unmanaged<DeliverySlot>.fromOpaque(opaque).takeRetainedValue()
    let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
    let err = message.pointee.err
    if err == RD_KAFKA_RESP_ERR_NO_ERROR {
        slot.batch.complete(
            index: slot.index,
            with: .success(DeliveryReport(topic: topic, partition: message.pointee.partition, offset: message.pointee.offset)))
    } else {
        slot.batch.complete(
            index: slot.index,
            with: .failure(.deliveryFailed(
                topic: topic, index: slot.index, code: err.rawValue,
                name: String(cString: rd_kafka_err2name(err)), message: String(cString: rd_kafka_err2str(err)))))
    }
}
