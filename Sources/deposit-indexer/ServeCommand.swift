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
        /journals/{issn}/works, /types, /types/{id}, /types/{id}/works, /licenses. SIGTERM or Ctrl-C stops \
        it gracefully.

        Examples:
          deposit-indexer serve --index demo-output/index.sqlite --port 8080
          curl 'localhost:8080/works?filter=has-license:true&facet=type-name:*&rows=2'
        """
    )

    @Option(help: ArgumentHelp("The index file.", valueName: "path"))
    var index: String

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed at start).")
    var port = 8080

    func run() async throws {
        guard FileManager.default.fileExists(atPath: index) else {
            throw ValidationError("no index at \(index) (build one with Scripts/demo or deposit-indexer run --index \(index))")
        }
        let server = WorksServer(indexPath: index, host: host, port: port)
        try await server.run { port in
            StandardStream.error.write("serving \(index) on http://\(host):\(port)\n")
        }
    }
}
