import ArgumentParser
import Foundation
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

        Examples:
          deposit-indexer serve --index demo-output/index.sqlite --port 8080
          curl 'localhost:8080/works?filter=has-license:true&facet=type-name:*&rows=2'
          deposit-indexer serve --index demo-output/index.sqlite --summaries demo-output/summaries.sqlite
          curl 'localhost:8080/summaries/2026-11-21'
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

    func run() async throws {
        guard FileManager.default.fileExists(atPath: index) else {
            throw ValidationError("no index at \(index) (build one with Scripts/demo or deposit-indexer run --index \(index))")
        }
        if let summaries, !FileManager.default.fileExists(atPath: summaries) {
            throw ValidationError("no summary state at \(summaries) (deposit-indexer summarize --state \(summaries) creates it)")
        }
        let server = WorksServer(indexPath: index, host: host, port: port, summariesPath: summaries)
        try await server.run { port in
            StandardStream.error.write("serving \(index) on http://\(host):\(port)\n")
        }
    }
}
