import ArgumentParser
import Foundation
import Logging
import Notifications
import WorksAPI
import WorkQuery

struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Metadata Plus alerts: saved /works queries, the matcher that notifies them, and its notifications.",
        discussion: """
        A saved query takes the parameters of /works: filter, query and query.<field> (plus name, kinds, \
        window-seconds). It lives in the compacted alert-subscriptions topic. `alerts match` checks every \
        change on work-changes against every saved query, with the same filter code as /works, and sends \
        one notification per alert and window to alert-notifications: the alert id, the DOIs and how each \
        changed (created, updated, updated-by), never the metadata. `alerts watch` prints them.
        Example:
          deposit-indexer alerts add --bootstrap-file demo-output/broker.txt --owner me@example.org \\
              'filter=funder:10.13039/100000001,has-license:true' 'query.title=ocean'
          deposit-indexer alerts match --bootstrap-file demo-output/broker.txt --index demo-output/index.sqlite \\
              --state demo-output/alerts-state.sqlite
          deposit-indexer alerts watch --bootstrap-file demo-output/broker.txt
        """,
        subcommands: [Add.self, List.self, Remove.self, AlertsMatchCommand.self, AlertsWatchCommand.self, AlertsChangeLoadCommand.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save an alert; prints its id.",
            discussion: """
            PARAMETERS are NAME=VALUE pairs as /works takes them: filter=… (repeatable; AND across names, \
            OR within one name), query=…, query.title=…, query.author=… and the other field queries; and \
            for the alert itself: name=…, kinds=created,updated,updated-by (default: all three, so a \
            retraction reaches you), window-seconds=N (default 60: matches are collected that long into \
            one notification). A query /works would refuse is refused, naming each problem (exit 2).
            Examples:
              deposit-indexer alerts add --owner me@example.org 'filter=funder:10.13039/100000001,has-license:true'
              deposit-indexer alerts add --owner me@example.org 'filter=issn:1549-7712' 'query.title=hearing' kinds=created
            """)
        @OptionGroup var kafka: KafkaOptions
        @Option(help: "The subscriber the alert belongs to (what the HTTP API's token maps to).")
        var owner: String
        @Option(help: ArgumentHelp("Save one alert per line of this file, each written as a /works query string (filter=…&query.title=…); all or none are saved.",
                                   valueName: "path"))
        var from: String?
        @Argument(help: ArgumentHelp("NAME=VALUE parameters, as for /works.", valueName: "parameter"))
        var parameters: [String] = []

        func validate() throws {
            guard parameters.isEmpty != (from == nil) else { throw ValidationError("give either parameters or --from FILE") }
        }

        func run() async throws {
            var queries: [[(name: String, value: String)]] = [parameters.map { text -> (name: String, value: String) in
                guard let equals = text.firstIndex(of: "=") else { return (text, "") }
                return (String(text[..<equals]), String(text[text.index(after: equals)...]))
            }]
            if let from {
                guard let text = try? String(contentsOfFile: from, encoding: .utf8) else { throw CommandFailure("cannot read \(from)") }
                queries = text.split(separator: "\n").filter { !$0.isEmpty }.map { QueryStringDecoding.pairs(String($0)) }
            }
            let now = NotificationWindow.iso(Int64(Date().timeIntervalSince1970 * 1000))
            var subscriptions: [AlertSubscription] = []
            for (line, pairs) in queries.enumerated() {
                do {
                    subscriptions.append(try AlertSubscriptionParser.parse(pairs, id: UUID().uuidString.lowercased(), owner: owner, created: now))
                } catch {
                    let place = from.map { "\($0):\(line + 1): " } ?? ""
                    throw CommandFailure("\(place)the alert was not saved:\n" + error.failures.map { "  \($0.value): \($0.message)" }.joined(separator: "\n"))
                }
            }
            let catalog = try SubscriptionCatalog(kafka: try kafka.configuration(), logger: Logger(label: "alerts"))
            try await catalog.save(all: subscriptions)
            await catalog.close()
            StandardStream.output.write(subscriptions.map { $0.id + "\n" }.joined())
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the saved alerts (reads alert-subscriptions to its end).",
            discussion: "Example:\n  deposit-indexer alerts list --bootstrap-file demo-output/broker.txt --owner me@example.org --json")
        @OptionGroup var kafka: KafkaOptions
        @Option(help: "Only this subscriber's alerts.")
        var owner: String?
        @Flag(help: "One JSON subscription per line (as stored on the topic), for scripts.")
        var json = false

        func run() async throws {
            let catalog = try SubscriptionCatalog(kafka: try kafka.configuration(), logger: Logger(label: "alerts"))
            try await catalog.load()
            let alerts = owner.map(catalog.owned(by:)) ?? catalog.all
            await catalog.close()
            for alert in alerts {
                if json {
                    StandardStream.output.write(alert.jsonBytes + [0x0A])
                } else {
                    let query = alert.worksParameters.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
                    print([alert.id, alert.owner ?? "-", alert.name ?? "-", query].joined(separator: "\t"))
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a saved alert (writes a tombstone for its id).",
            discussion: "Exit 1 when no alert has that id.\nExample:\n  deposit-indexer alerts remove --bootstrap-file demo-output/broker.txt 6f1c…")
        @OptionGroup var kafka: KafkaOptions
        @Argument(help: "The alert id, as `alerts add` printed it.")
        var id: String

        func run() async throws {
            let catalog = try SubscriptionCatalog(kafka: try kafka.configuration(), logger: Logger(label: "alerts"))
            try await catalog.load()
            guard catalog.subscription(id: id) != nil else {
                await catalog.close()
                StandardStream.error.write("alerts remove: no alert \(id) (see `deposit-indexer alerts list`)\n")
                throw ExitCode(1)
            }
            try await catalog.remove(id: id)
            await catalog.close()
        }
    }
}
