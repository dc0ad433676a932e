import CRdKafka
import Foundation
import Logging

/// What happened to one topic when a catalog was applied.
public enum TopicApplyOutcome: Sendable, Equatable, CustomStringConvertible {
    case created
    case exists
    case failed(String)

    public var description: String {
        switch self {
        case .created: "created"
        case .exists: "exists"
        case .failed(let reason): "failed: \(reason)"
        }
    }

    public var isSuccess: Bool { if case .failed = self { false } else { true } }
}

public struct TopicApplyResult: Sendable, Equatable {
    public var name: String
    public var outcome: TopicApplyOutcome

    public init(name: String, outcome: TopicApplyOutcome) {
        self.name = name
        self.outcome = outcome
    }
}

/// The topic specs of a directory and the ways to create them.
///
/// `apply` reports per-topic failures in its results instead of throwing, so one bad topic does
/// not hide what happened to the others; it throws only when the request itself failed.
public enum TopicCatalog {
    /// Reads every `*.json` file directly in `directory` (schemas live in a subdirectory and are
    /// not specs), sorted by topic name, and checks that each is consistent.
    public static func load(directory: URL) throws -> [TopicSpec] {
        let files = try FileManager.default.contentsOfDirectory(
            at: directory, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            .filter { $0.pathExtension == "json" }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
        var specs: [TopicSpec] = []
        for file in files {
            let spec: TopicSpec
            do {
                spec = try JSONDecoder().decode(TopicSpec.self, from: Data(contentsOf: file))
            } catch {
                throw KafkaError.topicSpec(file: file.lastPathComponent, reason: "not a valid topic spec: \(error)")
            }
            try validate(spec, file: file, directory: directory)
            specs.append(spec)
        }
        var seen = Set<String>()
        for spec in specs where !seen.insert(spec.name).inserted {
            throw KafkaError.topicSpec(file: spec.name, reason: "topic \(spec.name) is defined twice")
        }
        return specs.sorted { $0.name < $1.name }
    }

    private static func validate(_ spec: TopicSpec, file: URL, directory: URL) throws {
        let fail = { (reason: String) in KafkaError.topicSpec(file: file.lastPathComponent, reason: reason) }
        guard !spec.name.isEmpty, spec.name.count <= 249,
            spec.name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else { throw fail("topic name \"\(spec.name)\" must be 1-249 of [a-zA-Z0-9._-]") }
        guard spec.partitions >= 1 else { throw fail("partitions must be >= 1") }
        guard spec.replicationFactor >= 1 else { throw fail("replication-factor must be >= 1") }
        if let schema = spec.valueSchema {
            let path = directory.appendingPathComponent(schema).path
            guard FileManager.default.fileExists(atPath: path) else {
                throw fail("value-schema \(schema) does not exist (looked at \(path))")
            }
        }
    }

    /// Creates the topics on the in-process mock cluster (it has no CreateTopics API). Retention
    /// and cleanup policy cannot be set there; the mock keeps ~5 MiB per partition regardless.
    /// Replication is capped at the broker count.
    @discardableResult
    public static func apply(_ specs: [TopicSpec], to broker: LocalBroker) throws -> [TopicApplyResult] {
        guard broker.isRunning else { throw KafkaError.localBroker("cannot create topics: the broker is stopped") }
        return specs.map { spec in
            do {
                try broker.createTopic(name: spec.name, partitions: spec.partitions, replicationFactor: spec.replicationFactor)
                return TopicApplyResult(name: spec.name, outcome: .created)
            } catch KafkaError.librdkafka(_, let code, _, _) where code == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS.rawValue {
                return TopicApplyResult(name: spec.name, outcome: .exists)
            } catch {
                return TopicApplyResult(name: spec.name, outcome: .failed("\(error)"))
            }
        }
    }

    /// Creates the topics on a Kafka cluster with the CreateTopics admin API. Existing topics are
    /// reported as `.exists` and left unchanged (partitions and configs are not altered).
    @discardableResult
    public static func apply(
        _ specs: [TopicSpec], configuration: KafkaConfiguration, timeout: Duration = .seconds(30),
        logger: Logger = Logger(label: "Kafka.admin")
    ) throws -> [TopicApplyResult] {
        guard !specs.isEmpty else { return [] }
        let context = ClientContext(logger: logger)
        let rk = try KafkaHandleFactory.make(
            type: RD_KAFKA_PRODUCER, properties: configuration.properties([:]), context: context)
        defer {
            rd_kafka_destroy(rk)
            withExtendedLifetime(context) {}
        }
        var newTopics: [OpaquePointer?] = []
        defer { newTopics.forEach { rd_kafka_NewTopic_destroy($0) } }
        var errstr = [CChar](repeating: 0, count: 512)
        for spec in specs {
            guard let topic = rd_kafka_NewTopic_new(spec.name, Int32(spec.partitions), Int32(spec.replicationFactor), &errstr, errstr.count) else {
                throw KafkaError.topicSpec(file: spec.name, reason: errstr.nulTerminatedString)
            }
            newTopics.append(topic)
            for (key, value) in spec.topicConfig.sorted(by: { $0.key < $1.key }) {
                let err = rd_kafka_NewTopic_set_config(topic, key, value)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, operation: "set \(key) on \(spec.name)") }
            }
        }
        let options = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        let ms = timeout.kafkaMilliseconds
        _ = rd_kafka_AdminOptions_set_request_timeout(options, ms, &errstr, errstr.count)
        _ = rd_kafka_AdminOptions_set_operation_timeout(options, ms, &errstr, errstr.count)
        let queue = rd_kafka_queue_new(rk)
        defer { rd_kafka_queue_destroy(queue) }
        newTopics.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_CreateTopics(rk, buffer.baseAddress, buffer.count, options, queue)
        }
        // Allow a little past the request timeout so librdkafka reports its own timeout error.
        guard let event = rd_kafka_queue_poll(queue, ms + 5000) else {
            throw KafkaError.librdkafka(operation: "create topics", code: RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue,
                                        name: "_TIMED_OUT", message: "no CreateTopics result within \(timeout)")
        }
        defer { rd_kafka_event_destroy(event) }
        let err = rd_kafka_event_error(event)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError.librdkafka(
                operation: "create topics", code: err.rawValue, name: String(cString: rd_kafka_err2name(err)),
                message: String(cString: rd_kafka_event_error_string(event)))
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else {
            throw KafkaError.librdkafka(operation: "create topics", code: -1, name: "unexpected", message: "the admin event was not a CreateTopics result")
        }
        var count = 0
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return [] }
        return (0..<count).map { index in
            let topicResult = results[index]
            let name = String(cString: rd_kafka_topic_result_name(topicResult))
            let code = rd_kafka_topic_result_error(topicResult)
            switch code {
            case RD_KAFKA_RESP_ERR_NO_ERROR:
                return TopicApplyResult(name: name, outcome: .created)
            case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
                return TopicApplyResult(name: name, outcome: .exists)
            default:
                let text = rd_kafka_topic_result_error_string(topicResult).map { String(cString: $0) } ?? String(cString: rd_kafka_err2str(code))
                return TopicApplyResult(name: name, outcome: .failed("\(text) (\(String(cString: rd_kafka_err2name(code))), code \(code.rawValue))"))
            }
        }
    }
}
