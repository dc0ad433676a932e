import Kafka
import WorkModel

/// The optional headers of a deposit message (the XML wins where it says more).
public enum DepositHeaders {
    public static let contentType = "content-type"
    public static let depositID = "deposit-id"
    public static let memberID = "member-id"
    public static let depositedAt = "deposited-at"
    /// How many records the whole deposit holds (over all its messages): the worker publishes the
    /// deposit's processing report once it has counted that many.
    public static let depositRecords = "deposit-records"

    public static let unixsd = "application/vnd.crossref.unixsd+xml"
    public static let unixref = "application/vnd.crossref.unixref+xml"
    public static let deposit = "application/vnd.crossref.deposit+xml"

    /// Content types the worker reads; anything else is dead-lettered as `unsupported-content-type`.
    static func isReadable(contentType: String?) -> Bool {
        guard let contentType = contentType?.lowercased() else { return true }
        return contentType.contains("xml")
    }

    /// `deposited-at` as epoch milliseconds (ISO 8601 or the registry's digit forms).
    static func depositedAtMillis(_ message: KafkaMessage) -> Int64? {
        message.header(depositedAt).flatMap(DepositTimestamp.epochMillis)
    }

    /// `deposit-records` when it is a positive count.
    static func recordCount(_ message: KafkaMessage) -> Int? {
        message.header(depositRecords).flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }
}

/// Headers of a dead letter: why, and where the original message was.
public enum DeadLetterHeaders {
    public static let errorCode = "error-code"
    public static let errorMessage = "error-message"
    public static let sourceTopic = "source-topic"
    public static let sourcePartition = "source-partition"
    public static let sourceOffset = "source-offset"
    public static let recordIndex = "record-index"
}
