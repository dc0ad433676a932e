import ArgumentParser
import Foundation
import Kafka
import WorkIndex
import WorkModel

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the index and the worker: works, dead letters, outbox, lag, freshness.",
        discussion: """
        Freshness is deposited-at (the message header) → indexed, over the newest 100,000 changes. Lag \
        needs --brokers (or --bootstrap-file). --json prints one object with the keys works, dead-letters, \
        outbox, stale, duplicates, deleted-before-read, change-events, lag, freshness, deposits (complete / \
        incomplete counts and the most recent deposit reports). deleted-before-read counts deposit messages the \
        broker deleted before a worker read them (a topic's retention, or the local broker, which keeps only \
        the newest ~5 MiB of each partition): they are not in the index; the text form names the latest \
        ranges of offsets, and the worker's log every one.

        --deposit ID prints the processing report of one deposit (its deposit-id header: a doi_batch id, or \
        the <file>-<hash> id `publish` derives): records announced, indexed, stale, duplicate, dead-lettered, \
        and whether all were processed (then the report was also published to deposit-reports).

        Examples:
          deposit-indexer status --index demo-output/index.sqlite --bootstrap-file demo-output/broker.txt
          deposit-indexer status --index demo-output/index.sqlite --deposit journal.xml-0123456789ab
        """
    )

    @Option(help: ArgumentHelp("The index file.", valueName: "path"))
    var index: String

    @Option(help: "The consumer group whose lag to show.")
    var group = "deposit-indexer"

    @Option(help: "The deposits topic.")
    var topic = "deposits"

    @Option(name: .long, help: ArgumentHelp("Kafka bootstrap servers (for lag).", valueName: "host:port"))
    var brokers: String?

    @Option(name: .customLong("bootstrap-file"), help: ArgumentHelp("Read the bootstrap servers from this file.", valueName: "path"))
    var bootstrapFile: String?

    @Flag(help: "Print JSON for scripts.")
    var json = false

    @Option(help: ArgumentHelp("Show the processing report of this deposit id instead.", valueName: "id"))
    var deposit: String?

    func run() throws {
        guard FileManager.default.fileExists(atPath: index) else {
            throw CommandFailure("no index at \(index) (a worker creates it: deposit-indexer run --index \(index))")
        }
        let store = try SQLiteWorkStore(path: index)
        if let deposit {
            guard let report = try store.depositReport(id: deposit) else {
                throw CommandFailure("no record of deposit \(deposit) has been processed (yet) in \(index)")
            }
            print(json ? String(decoding: report.jsonBytes, as: UTF8.self) : DepositReportText.render(report))
            return
        }
        let status = try store.status()
        let deposits = try DepositStatus(store: store)
        var lag: [PartitionLag]? = nil
        if brokers != nil || bootstrapFile != nil || ProcessInfo.processInfo.environment["DEPOSIT_INDEXER_BROKERS"] != nil {
            lag = try KafkaAdmin.groupLag(configuration: try KafkaOptions.configuration(brokers: brokers, bootstrapFile: bootstrapFile, properties: []),
                                          groupID: group, topic: topic)
        }
        if json { printJSON(status, lag: lag, deposits: deposits) } else { printText(status, lag: lag, deposits: deposits) }
    }

    private func printJSON(_ s: IndexStatus, lag: [PartitionLag]?, deposits: DepositStatus) {
        var w = JSONWriter()
        w.beginObject()
        w.field("works", s.works)
        w.key("dead-letters"); w.beginObject()
        w.field("total", s.deadLetters.total)
        w.key("by-code"); w.beginObject()
        for reason in s.deadLetters.topReasons { w.key(reason.code); w.int(reason.count) }
        w.endObject(); w.endObject()
        w.field("outbox", s.outboxDepth)
        w.field("stale", s.stale)
        w.field("duplicates", s.duplicates)
        w.field("deleted-before-read", s.deletedBeforeRead)
        w.key("change-events"); w.beginObject()
        w.field("written", s.changeEvents.written); w.field("published", s.changeEvents.published)
        w.endObject()
        w.key("lag")
        if let lag {
            w.beginArray()
            for p in lag.sorted(by: { $0.partition < $1.partition }) {
                w.beginObject()
                w.field("topic", p.topic); w.field("partition", Int(p.partition))
                w.field("committed", p.committed); w.field("high-watermark", p.highWatermark); w.field("lag", p.lag)
                w.endObject()
            }
            w.endArray()
        } else { w.null() }
        w.key("freshness")
        if let f = s.freshness {
            w.beginObject()
            w.field("samples", f.samples); w.field("p50-ms", f.p50Ms); w.field("p95-ms", f.p95Ms); w.field("p99-ms", f.p99Ms)
            w.endObject()
        } else { w.null() }
        w.key("deposits"); deposits.write(to: &w)
        w.endObject()
        print(String(decoding: w.bytes, as: UTF8.self))
    }

    private func printText(_ s: IndexStatus, lag: [PartitionLag]?, deposits: DepositStatus) {
        print("works indexed     \(s.works)")
        print("dead letters      \(s.deadLetters.total)" + (s.deadLetters.topReasons.isEmpty ? "" : "  (" + s.deadLetters.topReasons.map { "\($0.code) \($0.count)" }.joined(separator: ", ") + ")"))
        print("outbox depth      \(s.outboxDepth)")
        print("stale / duplicate \(s.stale) / \(s.duplicates)")
        if s.deletedBeforeRead > 0 {
            print("deleted unread    \(s.deletedBeforeRead) messages: the broker deleted them before the worker read them "
                  + "(retention, or the local broker's ~5 MiB per partition): publish them again")
            // An index counted before it kept ranges (schema 6) has the count only.
            if !s.latestDeletedUnread.isEmpty {
                print("                  offsets (latest first): \(s.latestDeletedUnread.map(\.description).joined(separator: ", "))")
            }
        }
        print("change events     \(s.changeEvents.written) written, \(s.changeEvents.published) published")
        if let f = s.freshness {
            print("freshness         p50 \(f.p50Ms) ms, p95 \(f.p95Ms) ms, p99 \(f.p99Ms) ms (\(f.samples) samples, deposited-at → indexed)")
        } else { print("freshness         no samples yet") }
        if let lag {
            let total = lag.reduce(Int64(0)) { $0 + $1.lag }
            print("lag               \(total) messages (" + lag.sorted { $0.partition < $1.partition }.map { "p\($0.partition): \($0.lag)" }.joined(separator: ", ") + ")")
        }
        print(deposits.text)
    }
}
