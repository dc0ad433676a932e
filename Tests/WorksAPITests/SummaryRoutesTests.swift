import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notifications
import Testing
import WorkIndex
import WorkModel
import WorksAPI

/// `/summaries/{period}` over a real summary state file, as `serve --summaries` runs it.
@Suite struct SummaryRoutesTests {
    /// 2026-11-21T10:00:00Z.
    static let morning: Int64 = 1_795_219_200_000 + 10 * 3_600_000

    @Test func aPeriodWithDataIsServedInTheAPIEnvelope() async throws {
        let state = try await Self.state()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let replies = try await Self.requests(state: state, ["/summaries/2026-11-21", "/v1/summaries/2026-11-21"])
        for reply in replies {
            #expect(reply.status == .ok)
            #expect(reply.json?["status"] as? String == "ok")
            #expect(reply.json?["message-type"] as? String == "batch-summary")
            let message = try #require(reply.message)
            #expect(message["period"] as? String == "2026-11-21")
            #expect((message["totals"] as? [String: Int]) == ["total": 3, "created": 2, "updated": 1, "updated-by": 0])
            #expect((message["by-member"] as? [String: Any])?.keys.sorted() == ["78", "98"])
            #expect(message["works"] as? Int == 2)
        }
    }

    @Test func aPeriodWithoutDataIs404AndAMalformedOneIs400() async throws {
        let state = try await Self.state()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let replies = try await Self.requests(state: state, ["/summaries/2026-11-22", "/summaries/21-11-2026", "/summaries/2026-02-30"])
        #expect(replies[0].status == .notFound)
        #expect(replies[1].status == .badRequest)
        #expect(replies[1].json?["message-type"] as? String == "validation-failure")
        #expect(replies[1].body.contains("YYYY-MM-DD"))
        #expect(replies[2].status == .badRequest)
    }

    @Test func withoutASummaryStateTheRouteDoesNotExist() async throws {
        let reply = try await APITestSupport.get("/summaries/2026-11-21")
        #expect(reply.status == .notFound)
    }

    /// A state file with three events on 2026-11-21 (two works, members 78 and 98).
    static func state() async throws -> String {
        let path = NSTemporaryDirectory() + "summary-routes-\(UUID().uuidString).sqlite"
        let store = try BatchSummaryStore(path: path, periodHours: 24)
        try await store.record([("10.5555/a", ChangeEvent.Kind.created, "78"), ("10.5555/b", .created, "98"), ("10.5555/a", .updated, "78")]
            .enumerated().map { offset, change in
                SummaryChange(event: ChangeEvent(
                    id: "\(change.0)@\(offset)", DOI: change.0, kind: change.1, changedFields: ["title"], member: change.2,
                    type: "journal-article", deposited: nil, indexed: DateObject(epochMillis: morning + Int64(offset)),
                    version: Int64(offset), source: SourceCoordinates(topic: "deposits", partition: 0, offset: Int64(offset))),
                              coverage: [.licenses])
            })
        try store.close()
        return path
    }

    static func requests(state: String, _ uris: [String]) async throws -> [APITestSupport.Reply] {
        let summaries = try BatchSummaryStore(readingAt: state)
        let application = WorksServer(indexPath: APITestSupport.index.path, port: 0)
            .makeApplication(index: APITestSupport.reader, summaries: summaries)
        return try await APITestSupport.requests(uris, on: application)
    }
}
