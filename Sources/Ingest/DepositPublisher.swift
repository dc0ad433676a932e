import Foundation
import Kafka
import Unixref
import WorkModel

/// Publishes deposit files to the deposits topic: one message per record, keyed by DOI (a
/// member deposit whole, keyed by its deposit id), with the deposit headers.
public struct DepositPublisher: Sendable {
    let producer: any MessageSink
    let topic: String
    let member: String?
    let depositedAt: String?
    /// Messages are sent in groups of this many, each group confirmed before the next.
    let groupSize = 1000

    public init(producer: any MessageSink, topic: String = "deposits", member: String? = nil, depositedAt: String? = nil) {
        self.producer = producer
        self.topic = topic
        self.member = member
        self.depositedAt = depositedAt
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
        var pending: [OutgoingMessage] = []
        let parser = DepositParser()
        for piece in pieces {
            // The key is the DOI the worker will read (a batch: its deposit id), so that every
            // version of a work lands on the same partition, in order.
            var dois: [String] = []
            parser.parse(piece.xml) { if case .record(let r) = $0 { dois.append(r.work.DOI) } }
            let key = piece.contentType.hasSuffix("deposit+xml") ? (piece.depositID ?? dois.first) : (dois.count == 1 ? dois[0] : piece.doi ?? dois.first)
            var headers = [KafkaHeader(name: DepositHeaders.contentType, string: piece.contentType),
                           KafkaHeader(name: DepositHeaders.depositedAt, string: depositedAt ?? Self.now())]
            if let id = piece.depositID { headers.append(KafkaHeader(name: DepositHeaders.depositID, string: id)) }
            if let member { headers.append(KafkaHeader(name: DepositHeaders.memberID, string: member)) }
            pending.append(OutgoingMessage(topic: topic, key: key.map { Array($0.utf8) }, value: piece.xml, headers: headers))
            totals.records += max(dois.count, 1)
            totals.bytes += piece.xml.count
            if pending.count >= groupSize {
                totals.messages += try await producer.send(pending).count
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { totals.messages += try await producer.send(pending).count }
        return totals
    }

    static func now() -> String {
        let ms = Int64(Date().timeIntervalSince1970 * 1000)
        return DateObject(epochMillis: ms).dateTime.replacingOccurrences(of: "Z", with: String(format: ".%03dZ", Int(ms % 1000)))
    }
}
