import ArgumentParser
import Foundation
import Ingest
import Kafka
import Logging
import Notifications
import ServiceLifecycle
import WorkIndexQuery

struct SummarizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Batch summaries from work-changes: counts per period by kind, member and type, and coverage.",
        discussion: """
        Consumes work-changes (its own consumer group), looks each changed work up in the index, and counts \
        it into a small state file (--state) in one transaction per poll before committing offsets, so a \
        redelivered event is never counted twice. An event belongs to the period of its `indexed` time: UTC \
        days by default, or --period-hours 1, 2, 3, 4, 6, 8 or 12 (labels 2026-11-21T06). A state file keeps \
        the period length it was created with.

        Once:   catches up with the stream (reads until the group has nothing left), then prints the summary \
        of --period (default: the current one) as a table, or JSON with --json, and publishes it to \
        batch-summaries (key = period; final once the period has ended plus --grace-minutes).
        Follow: with --follow, keeps consuming and publishes every --publish-seconds the periods that \
        changed, and each period's final summary once it has closed; SIGTERM or Ctrl-C stops it gracefully.

        Coverage counts the distinct works changed in the period that carry licenses, full-text links, \
        similarity-checking links, ORCID iDs, funders, awards, abstracts, references, Crossmark updates, \
        update policies (see Topics/schemas/batch-summary.schema.json for the /works filter of each). \
        `serve --summaries STATE` serves the same summaries at /summaries/{period}.

        Exit status: 0 when the summary was printed and published, 3 when nothing changed in the period, 2 for \
        bad usage.

        Examples:
          deposit-indexer summarize --bootstrap-file demo-output/broker.txt --index demo-output/index.sqlite \\
              --state demo-output/summaries.sqlite --period 2026-11-21
          deposit-indexer summarize --index index.sqlite --state summaries.sqlite --follow
        """
    )

    @OptionGroup var kafka: KafkaOptions

    @Option(help: ArgumentHelp("The index the worker writes (read for coverage and dead letters).", valueName: "path"))
    var index: String

    @Option(help: ArgumentHelp("The summary state file (SQLite; created when missing).", valueName: "path"))
    var state: String

    @Option(help: ArgumentHelp("The period to print and publish, e.g. 2026-11-21 (default: the current one).", valueName: "period"))
    var period: String?

    @Option(help: ArgumentHelp("Period length in hours: 24 (UTC days), or 1, 2, 3, 4, 6, 8, 12.", valueName: "hours"))
    var periodHours = 24

    @Flag(help: "Keep consuming and publishing until stopped (a service), instead of summarizing once.")
    var follow = false

    @Flag(help: "Print the summary as JSON (the batch-summaries value).")
    var json = false

    @Option(help: "The consumer group.")
    var group = "deposit-indexer-summaries"

    @Option(help: ArgumentHelp("Minutes after a period ends during which late events are still expected.", valueName: "minutes"))
    var graceMinutes = 5.0

    @Option(help: ArgumentHelp("With --follow: how often to publish the periods that changed.", valueName: "seconds"))
    var publishSeconds = 60.0

    @Option(help: "The topic of change events.")
    var changesTopic = "work-changes"

    @Option(help: "The topic summaries are published to.")
    var summariesTopic = "batch-summaries"

    func validate() throws {
        guard SummaryPeriod.allowedHours.contains(periodHours) else {
            throw ValidationError("--period-hours must divide a day: one of \(SummaryPeriod.allowedHours.map(String.init).joined(separator: ", "))")
        }
        if let period {
            do { _ = try SummaryPeriod(label: period, hours: periodHours) } catch { throw ValidationError("--period: \(error)") }
        }
        if follow, period != nil || json { throw ValidationError("--follow publishes every period as it goes: drop --period and --json") }
        guard graceMinutes >= 0 else { throw ValidationError("--grace-minutes must be 0 or more") }
        guard publishSeconds > 0 else { throw ValidationError("--publish-seconds must be positive") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "summarize")
        logger.logLevel = follow ? .info : .warning
        var settings = SummarizerSettings()
        settings.periodHours = periodHours
        settings.changesTopic = changesTopic
        settings.summariesTopic = summariesTopic
        settings.grace = .milliseconds(Int64(graceMinutes * 60_000))
        settings.publishInterval = .milliseconds(Int64(publishSeconds * 1000))

        let reader: SQLiteWorkIndexReader
        do { reader = try SQLiteWorkIndexReader(path: index) } catch { throw CommandFailure("--index: \(error)") }
        let store: BatchSummaryStore
        do { store = try BatchSummaryStore(path: state, periodHours: periodHours) } catch let error as BatchSummaryStoreError {
            throw CommandFailure("--state: \(error)")
        }
        var consumerKafka = try kafka.configuration()
        // The local broker answers an idle fetch only after fetch.wait.max.ms: keep catching up quick.
        if consumerKafka.overrides["fetch.wait.max.ms"] == nil { consumerKafka.overrides["fetch.wait.max.ms"] = "50" }
        let consumer = try BatchSummarizer.consumer(configuration: consumerKafka, group: group, topic: changesTopic, logger: logger)
        let producer = try KafkaProducer(configuration: try kafka.configuration(), logger: logger)
        let summarizer = BatchSummarizer(consumer: consumer, sink: producer, index: reader, store: store, settings: settings, logger: logger)

        if follow {
            let serviceGroup = ServiceGroup(configuration: .init(
                services: [.init(service: summarizer, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await serviceGroup.run()
            try await producer.close()
            return
        }

        try await summarizer.catchUp()
        consumer.close()
        if summarizer.deletedBeforeRead > 0 {
            StandardStream.error.write("""
                warning: \(summarizer.deletedBeforeRead) change events were deleted by the broker before this summarizer read them \
                (each gap is logged above); summaries of the periods they fell in count fewer changes than the index made

                """)
        }
        let wanted = try period.map { try SummaryPeriod(label: $0, hours: periodHours) }
            ?? SummaryPeriod(containing: Int64(Date().timeIntervalSince1970 * 1000), hours: periodHours)
        guard let summary = try await summarizer.publish(wanted, caughtUp: true) else {
            try await producer.close()
            StandardStream.error.write("no change was indexed in \(wanted) (or none reached \(changesTopic)); nothing published\n")
            throw ExitCode(3)
        }
        try await producer.close()
        if json {
            StandardStream.output.write(summary.jsonBytes + [0x0A])
        } else {
            StandardStream.output.write(SummaryTable.render(summary))
        }
    }
}
