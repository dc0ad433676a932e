import Kafka
import Logging

/// The topics a worker reads and writes, checked before it starts. On a cluster that does not
/// create topics on first use, a missing `deposit-reports` would hold every later change event
/// behind outbox rows that can never be sent, and a missing `deposits` would leave the worker
/// waiting for partitions that never come; both look like a hang, not like a setup mistake.
public enum WorkerTopics {
    public static func names(_ settings: PipelineConfiguration) -> [String] {
        [settings.depositsTopic, settings.deadLetterTopic, settings.changesTopic, settings.reportsTopic]
    }

    /// Throws `WorkerTopicsError.missing` naming what to create. A cluster that cannot be asked
    /// (brokers down) is logged and let pass: the worker then waits for the brokers, as it does
    /// for any outage.
    public static func require(kafka: KafkaConfiguration, settings: PipelineConfiguration, logger: Logger) throws {
        let missing: [String]
        do {
            missing = try KafkaAdmin.missingTopics(configuration: kafka, topics: names(settings), logger: logger)
        } catch {
            logger.warning("could not list the cluster's topics, starting without checking them: \(error)")
            return
        }
        guard missing.isEmpty else { throw WorkerTopicsError.missing(missing, brokers: kafka.brokers) }
    }
}

public enum WorkerTopicsError: Error, CustomStringConvertible, Equatable {
    case missing([String], brokers: String)

    public var description: String {
        switch self {
        case .missing(let topics, let brokers):
            return "the cluster at \(brokers) has no topic \(topics.joined(separator: ", ")), which the worker reads or writes: "
                + "create the topics with `deposit-indexer topics apply --brokers \(brokers)` (Topics/ gives their partitions, "
                + "retention and cleanup policy)"
        }
    }
}
