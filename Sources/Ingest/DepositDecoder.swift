import Kafka
import Unixref
import WorkIndex
import WorkModel

/// Turns consumed messages into what the index takes: works with their versions and sources,
/// and a dead letter for every record that cannot be read (the rest of the message still counts).
///
/// `@unchecked Sendable`: it owns a `DepositParser`, which is not thread-safe; its one user, the
/// pipeline, runs one decode at a time (it awaits each before starting the next).
final class DepositDecoder: @unchecked Sendable {
    private let parser = DepositParser()
    let configuration: PipelineConfiguration

    init(configuration: PipelineConfiguration) { self.configuration = configuration }

    struct Decoded: Sendable {
        var works: [IncomingWork] = []
        var deadLetters: [DeadLetterRecord] = []
        /// `deposit-records` by message (coordinates with the deposit id).
        var depositRecords: [SourceCoordinates: Int] = [:]
        /// Messages older than `skipBeforeMs`, read and not indexed.
        var skipped = 0
    }

    func decode(_ messages: [KafkaMessage]) -> Decoded {
        var decoded = Decoded()
        for message in messages { decode(message, into: &decoded) }
        return decoded
    }

    private func decode(_ message: KafkaMessage, into decoded: inout Decoded) {
        if let since = configuration.skipBeforeMs, (message.timestamp ?? .max) < since {
            decoded.skipped += 1
            return
        }
        let depositID = message.header(DepositHeaders.depositID)
        let source = SourceCoordinates(topic: message.topic, partition: message.partition, offset: message.offset, depositID: depositID)
        if depositID != nil, let count = DepositHeaders.recordCount(message) { decoded.depositRecords[source] = count }
        func deadLetter(_ code: String, _ text: String, index: Int = 0, doi: String? = nil) {
            decoded.deadLetters.append(DeadLetterRecord(source: source, recordIndex: index,
                                                        doi: doi ?? message.keyString.flatMap(Identifiers.doi),
                                                        code: code, message: text))
        }
        if message.isTombstone || message.value.isEmpty {
            deadLetter(RecordError.Code.empty.rawValue, "the message has no value (a deposit is XML bytes)")
            return
        }
        guard message.value.count <= configuration.maxMessageBytes else {
            deadLetter(RecordError.Code.recordTooLarge.rawValue,
                       "the message is \(message.value.count) bytes; the limit is \(configuration.maxMessageBytes)")
            return
        }
        let contentType = message.header(DepositHeaders.contentType)
        guard DepositHeaders.isReadable(contentType: contentType) else {
            deadLetter("unsupported-content-type", "content-type \(contentType ?? "") is not XML (expected \(DepositHeaders.unixsd), \(DepositHeaders.unixref) or \(DepositHeaders.deposit))")
            return
        }
        let depositedAt = DepositHeaders.depositedAtMillis(message)
        let member = message.header(DepositHeaders.memberID).flatMap(Identifiers.member)
        // Every record needs a version: the XML's deposit time, else the header's, else the log's.
        let fallbackVersion = depositedAt ?? message.timestamp ?? 0
        parser.parse(message.value) { outcome in
            switch outcome {
            case .record(var record):
                if record.work.member == nil { record.work.member = member }
                if record.work.deposited == nil, let depositedAt { record.work.deposited = DateObject(epochMillis: depositedAt) }
                var recordSource = source
                if let id = record.depositID, recordSource.depositID == nil { recordSource.depositID = id }
                decoded.works.append(IncomingWork(work: record.work, version: record.version ?? fallbackVersion,
                                                  partialFields: record.partialFields, source: recordSource,
                                                  depositedAtMs: depositedAt, recordIndex: record.recordIndex))
            case .failure(let error):
                deadLetter(error.code.rawValue, error.detail, index: error.recordIndex ?? 0, doi: error.doi)
            }
        }
    }

    /// The dead letter as it goes to the DLQ topic: the original bytes, unchanged, and why.
    static func deadLetterMessage(_ record: DeadLetterRecord, original: KafkaMessage, topic: String) -> OutgoingMessage {
        var headers = original.headers.filter { !$0.name.hasPrefix("error-") && !$0.name.hasPrefix("source-") && $0.name != DeadLetterHeaders.recordIndex }
        headers.append(KafkaHeader(name: DeadLetterHeaders.errorCode, string: record.code))
        headers.append(KafkaHeader(name: DeadLetterHeaders.errorMessage, string: record.message))
        headers.append(KafkaHeader(name: DeadLetterHeaders.sourceTopic, string: original.topic))
        headers.append(KafkaHeader(name: DeadLetterHeaders.sourcePartition, string: String(original.partition)))
        headers.append(KafkaHeader(name: DeadLetterHeaders.sourceOffset, string: String(original.offset)))
        headers.append(KafkaHeader(name: DeadLetterHeaders.recordIndex, string: String(record.recordIndex)))
        return OutgoingMessage(topic: topic, key: original.key, value: original.value, headers: headers)
    }
}
