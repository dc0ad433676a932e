import AsyncTestSupport
import DepositTestSupport
import Foundation
import HummingbirdTesting
import Ingest
import Testing
import WorkIndex
import WorkIndexQuery
import WorksAPI

/// The read side's promise end to end: a deposit published to the local broker is indexed by the
/// real worker into a SQLite file, and an HTTP client of the API served over that same file (a
/// real socket) sees it. Waits are generous; nothing here bounds how long a step may take.
@Suite(.timeLimit(.minutes(3))) struct FreshnessThroughAPITests {
    @Test func aPublishedDepositBecomesVisibleOverHTTP() async throws {
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        let index = env.indexPath("fresh")
        // The server opens the index read-only, so it must exist: the writer creates it (as `run` does on start).
        try SQLiteWorkStore(path: index).close()
        let server = WorksServer(indexPath: index, port: 0).makeApplication(index: try SQLiteWorkIndexReader(path: index))
        let doi = "10.5555/fresh-\(UUID().uuidString.prefix(8).lowercased())"
        let path = "/works/\(doi.uppercased())"

        try await server.test(.live) { client in
            let before = try await client.execute(uri: path, method: .get)
            #expect(before.status == .notFound, "not published yet")

            let producer = try env.producer()
            _ = try await runWorker(env, index: index, group: uniqueGroup("fresh")) {
                _ = try await producer.send(MemberDeposit.message(
                    MemberDeposit.article(doi: doi, title: "Visible within seconds", batchID: "fresh-1", timestamp: "20240101000000"),
                    key: doi, depositedAt: ISO8601DateFormatter().string(from: Date())))
                try await waitUntil("\(doi) over HTTP", timeout: .seconds(90), interval: .milliseconds(20)) {
                    try await client.execute(uri: path, method: .get).status == .ok
                }
            }
            try await producer.close()

            let after = try await client.execute(uri: path, method: .get)
            #expect(after.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: after.body)) as? [String: Any])
            let message = try #require(body["message"] as? [String: Any])
            #expect(message["DOI"] as? String == doi)
            #expect(message["title"] as? [String] == ["Visible within seconds"])
        }
    }
}
