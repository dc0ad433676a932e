import ArgumentParser
import Foundation
import Logging
import Notifications
import WorksAPI

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the REST API (/works, filters, facets, cursors) over an index, read-only.",
        discussion: """
        Reads the index file while a worker writes it (SQLite WAL). Routes, with and without /v1: /works, \
        /works/{doi}, /works/{doi}/agency, /members/{id}/works, /funders/{id}/works, /prefixes/{p}/works, \
        /journals/{issn}/works, /types, /types/{id}, /types/{id}/works, /licenses, and with --summaries \
        /summaries/{period} (the batch summaries `summarize` keeps). SIGTERM or Ctrl-C stops it gracefully.

        With --alert-tokens FILE and --brokers, also /alerts for Metadata Plus alerts: POST (filter, query, \
        query.<field>, name, kinds, window-seconds as a form, query string or JSON body), GET, GET /alerts/{id}, \
        DELETE /alerts/{id}, each with Authorization: Bearer TOKEN; a subscriber sees only its own alerts. \
        FILE has one `TOKEN OWNER` line per subscriber (# starts a comment; tokens of 16+ characters).

        Examples:
          deposit-indexer serve --index demo-output/index.sqlite --port 8080
          curl 'localhost:8080/works?filter=has-license:true&facet=type-name:*&rows=2'
          deposit-indexer serve --index demo-output/index.sqlite --summaries demo-output/summaries.sqlite
          curl 'localhost:8080/summaries/2026-11-21'
          deposit-indexer serve --index demo-output/index.sqlite --alert-tokens tokens.txt --bootstrap-file demo-output/broker.txt
          curl -H 'Authorization: Bearer TOKEN' -d 'filter=funder:10.13039/100000001' localhost:8080/alerts
        """
    )

    @Option(help: ArgumentHelp("The index file.", valueName: "path"))
    var index: String

    @Option(help: ArgumentHelp("The summary state of `summarize --state`, served at /summaries/{period}.", valueName: "path"))
    var summaries: String?

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed at start).")
    var port = 8080

    @Option(help: ArgumentHelp("Enable /alerts with the bearer tokens of this file: one `TOKEN OWNER` per line, # comments (needs --brokers).",
                               valueName: "path"))
    var alertTokens: String?

    @OptionGroup var kafka: KafkaOptions

    func run() async throws {
        guard FileManager.default.fileExists(atPath: index) else {
            throw CommandFailure("no index at \(index) (build one with Scripts/demo or deposit-indexer run --index \(index))")
        }
        if let summaries, !FileManager.default.fileExists(atPath: summaries) {
            throw CommandFailure("no summary state at \(summaries) (deposit-indexer summarize --state \(summaries) creates it)")
        }
        var alerts = AlertRoutes()
        if let alertTokens {
            let tokens: AlertTokens
            do { tokens = try AlertTokens.load(path: alertTokens) } catch { throw CommandFailure("\(error)") }
            alerts = AlertRoutes(catalog: try SubscriptionCatalog(kafka: try kafka.configuration(), logger: Logger(label: "alerts")),
                                 tokens: tokens)
        }
        let server = WorksServer(indexPath: index, host: host, port: port, alerts: alerts, summariesPath: summaries)
        try await server.run { port in
            StandardStream.error.write("serving \(index) on http://\(host):\(port)\n")
        }
    }
}
