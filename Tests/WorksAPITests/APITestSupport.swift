import Foundation
import Hummingbird
import HummingbirdTesting
import ReadSideTestSupport
import WorkIndexQuery
import WorksAPI

/// The sample works in an index file, the server's application over it, and request helpers.
enum APITestSupport {
    static let index: WrittenIndex = try! WrittenIndex(works: SampleWorks.all)
    static let reader: SQLiteWorkIndexReader = try! SQLiteWorkIndexReader(path: index.path)

    /// The fixture records (parsed from Tests/Fixtures), written by the real writer to their own index.
    static let fixtureIndex: WrittenIndex = try! WrittenIndex(works: FixtureWorks.all)
    static let fixtureReader: SQLiteWorkIndexReader = try! SQLiteWorkIndexReader(path: fixtureIndex.path)

    static func application(_ reader: SQLiteWorkIndexReader = reader) -> some ApplicationProtocol {
        WorksServer(indexPath: "", port: 0).makeApplication(index: reader)
    }

    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String

        /// The body as a JSON object (nil when it is not one).
        var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] }
        var message: [String: Any]? { json?["message"] as? [String: Any] }
        var items: [[String: Any]] { (message?["items"] as? [[String: Any]]) ?? [] }
        var dois: [String] { items.compactMap { $0["DOI"] as? String } }
        var total: Int? { message?["total-results"] as? Int }
        var failures: [[String: Any]] { (json?["message"] as? [[String: Any]]) ?? [] }
    }

    /// Runs requests against the router (no socket).
    static func requests(_ uris: [String], method: HTTPRequest.Method = .get, reader: SQLiteWorkIndexReader = reader) async throws -> [Reply] {
        try await requests(uris, method: method, on: application(reader))
    }

    /// Runs requests against any application's router (no socket).
    static func requests(_ uris: [String], method: HTTPRequest.Method = .get,
                         on application: some ApplicationProtocol) async throws -> [Reply] {
        try await application.test(.router) { client in
            var replies: [Reply] = []
            for uri in uris {
                replies.append(try await client.execute(uri: uri, method: method) { response in
                    Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
                })
            }
            return replies
        }
    }

    static func get(_ uri: String, method: HTTPRequest.Method = .get) async throws -> Reply {
        try await requests([uri], method: method)[0]
    }

    /// Percent-encodes everything but unreserved characters (what careful clients send).
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))!
    }
}
