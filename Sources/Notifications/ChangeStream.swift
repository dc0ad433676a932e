import Foundation
import Kafka
import WorkIndex

/// Reading `work-changes`: each message is one `ChangeEvent` (key = DOI). Delivery is
/// at-least-once, so consumers deduplicate on the event id.
public enum ChangeStream {
    public static let topic = "work-changes"

    /// The event a message carries, or why it carries none (a consumer logs and skips it: a
    /// malformed event must not stall the stream, and the index still has the work).
    public static func event(in message: KafkaMessage) throws(ChangeStreamError) -> ChangeEvent {
        guard !message.isTombstone, !message.value.isEmpty else {
            throw .undecodable(partition: message.partition, offset: message.offset, reason: "empty value")
        }
        do {
            return try JSONDecoder().decode(ChangeEvent.self, from: Data(message.value))
        } catch {
            throw .undecodable(partition: message.partition, offset: message.offset, reason: String(describing: error))
        }
    }
}

public enum ChangeStreamError: Error, CustomStringConvertible, Equatable {
    case undecodable(partition: Int32, offset: Int64, reason: String)

    public var description: String {
        switch self {
        case .undecodable(let partition, let offset, let reason):
            return "work-changes[\(partition)]@\(offset) is not a change event (\(reason)); skipped. Check the producer of that message against Topics/schemas/work-change.schema.json."
        }
    }
}
