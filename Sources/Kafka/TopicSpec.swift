/// One topic's contract, as stored in `Topics/<name>.json`. JSON keys are kebab-case like the
/// rest of the project's JSON (`replication-factor`, `retention-ms`, `cleanup-policy`, …).
public struct TopicSpec: Codable, Sendable, Equatable {
    public enum CleanupPolicy: String, Codable, Sendable {
        case delete
        case compact
    }

    /// A header producers set on this topic's records.
    public struct HeaderSpec: Codable, Sendable, Equatable {
        public var name: String
        public var description: String
        public var required: Bool?

        public init(name: String, description: String, required: Bool? = nil) {
            self.name = name
            self.description = description
            self.required = required
        }
    }

    public var name: String
    public var description: String?
    public var partitions: Int
    public var replicationFactor: Int
    /// `nil` keeps the broker default; -1 keeps records forever.
    public var retentionMs: Int64?
    public var cleanupPolicy: CleanupPolicy
    /// What the record key holds.
    public var key: String
    /// MIME type of the value, e.g. `application/json` or `application/xml`.
    public var valueContentType: String
    /// JSON Schema of the value, relative to the directory holding the spec.
    public var valueSchema: String?
    public var headers: [HeaderSpec]?

    public init(
        name: String, description: String? = nil, partitions: Int, replicationFactor: Int = 1,
        retentionMs: Int64? = nil, cleanupPolicy: CleanupPolicy = .delete, key: String,
        valueContentType: String, valueSchema: String? = nil, headers: [HeaderSpec]? = nil
    ) {
        self.name = name
        self.description = description
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.retentionMs = retentionMs
        self.cleanupPolicy = cleanupPolicy
        self.key = key
        self.valueContentType = valueContentType
        self.valueSchema = valueSchema
        self.headers = headers
    }

    enum CodingKeys: String, CodingKey {
        case name, description, partitions, key, headers
        case replicationFactor = "replication-factor"
        case retentionMs = "retention-ms"
        case cleanupPolicy = "cleanup-policy"
        case valueContentType = "value-content-type"
        case valueSchema = "value-schema"
    }

    /// Topic-level configs for CreateTopics.
    public var topicConfig: [String: String] {
        var config = ["cleanup.policy": cleanupPolicy.rawValue]
        if let retentionMs { config["retention.ms"] = String(retentionMs) }
        return config
    }
}
