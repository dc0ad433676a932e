import Foundation
import Synchronization
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
    /// A file's messages are sent in groups of this many, each group confirmed before the next.
    let groupSize = 1000
    let pacer: SendPacer?
    private let clock = SubmissionClock()

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
        /// The first offset each partition gave a message of this publisher, to tell afterwards
        /// whether the broker has deleted some already (`deletedAlready`).
        public var firstOffsets: [Int32: Int64] = [:]
        public init() {}
        public mutating func add(_ other: Totals) {
            messages += other.messages; records += other.records; bytes += other.bytes; unreadable += other.unreadable
            firstOffsets.merge(other.firstOffsets, uniquingKeysWith: min)
        }

        mutating func confirmed(_ reports: [DeliveryReport]) {
            messages += reports.count
            for report in reports { firstOffsets[report.partition] = min(firstOffsets[report.partition] ?? .max, report.offset) }
        }

        /// How many of the messages published are below their partition's earliest offset now
        /// (`lowWatermarks`): deleted by the broker, read by a worker only if one read them in time.
        public func deletedAlready(lowWatermarks: [Int32: Int64]) -> Int {
            firstOffsets.reduce(0) { sum, entry in sum + Int(max(0, (lowWatermarks[entry.key] ?? 0) - entry.value)) }
        }
    }

    /// A file split into keyed messages with their headers (but `deposited-at`, stamped when
    /// they leave), and what it holds.
    public struct PreparedFile: Sendable {
        public let messages: [OutgoingMessage]
        /// Records, bytes and unreadable records; `messages` counts once confirmed.
        public let totals: Totals
    }

    /// Splits, keys and sends one file; returns once every message is confirmed by the broker.
    public func publish(_ file: DepositFile) async throws -> Totals {
        try await publish(prepare(file))
    }

    /// Publishes `files` in order, keeping up to `window` files in flight: the next file is read,
    /// split and handed to the producer while earlier ones wait for the broker (one file at a
    /// time waited ~60 ms per file of 100 records on the local broker; in flight, publishing is
    /// bound by the parse). A paced publisher sends one file at a time. `fileDone` gets each
    /// file's outcome in order: its confirmed totals, or why it could not be read (the others
    /// are still sent).
    public func publish(_ files: [DepositFile], window: Int = 8,
                        fileDone: (DepositFile, Result<Totals, DepositFileError>) -> Void) async throws -> Totals {
        var totals = Totals()
        var inFlight: [(file: DepositFile, deliveries: PendingDeliveries, totals: Totals)] = []
        func confirmOldest() async throws {
            let oldest = inFlight.removeFirst()
            var sent = oldest.totals
            sent.confirmed(try await oldest.deliveries.reports())
            totals.add(sent)
            fileDone(oldest.file, .success(sent))
        }
        for file in files {
            let prepared: PreparedFile
            do {
                prepared = try prepare(file)
            } catch let error as DepositFileError {
                // Earlier files are reported first, so outcomes stay in file order.
                while !inFlight.isEmpty { try await confirmOldest() }
                totals.unreadable += 1
                fileDone(file, .failure(error))
                continue
            }
            if pacer != nil {
                let sent = try await publish(prepared)
                totals.add(sent)
                fileDone(file, .success(sent))
                continue
            }
            inFlight.append((file, try await producer.enqueue(stamped(prepared.messages[...])), prepared.totals))
            while inFlight.count > max(window, 1) { try await confirmOldest() }
        }
        while !inFlight.isEmpty { try await confirmOldest() }
        return totals
    }

    /// Reads, splits and keys one file.
    public func prepare(_ file: DepositFile) throws -> PreparedFile {
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
        var messages: [OutgoingMessage] = []
        messages.reserveCapacity(pieces.count)
        for (index, piece) in pieces.enumerated() {
            var headers = [KafkaHeader(name: DepositHeaders.contentType, string: piece.contentType),
                           KafkaHeader(name: DepositHeaders.depositID, string: depositIDs[index]),
                           KafkaHeader(name: DepositHeaders.depositRecords, string: String(records[depositIDs[index]] ?? 0))]
            if let member { headers.append(KafkaHeader(name: DepositHeaders.memberID, string: member)) }
            messages.append(OutgoingMessage(topic: topic, key: keys[index].map { Array($0.utf8) }, value: piece.xml, headers: headers))
        }
        return PreparedFile(messages: messages, totals: totals)
    }

    /// Sends a prepared file in groups of `groupSize`, each confirmed before the next (paced:
    /// as the pacer lets messages go); returns once every message is confirmed.
    public func publish(_ prepared: PreparedFile) async throws -> Totals {
        var totals = prepared.totals
        let messages = prepared.messages
        var next = 0
        while next < messages.count {
            let count = try await pacer?.take(max: messages.count - next) ?? min(groupSize, messages.count - next)
            totals.confirmed(try await producer.send(stamped(messages[next..<(next + count)])))
            next += count
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
    private func stamped(_ messages: ArraySlice<OutgoingMessage>) -> [OutgoingMessage] {
        let stamp = KafkaHeader(name: DepositHeaders.depositedAt, string: depositedAt ?? Self.timestamp(clock.next()))
        return messages.map { message in
            var message = message
            message.headers.insert(stamp, at: 1)
            return message
        }
    }

    static func timestamp(_ ms: Int64) -> String {
        DateObject(epochMillis: ms).dateTime.replacingOccurrences(of: "Z", with: String(format: ".%03dZ", Int(ms % 1000)))
    }
}

/// Submission times that only go forward: each send is stamped at least a millisecond after the
/// one before, so of two deposits of a DOI at one version the one sent later is also the one
/// submitted later (the index's tie-break), even when both leave within the same millisecond.
final class SubmissionClock: Sendable {
    private let last = Mutex<Int64>(0)

    func next() -> Int64 {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        return last.withLock { last in
            last = max(now, last + 1)
            return last
        }
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
