import ArgumentParser
import Foundation
import Logging
import Notifications
import ServiceLifecycle

struct AlertsMatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Run the alert matcher: work-changes in, alert-notifications out.",
        discussion: """
        Reads every saved alert from alert-subscriptions (and follows it), consumes work-changes in its own \
        group, reads each changed work's filter facts from the index the worker writes (--index), and checks \
        it against the alerts filed under its DOI, ORCID iDs, ISSNs, funders, prefix, member and type (plus \
        the few alerts with none of those) with the filter code of /works; text queries run as /works runs \
        them. Matches are recorded in the state file (--state) before the offsets are committed, and each \
        window goes out as one notification per alert once it is over, with an id stable on replay \
        (ALERT@WINDOW-START), so a restart neither misses nor repeats one. Keep the state file with the group.
        SIGTERM or Ctrl-C finishes the poll in hand and the sends under way.
        Example:
          deposit-indexer alerts match --bootstrap-file demo-output/broker.txt --index demo-output/index.sqlite \\
              --state demo-output/alerts-state.sqlite --exit-when-idle 5
        """)
    @OptionGroup var kafka: KafkaOptions
    @Option(help: ArgumentHelp("The index the worker writes (read-only here).", valueName: "path"))
    var index: String
    @Option(help: ArgumentHelp("The matcher's state file (SQLite; created when missing).", valueName: "path"))
    var state: String
    @Option(help: "The consumer group on work-changes.")
    var group = "alert-matcher"
    @Option(help: ArgumentHelp("How long a window waits after its end for late changes, in milliseconds.", valueName: "ms"))
    var graceMs = 250
    @Option(help: ArgumentHelp("Stop after this many seconds without a change, once every window is sent.", valueName: "seconds"))
    var exitWhenIdle: Double?
    @Option(help: ArgumentHelp("Write totals and match latencies as JSON here on exit (for benchmarks).", valueName: "path"))
    var summaryFile: String?

    func validate() throws {
        guard (0...600_000).contains(graceMs) else { throw ValidationError("--grace-ms must be 0…600000") }
        if let exitWhenIdle, exitWhenIdle <= 0 { throw ValidationError("--exit-when-idle must be positive") }
    }

    private var settings: AlertMatcherConfiguration {
        var settings = AlertMatcherConfiguration()
        settings.group = group
        settings.grace = .milliseconds(graceMs)
        settings.exitWhenIdle = exitWhenIdle.map { .milliseconds(Int64($0 * 1000)) }
        return settings
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "alert-matcher")
        let matcher = try AlertMatcher(kafka: try kafka.configuration(), indexPath: index, statePath: state,
                                       configuration: settings, logger: logger)
        try await ServiceGroup(configuration: .init(
            services: [.init(service: matcher, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)).run()
        let totals = matcher.totals
        logger.info("stopped: \(totals.changeEvents) changes, \(totals.evaluations) evaluations, \(totals.matches) matches, \(totals.notifications) notifications sent")
        if totals.deletedBeforeRead > 0 {
            logger.error("\(totals.deletedBeforeRead) change events were deleted by the broker before this matcher read them (each gap is logged above); no alert was matched against them")
        }
        if let summaryFile {
            try JSONEncoder().encode(totals).write(to: URL(fileURLWithPath: summaryFile))
        }
    }
}
