import Foundation
import Kafka
import Unixref
import WorkIndex
import WorkModel

/// Publishes deposit files to the deposits topic: one message per record, keyed by DOI (a
/// member deposit whole, keyed by its deposit id), with the deposit headers.
///
/// Every message names its deposit (`deposit-id`: a `doi_batch`'s batch id, otherwise one derived
/// from the file: `<file name>-<content hash>`, the same for the same bytes) and how many records
/// the deposit holds (`deposit-records`, counted as the worker will: records and unreadable
/// records), so the worker can tell when a deposit is fully processed and report on it.
public struct DepositPublisher: Sendable {
    let producer: any MessageSink
    let topic: String
    let member: String?
    let depositedAt: String?
    /// Messages are sent in groups of this many, each group confirmed before the next.
    let groupSize = 1000
    let pacer: SendPacer?

    /// `rate` (messages per second, over every `publish` call of this publisher) offers a steady
    /// load, e.g. to measure freshness; nil sends as fast as the broker confirms.
    public init(producer: any MessageSink, topic: String = "deposits", member: String? = nil, depositedAt: String? = nil,
                rate: Double? = nil) {
        self.producer = producer
        self.topic = topic
        self.member = member
        self.depositedAt = depositedAt
        self.pacer = rate.map(SendPacer.init(rate:))
    }

    public struct Totals: Sendable {
        public var messages = 0
        public var records = 0
        public var bytes = 0
        public var unreadable = 0
        public init() {}
        public mutating func add(_ other: Totals) {
            messages += other.messages; records += other.records; bytes += other.bytes; unreadable += other.unreadable
        }
    }

    /// Splits, keys and sends one file; returns once every message is confirmed by the broker.
    public func publish(_ file: DepositFile) async throws -> Totals {
        let bytes = try file.readAll()
        let pieces = RecordSplitter().split(bytes)
        var totals = Totals()
        let parser = DepositParser()
        let fileDepositID = Self.depositID(name: file.isStandardInput ? "stdin" : file.path, bytes: bytes)
        var keys: [String?] = [], depositIDs: [String] = [], records: [String: Int] = [:]
        for piece in pieces {
            // The key is the DOI the worker will read (a batch: its deposit id), so that every
            // version of a work lands on the same partition, in order.
            var dois: [String] = []
            var outcomes = 0
            parser.parse(piece.xml) { outcome in
                outcomes += 1
                if case .record(let r) = outcome { dois.append(r.work.DOI) }
            }
            keys.append(piece.contentType.hasSuffix("deposit+xml") ? (piece.depositID ?? dois.first) : (dois.count == 1 ? dois[0] : piece.doi ?? dois.first))
            let depositID = piece.depositID ?? fileDepositID
            depositIDs.append(depositID)
            records[depositID, default: 0] += outcomes
            totals.records += max(dois.count, 1)
            totals.bytes += piece.xml.count
        }
        var pending: [OutgoingMessage] = []
        for (index, piece) in pieces.enumerated() {
            var headers = [KafkaHeader(name: DepositHeaders.contentType, string: piece.contentType),
                           KafkaHeader(name: DepositHeaders.depositID, string: depositIDs[index]),
                           KafkaHeader(name: DepositHeaders.depositRecords, string: String(records[depositIDs[index]] ?? 0))]
            if let member { headers.append(KafkaHeader(name: DepositHeaders.memberID, string: member)) }
            pending.append(OutgoingMessage(topic: topic, key: keys[index].map { Array($0.utf8) }, value: piece.xml, headers: headers))
            if pending.count >= groupSize, pacer == nil {
                totals.messages += try await send(pending[...])
                pending.removeAll(keepingCapacity: true)
            }
        }
        if let pacer {
            var next = 0
            while next < pending.count {
                let count = try await pacer.take(max: pending.count - next)
                totals.messages += try await send(pending[next..<(next + count)])
                next += count
            }
        } else if !pending.isEmpty {
            totals.messages += try await send(pending[...])
        }
        return totals
    }

    /// The deposit id of a file without a batch id: its name and a hash of its bytes, so the same
    /// file sent twice is the same deposit (its second report is submission 2).
    static func depositID(name: String, bytes: [UInt8]) -> String {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        return "\(base)-\(ContentHash.hex(bytes).prefix(12))"
    }

    /// Stamps `deposited-at` (unless fixed) when the messages leave, so that freshness counts
    /// from the send and not from when the file was read and split.
    private func send(_ messages: ArraySlice<OutgoingMessage>) async throws -> Int {
        let stamp = KafkaHeader(name: DepositHeaders.depositedAt, string: depositedAt ?? Self.now())
        return try await producer.send(messages.map { message in
            var message = message
            message.headers.insert(stamp, at: 1)
            return message
        }).count
    }

    static func now() -> String {
        let ms = Int64(Date().timeIntervalSince1970 * 1000)
        return DateObject(epochMillis: ms).dateTime.replacingOccurrences(of: "Z", with: String(format: ".%03dZ", Int(ms % 1000)))
    }
}

/// Spreads sends evenly at `rate` messages per second from the first one. A send that runs late
/// is caught up by the next, larger one, so the offered rate holds over time.
final class SendPacer: @unchecked Sendable {
    let rate: Double
    private let lock = NSLock()
    private var start: ContinuousClock.Instant?
    private var sent = 0

    init(rate: Double) { self.rate = rate }

    /// Waits until at least one message is due; returns how many are (at most `max`), counted as sent.
    func take(max: Int) async throws -> Int {
        while true {
            let (count, wait): (Int, Duration) = lock.withLock {
                let now = ContinuousClock.now
                let begin = start ?? now
                start = begin
                let elapsed = begin.duration(to: now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let due = Int(seconds * rate) + 1 - sent
                if due >= 1 {
                    let count = Swift.min(due, max)
                    sent += count
                    return (count, .zero)
                }
                return (0, .seconds(Double(sent) / rate - seconds))
            }
            if count > 0 { return count }
            try await Task.sleep(for: wait)
        }
    }
}
