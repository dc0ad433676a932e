import ArgumentParser
import Foundation
import Kafka
import Notifications
import WorkIndex
import WorkModel

/// For `Scripts/bench alerts`: a steady stream of change events for works already indexed, as
/// the worker's outbox would publish them, stamped `indexed` = the moment each is sent.
struct AlertsChangeLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change-load", abstract: "Publish synthetic change events at a steady rate (benchmarks).", shouldDisplay: false)
    @OptionGroup var kafka: KafkaOptions
    @Option(help: ArgumentHelp("DOIs of indexed works, one per line; each event names one at random.", valueName: "path"))
    var dois: String
    @Option(help: "Events per second.")
    var rate: Double = 1000
    @Option(help: "For how long, in seconds.")
    var seconds: Double = 30

    func run() async throws {
        guard let text = try? String(contentsOfFile: dois, encoding: .utf8) else { throw CommandFailure("cannot read \(dois)") }
        let pool = text.split(separator: "\n").map(String.init)
        guard !pool.isEmpty else { throw CommandFailure("\(dois) lists no DOI") }
        let producer = try KafkaProducer(configuration: try kafka.configuration())
        let clock = ContinuousClock()
        let start = clock.now
        let total = Int(rate * seconds)
        var sent = 0
        // Sends in ticks of 10 ms, as many as the rate owes by then; each tick's deliveries are
        // confirmed while the next ticks are sent.
        try await withThrowingTaskGroup(of: Void.self) { deliveries in
            while sent < total {
                let owed = min(total, Int(Double((clock.now - start).components.seconds) * rate
                                          + Double((clock.now - start).components.attoseconds) / 1e18 * rate) + 1)
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                let batch = (sent..<owed).map { n -> OutgoingMessage in
                    let doi = pool.randomElement()!
                    let event = ChangeEvent(
                        id: "\(doi)@\(now)#updated.\(n)", DOI: doi, kind: n % 5 == 0 ? .created : .updated, changedFields: ["title"],
                        member: nil, type: "journal-article", deposited: DateObject(epochMillis: now), indexed: DateObject(epochMillis: now),
                        version: now, source: SourceCoordinates(topic: "deposits", partition: 0, offset: Int64(n), depositID: nil))
                    return OutgoingMessage(topic: ChangeStream.topic, key: doi, value: event.jsonBytes)
                }
                if !batch.isEmpty {
                    deliveries.addTask { _ = try await producer.send(batch) }
                    sent = owed
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            try await deliveries.waitForAll()
        }
        try await producer.close()
        StandardStream.error.write("change-load: \(sent) events in \(clock.now - start)\n")
    }
}
