import ArgumentParser
import Foundation
import Ingest
import Kafka
import Logging
import Unixref
import WorkIndex

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild the index into a new file, then swap it in atomically.",
        discussion: """
        From the deposits topic (from the beginning, or from --since TIME) or from deposit files (--files). \
        The new index is built next to the live one while the live one keeps serving readers; once it has \
        caught up with the end of the topic, the live path is switched to it in one rename, and readers \
        (serve, alerts match, summarize) read the new file from their next request. Change events \
        are not published again: the rebuild is the same data, re-indexed.

        Stop the workers that write the index before the replay starts, and start them after the swap: they \
        resume from their committed offsets (everything before those is in the rebuilt index), and the \
        version guard turns anything they see again into no-ops. A worker left running would index what \
        arrives meanwhile into the old file only, and commit it past the rebuilt one: when the live index \
        was written during the replay, nothing is swapped and the replay fails, saying so.

        Examples:
          deposit-indexer replay --bootstrap-file demo-output/broker.txt --index demo-output/index.sqlite
          deposit-indexer replay --index demo-output/index.sqlite --files ../shared/fixtures
        """
    )

    @OptionGroup var kafka: KafkaOptions

    @Option(help: ArgumentHelp("The live index path (replaced by the rebuilt index).", valueName: "path"))
    var index: String

    @Option(help: ArgumentHelp("Replay only messages at or after this time (ISO 8601): the rebuilt index then holds only what was deposited from then on (e.g. when the topic's retention is shorter than the index's history, start where it starts).", valueName: "time"))
    var since: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Rebuild from these deposit files instead of the topic.", valueName: "path"))
    var files: [String] = []

    @Option(help: "The deposits topic.")
    var topic = "deposits"

    func validate() throws {
        if let since, DepositTimestamp.epochMillis(since) == nil {
            throw ValidationError("--since \(since) is not a date-time (e.g. 2026-11-21T10:00:00Z)")
        }
        if since != nil, !files.isEmpty { throw ValidationError("--since replays the topic; it does not apply to --files") }
    }

    func run() async throws {
        WorkerAllocator.configure()
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "replay")
        let stamp = Int64(Date().timeIntervalSince1970 * 1000)
        let newPath = "\(index).replay-\(stamp)"
        // Read before the new file exists, so that anything a worker writes after this is noticed.
        let appliedBefore = try SQLiteWorkStore.appliedRecords(at: index)
        let store = try SQLiteWorkStore.create(at: newPath)
        var settings = PipelineConfiguration()
        settings.depositsTopic = topic
        settings.reindex = true
        let rebuilt: Int
        var skipped = ""
        if !files.isEmpty {
            rebuilt = try await FileReplay(store: store, settings: settings, logger: logger).run(paths: files)
        } else {
            let sinceMs = since.flatMap(DepositTimestamp.epochMillis)
            let counts = try await TopicReplay(kafka: try kafka.configuration(), store: store, settings: settings,
                                               group: "deposit-indexer-replay-\(stamp)", sinceMs: sinceMs, logger: logger).run()
            rebuilt = counts.replayed
            if let since { skipped = " (\(counts.skipped) older than \(since) skipped)" }
        }
        // The live index publishes its own events; the rebuild's would repeat them.
        try store.discardOutbox()
        try store.close()
        if let before = appliedBefore, let now = try SQLiteWorkStore.appliedRecords(at: index), now != before {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: newPath + suffix) }
            throw ReplayError.liveIndexWritten(livePath: index, records: now - before)
        }
        let previous = try SQLiteWorkStore.swapIn(newPath: newPath, livePath: index)
        print("replayed \(rebuilt) messages\(skipped) into \(newPath); \(index) now points at it" + (previous.map { " (was \($0))" } ?? ""))
    }
}

/// Why a replay did not swap its rebuilt index in.
enum ReplayError: Error, CustomStringConvertible {
    case liveIndexWritten(livePath: String, records: Int)

    var description: String {
        switch self {
        case let .liveIndexWritten(livePath, records):
            return "\(livePath) was written while the replay ran (\(records) records applied): a worker is still running on it, "
                + "and what it wrote would be lost with the swap. Nothing was swapped and the rebuilt file was removed; "
                + "stop the workers that write \(livePath) and run the replay again"
        }
    }
}

import WorkModel
