import CRdKafka

/// Everything the Kafka module throws. Each case carries librdkafka's own error name, code and
/// text where there is one, because those are what people search for when a broker misbehaves.
public enum KafkaError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A `key=value` override could not be parsed.
    case invalidOverride(String)
    /// librdkafka rejected a configuration property.
    case configuration(key: String, value: String, reason: String)
    /// `rd_kafka_new` failed.
    case clientCreation(reason: String)
    /// A librdkafka call returned an error.
    case librdkafka(operation: String, code: Int32, name: String, message: String)
    /// The group coordinator refused a commit because the group rebalanced after the records were
    /// polled (this member was evicted, or its generation is over). Retrying cannot help: the
    /// member rejoins only in its next poll, and the records are delivered again after it.
    case rebalanced(operation: String, code: Int32, name: String, message: String)
    /// A message could not be delivered (after librdkafka's own retries).
    case deliveryFailed(topic: String, index: Int, code: Int32, name: String, message: String)
    /// librdkafka raised a fatal error; the client must be recreated.
    case fatal(code: Int32, name: String, message: String)
    /// The client has been closed.
    case closed
    /// The mock cluster could not be created or changed.
    case localBroker(String)
    /// A topic specification file is unreadable or inconsistent.
    case topicSpec(file: String, reason: String)

    /// Builds a `.librdkafka` error from a response code.
    static func from(_ err: rd_kafka_resp_err_t, operation: String) -> KafkaError {
        .librdkafka(
            operation: operation,
            code: err.rawValue,
            name: String(cString: rd_kafka_err2name(err)),
            message: String(cString: rd_kafka_err2str(err))
        )
    }

    /// Commit errors that mean the group moved on without this member's generation.
    static let rebalanceCodes: Set<rd_kafka_resp_err_t> = [
        RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION, RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS,
        RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID, RD_KAFKA_RESP_ERR__ASSIGNMENT_LOST,
    ]

    /// Whether `error` is a commit the group refused because it rebalanced (`.rebalanced`).
    public static func isRebalance(_ error: any Error) -> Bool {
        if case .rebalanced? = error as? KafkaError { return true }
        return false
    }

    /// Builds the error of a failed commit: `.rebalanced` for `rebalanceCodes`, else `.librdkafka`.
    static func commit(_ err: rd_kafka_resp_err_t, operation: String) -> KafkaError {
        guard rebalanceCodes.contains(err) else { return from(err, operation: operation) }
        return .rebalanced(operation: operation, code: err.rawValue, name: String(cString: rd_kafka_err2name(err)),
                           message: String(cString: rd_kafka_err2str(err)))
    }

    /// Builds an error from a `rd_kafka_error_t` and destroys it (the caller owns it).
    static func consuming(_ error: OpaquePointer, operation: String) -> KafkaError {
        defer { rd_kafka_error_destroy(error) }
        let code = rd_kafka_error_code(error)
        let message = String(cString: rd_kafka_error_string(error))
        if rd_kafka_error_is_fatal(error) != 0 {
            return .fatal(code: code.rawValue, name: String(cString: rd_kafka_err2name(code)), message: message)
        }
        return .librdkafka(
            operation: operation,
            code: code.rawValue,
            name: String(cString: rd_kafka_err2name(code)),
            message: message
        )
    }

    public var description: String {
        switch self {
        case .invalidOverride(let text):
            return "invalid librdkafka override \"\(text)\": expected key=value, e.g. security.protocol=ssl"
        case .configuration(let key, let value, let reason):
            return "librdkafka rejected \(key)=\(value): \(reason)"
        case .clientCreation(let reason):
            return "could not create a librdkafka client: \(reason)"
        case .librdkafka(let operation, let code, let name, let message):
            return "\(operation) failed: \(message) (\(name), code \(code))"
        case .rebalanced(let operation, let code, let name, let message):
            return "\(operation) refused: \(message) (\(name), code \(code)); the group rebalanced since these records were polled, so they stay uncommitted and are delivered again to whichever member owns their partition"
        case .deliveryFailed(let topic, let index, let code, let name, let message):
            return "delivery to \(topic) failed for record #\(index): \(message) (\(name), code \(code)); the broker did not acknowledge it within message.timeout.ms"
        case .fatal(let code, let name, let message):
            return "fatal librdkafka error: \(message) (\(name), code \(code)); recreate the client"
        case .closed:
            return "the Kafka client is closed"
        case .localBroker(let reason):
            return "local broker: \(reason)"
        case .topicSpec(let file, let reason):
            return "topic spec \(file): \(reason)"
        }
    }
}
