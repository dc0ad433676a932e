import ArgumentParser
import Foundation
import Ingest
import Kafka
import Logging
import ServiceLifecycle
import WorkIndex

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the worker: deposits from Kafka into the index, change events out.",
        discussion: """
        Polls bounded batches from the deposits topic, parses them, writes each batch to the index in one \
        transaction (works, Crossmark edges, change events in an outbox), dead-letters what cannot be read \
        to deposits.dlq with the reason, commits offsets only after that, and publishes the outbox to \
        work-changes. SIGTERM or Ctrl-C finishes the batch in hand, commits and drains the outbox.

        Several workers may share a --group (Kafka spreads the partitions); they must write the same index \
        file only if they run on the same machine.

        Example:
          deposit-indexer run --bootstrap-file demo-output/broker.txt --index demo-output/index.sqlite --exit-when-idle 5
        """
    )

    @OptionGroup var kafka: KafkaOptions

    @Option(help: ArgumentHelp("The index file (SQLite; created when missing).", valueName: "path"))
    var index: String

    @Option(help: "The consumer group.")
    var group = "deposit-indexer"

    @Option(help: ArgumentHelp("Stop after this many seconds without a deposit (and an empty outbox).", valueName: "seconds"))
    var exitWhenIdle: Double?

    @Option(help: "Largest batch, in messages (a batch is also capped at 8 MB). Larger batches write each index page once for more works; smaller ones hold less in memory.")
    var batchSize = PipelineConfiguration().maxBatchMessages

    @Option(help: "Longest wait for a batch to fill, in milliseconds.")
    var batchWaitMs = 50

    @Option(help: ArgumentHelp("Print a summary as JSON on exit (for scripts).", valueName: "path"))
    var summaryFile: String?

    func validate() throws {
        guard batchSize >= 1 && batchSize <= 100_000 else { throw ValidationError("--batch-size must be 1…100000") }
        guard batchWaitMs >= 1 && batchWaitMs <= 60_000 else { throw ValidationError("--batch-wait-ms must be 1…60000") }
        if let exitWhenIdle, exitWhenIdle <= 0 { throw ValidationError("--exit-when-idle must be positive") }
    }

    func run() async throws {
        WorkerAllocator.configure()
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "worker")
        var settings = PipelineConfiguration()
        settings.maxBatchMessages = batchSize
        settings.maxBatchWait = .milliseconds(batchWaitMs)
        settings.exitWhenIdle = exitWhenIdle.map { .milliseconds(Int64($0 * 1000)) }
        let kafka = try kafka.configuration()
        try WorkerTopics.require(kafka: kafka, settings: settings, logger: logger)
        let worker = try IndexWorker(kafka: kafka, indexPath: index, group: group,
                                     settings: settings, logger: logger)
        let serviceGroup = ServiceGroup(configuration: .init(
            services: [.init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await serviceGroup.run()
        let totals = await worker.totals()
        let deleted = totals.deletedBeforeRead > 0 ? ", \(totals.deletedBeforeRead) deleted by the broker before they were read (see the errors above)" : ""
        logger.info("stopped: \(totals.messages) messages, \(totals.created) created, \(totals.updated) updated, \(totals.updatedBy) updated-by, \(totals.stale) stale, \(totals.duplicates) duplicates, \(totals.deadLetters) dead letters, \(totals.changeEvents) change events\(deleted)")
        if let summaryFile {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            try encoder.encode(totals).write(to: URL(fileURLWithPath: summaryFile))
        }
    }
}
