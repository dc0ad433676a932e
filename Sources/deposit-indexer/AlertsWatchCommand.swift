import ArgumentParser
import Foundation
import Kafka
import Logging
import Notifications

struct AlertsWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print alert notifications: every one on alert-notifications, then new ones as they come, until Ctrl-C.",
        discussion: """
        One line per notification: window, alert id, and each DOI with how it changed; --json prints the \
        notification JSON as sent. Nothing is committed: every run starts from the beginning of the topic.
        Example:
          deposit-indexer alerts watch --bootstrap-file demo-output/broker.txt --exit-when-idle 3
        """)
    @OptionGroup var kafka: KafkaOptions
    @Option(help: "Only this alert's notifications.")
    var alert: String?
    @Flag(help: "Print each notification's JSON on one line.")
    var json = false
    @Flag(help: .hidden)
    var receiptTime = false
    @Option(help: ArgumentHelp("Stop after this many seconds without a new notification.", valueName: "seconds"))
    var exitWhenIdle: Double?

    func run() async throws {
        let reader = try TopicReader(kafka: try kafka.configuration(), topic: AlertNotification.topic, purpose: "alerts-watch",
                                     logger: Logger(label: "alerts-watch"))
        defer { reader.close() }
        // What is on the topic now, then what comes. Nothing to finish on SIGINT/SIGTERM: their
        // default action ends the process.
        var messages = try await reader.catchUp()
        var last = ContinuousClock.now
        while true {
            let received = Int64(Date().timeIntervalSince1970 * 1000)
            for message in messages {
                last = ContinuousClock.now
                show(message, received: received)
            }
            if let exitWhenIdle, ContinuousClock.now - last >= .milliseconds(Int64(exitWhenIdle * 1000)) { return }
            // A short wait when timing receipts: a poll returns only at its deadline.
            messages = try await reader.poll(maxWait: .milliseconds(receiptTime ? 5 : 200))
        }
    }

    private func show(_ message: KafkaMessage, received: Int64) {
        guard let notification = try? AlertNotification.decode(message.value),
              alert == nil || notification.alertID == alert else { return }
        if receiptTime {
            // For benchmarks: when this process read it, next to the notification.
            StandardStream.output.write("\(received)\t" + String(decoding: message.value, as: UTF8.self) + "\n")
        } else if json {
            StandardStream.output.write(message.value + [0x0A])
        } else {
            let changes = zip(notification.DOIs, notification.kinds).map { "\($0) (\($1.rawValue))" }
            StandardStream.output.write("\(notification.window.start) … \(notification.window.end)  alert \(notification.alertID), \(changes.count) works: \(changes.joined(separator: ", "))\n")
        }
    }
}
