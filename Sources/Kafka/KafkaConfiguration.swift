import Foundation

/// Where the brokers are and any librdkafka properties to pass through unchanged.
///
/// `overrides` always win over the defaults this module applies, so an operator can tune
/// anything librdkafka knows (see CONFIGURATION.md) without a code change.
public struct KafkaConfiguration: Sendable, Equatable {
    public var brokers: String
    public var overrides: [String: String]

    public init(brokers: String, overrides: [String: String] = [:]) {
        self.brokers = brokers
        self.overrides = overrides
    }

    /// Builds a configuration from command-line style `key=value` strings.
    public init(brokers: String, overrideStrings: [String]) throws {
        var overrides: [String: String] = [:]
        for text in overrideStrings {
            let (key, value) = try Self.parseOverride(text)
            overrides[key] = value
        }
        self.init(brokers: brokers, overrides: overrides)
    }

    /// Splits `key=value` at the first `=` (values such as SASL JAAS strings may contain more).
    public static func parseOverride(_ text: String) throws -> (key: String, value: String) {
        guard let equals = text.firstIndex(of: "=") else { throw KafkaError.invalidOverride(text) }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        let value = String(text[text.index(after: equals)...])
        guard !key.isEmpty, !key.contains(where: \.isWhitespace) else {
            throw KafkaError.invalidOverride(text)
        }
        return (key, value)
    }

    /// Defaults for every client. A short reconnect back-off matters when a broker comes back
    /// (the librdkafka default of 10 s would dominate outage recovery and test time).
    public static let commonDefaults: [String: String] = [
        "reconnect.backoff.max.ms": "500",
    ]

    /// Consumer defaults: at-least-once needs offsets committed only by the application, and a
    /// short session keeps rebalances (which wait for the session timeout) quick.
    public static let consumerDefaults: [String: String] = [
        "session.timeout.ms": "6000",
        "heartbeat.interval.ms": "1000",
        "enable.auto.commit": "false",
        "enable.auto.offset.store": "false",
        "auto.offset.reset": "earliest",
    ]

    /// Producer defaults: idempotence gives per-partition ordering and no duplicates across
    /// retries; lz4 keeps the mock broker's 5 MiB-per-partition window and real disks happy.
    public static let producerDefaults: [String: String] = [
        "enable.idempotence": "true",
        "compression.codec": "lz4",
        "linger.ms": "5",
    ]

    /// The final property list for a client: defaults, then overrides, then what the API
    /// arguments fix (`bootstrap.servers` from `brokers`, `group.id` from the group argument).
    func properties(_ roleDefaults: [String: String], extra: [String: String] = [:]) -> [(String, String)] {
        var merged = Self.commonDefaults
        merged.merge(roleDefaults) { _, new in new }
        merged.merge(overrides) { _, new in new }
        merged["bootstrap.servers"] = brokers
        merged.merge(extra) { _, new in new }
        // Sorted so errors and logs are deterministic.
        return merged.sorted { $0.key < $1.key }
    }
}
