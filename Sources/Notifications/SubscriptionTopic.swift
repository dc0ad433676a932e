import Kafka

/// The compacted `alert-subscriptions` topic: key = alert id, value = the subscription JSON, a
/// tombstone (null value) deletes it.
public enum SubscriptionTopic {
    public static let topic = "alert-subscriptions"

    public enum Change: Sendable, Hashable {
        case saved(AlertSubscription)
        case removed(id: String)

        public var id: String {
            switch self {
            case .saved(let subscription): return subscription.id
            case .removed(let id): return id
            }
        }
    }

    /// The change a message makes, or why it makes none (a value that is not a subscription, or
    /// one whose id is not its key, is skipped: it must not stop the reader).
    public static func change(in message: KafkaMessage) throws(SubscriptionTopicError) -> Change {
        guard let key = message.keyString, !key.isEmpty else {
            throw .unreadable(partition: message.partition, offset: message.offset, reason: "no key")
        }
        if message.isTombstone { return .removed(id: key) }
        let subscription: AlertSubscription
        do { subscription = try AlertSubscription.decode(message.value) } catch {
            throw .unreadable(partition: message.partition, offset: message.offset, reason: String(describing: error))
        }
        guard subscription.id == key else {
            throw .unreadable(partition: message.partition, offset: message.offset, reason: "id \(subscription.id) is not the key \(key)")
        }
        return .saved(subscription)
    }

    public static func message(_ change: Change) -> OutgoingMessage {
        switch change {
        case .saved(let subscription):
            return OutgoingMessage(topic: topic, key: subscription.id, value: subscription.jsonBytes)
        case .removed(let id):
            return OutgoingMessage(topic: topic, key: id, value: nil)
        }
    }
}

public enum SubscriptionTopicError: Error, CustomStringConvertible {
    case unreadable(partition: Int32, offset: Int64, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let partition, let offset, let reason):
            return "\(SubscriptionTopic.topic)[\(partition)]@\(offset) is not a subscription (\(reason)); skipped. Check its producer against Topics/schemas/alert-subscription.schema.json."
        }
    }
}
