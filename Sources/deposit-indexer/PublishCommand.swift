import ArgumentParser
import Foundation
import Ingest
import Kafka
import Unixref
import WorkModel

struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Send deposit files to the deposits topic, one message per record.",
        discussion: """
        Any envelope is accepted. OAI-PMH pages, doi_records lists and unixsd results are split into one \
        standalone document per record, keyed by the record's DOI; a member doi_batch deposit is sent whole, \
        keyed by its deposit id. Headers: content-type, deposit-id, member-id (with --member), deposited-at \
        (now, or --deposited-at). PATHs as for `parse`: files, directories, - for stdin, .gz on the fly.

        Example:
          deposit-indexer publish --bootstrap-file demo-output/broker.txt ../shared/fixtures/oai-pmh
        """
    )

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "The topic to publish to.")
    var topic = "deposits"

    @Option(help: ArgumentHelp("member-id header for every message (the XML wins when it names one).", valueName: "id"))
    var member: String?

    @Option(help: ArgumentHelp("deposited-at header (ISO 8601); default: the time each message is sent.", valueName: "time"))
    var depositedAt: String?

    /// For benchmarks: a steady offered load (messages per second), deposited-at stamped at send.
    @Option(help: .hidden)
    var rate: Double?

    @Flag(help: "Print no progress.")
    var quiet = false

    @Argument(help: "Files, directories, or - for standard input.")
    var paths: [String]

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one PATH to publish") }
        if let depositedAt, DepositTimestamp.epochMillis(depositedAt) == nil {
            throw ValidationError("--deposited-at \(depositedAt) is not a date-time (e.g. 2026-11-21T10:00:00Z)")
        }
        if let member, Identifiers.member(member) == nil { throw ValidationError("--member must be digits, not \(member)") }
        if let rate, !(rate > 0) { throw ValidationError("--rate must be a positive number of messages per second") }
    }

    func run() async throws {
        let files: [DepositFile]
        do { files = try DepositFile.expand(paths) } catch { throw CommandFailure("\(error)") }
        let producer = try KafkaProducer(configuration: try kafka.configuration())
        let publisher = DepositPublisher(producer: producer, topic: topic, member: member, depositedAt: depositedAt, rate: rate)
        let progress = Progress(enabled: !quiet, total: files.count)
        var confirmed = DepositPublisher.Totals()
        let totals = try await publisher.publish(files) { _, outcome in
            switch outcome {
            case .success(let sent): confirmed.add(sent)
            case .failure(let error): FileHandle.standardError.write(Data("publish: \(error)\n".utf8))
            }
            progress.advance(detail: "\(confirmed.messages) messages, \(confirmed.bytes / 1024) KiB")
        }
        try await producer.close()
        progress.finish("published \(totals.messages) messages (\(totals.records) records) from \(files.count - totals.unreadable) files to \(topic)")
        warnIfDeletedAlready(totals)
        if totals.unreadable > 0 { throw ExitCode(1) }
    }

    /// The local broker keeps only the newest ~5 MiB of a partition: a backlog published with no
    /// worker reading loses its oldest messages before any worker sees them. Say so now, while
    /// the files are at hand (the worker also logs and counts what it finds deleted).
    private func warnIfDeletedAlready(_ totals: DepositPublisher.Totals) {
        guard !totals.firstOffsets.isEmpty,
              let earliest = try? KafkaAdmin.earliestOffsets(configuration: try kafka.configuration(), topic: topic) else { return }
        let deleted = totals.deletedAlready(lowWatermarks: earliest)
        guard deleted > 0 else { return }
        FileHandle.standardError.write(Data("""
            publish: warning: the broker has already deleted \(deleted) of these \(totals.messages) messages (the local broker \
            keeps only the newest ~5 MiB of each partition). Unless a worker read them while they were published, they will \
            not be indexed: publish fewer files at a time while a worker runs (the worker logs and counts what it finds deleted).

            """.utf8))
    }
}
