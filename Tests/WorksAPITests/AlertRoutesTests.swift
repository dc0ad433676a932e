import AsyncTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Kafka
import Logging
import Notifications
import Testing
import WorksAPI

/// `/alerts` over a real catalog on the local broker: bearer tokens, ownership, the same
/// validation as `/works`.
@Suite(.timeLimit(.minutes(2))) struct AlertRoutesTests {
    static let alice = "token-of-alice-0001", bob = "token-of-bob-000002"
    static let tokens = try! AlertTokens.parse("# subscribers\n\(alice) alice@example.org\n\n\(bob)\tbob\n", source: "test")

    struct Client {
        let client: any TestClientProtocol

        func call(_ uri: String, _ method: HTTPRequest.Method = .get, token: String? = nil, json: String? = nil, form: String? = nil)
            async throws -> APITestSupport.Reply {
            var headers = HTTPFields()
            if let token { headers[.authorization] = "Bearer \(token)" }
            if json != nil { headers[.contentType] = "application/json" }
            if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
            let body = (json ?? form).map { ByteBuffer(string: $0) }
            return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
                APITestSupport.Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
            }
        }
    }

    /// A server whose alerts live on a fresh local broker; also returns a way to read the topic back.
    func withServer(_ body: @escaping @Sendable (Client, KafkaConfiguration) async throws -> Void) async throws {
        var logger = Logger(label: "alert-routes-tests")
        logger.logLevel = .error
        let broker = try LocalBroker(logger: logger)
        defer { broker.stop() }
        try broker.createTopic(name: SubscriptionTopic.topic, partitions: 1)
        let kafka = KafkaConfiguration(brokers: broker.bootstrapServers, overrides: ["log_level": "3"])
        let catalog = try SubscriptionCatalog(kafka: kafka, logger: logger)
        try await catalog.load()
        let server = WorksServer(indexPath: APITestSupport.index.path, port: 0, alerts: AlertRoutes(catalog: catalog, tokens: Self.tokens))
        try await withTimeout(.seconds(90), "the alert routes") {
            try await server.makeApplication(index: APITestSupport.reader).test(.router) { client in
                try await body(Client(client: client), kafka)
            }
        }
        await catalog.close()
    }

    @Test func noTokenOrAnUnknownOneIs401() async throws {
        try await withServer { client, _ in
            for token in [nil, "not-a-token-of-anyone"] {
                for method in [HTTPRequest.Method.get, .post] {
                    let reply = try await client.call("/alerts?filter=issn:1549-7712", method, token: token)
                    #expect(reply.status == .unauthorized)
                    #expect(reply.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                }
            }
        }
    }

    @Test func aSubscriberSavesListsAndDeletesItsAlerts() async throws {
        try await withServer { client, kafka in
            let created = try await client.call("/alerts", .post, token: Self.alice,
                                                form: "filter=funder:10.13039/100000001,has-license:true&query.title=ocean&name=Oceans")
            #expect(created.status == .created)
            let alert = try #require(created.message)
            let id = try #require(alert["id"] as? String)
            #expect(created.headers[.location] == "/alerts/\(id)")
            #expect(alert["owner"] as? String == "alice@example.org")
            #expect(alert["filters"] as? [String: [String]] == ["funder": ["10.13039/100000001"], "has-license": ["true"]])
            #expect(alert["field-queries"] as? [String: String] == ["title": "ocean"])

            let json = try await client.call("/v1/alerts", .post, token: Self.alice,
                                             json: #"{"filter": "issn:1549-7712", "kinds": ["updated-by"], "window-seconds": 300}"#)
            #expect(json.status == .created)
            #expect(json.message?["kinds"] as? [String] == ["updated-by"])
            #expect(json.message?["window-seconds"] as? Int == 300)

            let list = try await client.call("/alerts", token: Self.alice)
            #expect(list.status == .ok)
            #expect(list.items.count == 2)
            #expect(try await client.call("/alerts/\(id)", token: Self.alice).message?["id"] as? String == id)

            // Saved on the topic: a fresh reader (as the matcher is) sees it.
            let reader = try SubscriptionCatalog(kafka: kafka, logger: Logger(label: "reader"))
            try await reader.load()
            #expect(reader.subscription(id: id)?.fieldQueries == ["title": "ocean"])
            await reader.close()

            #expect(try await client.call("/alerts/\(id)", .delete, token: Self.alice).status == .noContent)
            #expect(try await client.call("/alerts/\(id)", token: Self.alice).status == .notFound)
            #expect(try await client.call("/alerts", token: Self.alice).items.count == 1)
            let after = try SubscriptionCatalog(kafka: kafka, logger: Logger(label: "reader"))
            try await after.load()
            #expect(after.subscription(id: id) == nil, "the delete is a tombstone on the topic")
            await after.close()
        }
    }

    @Test func anotherSubscribersAlertIsNotFound() async throws {
        try await withServer { client, _ in
            let created = try await client.call("/alerts?filter=member:78", .post, token: Self.alice)
            let id = try #require(created.message?["id"] as? String)
            #expect(try await client.call("/alerts/\(id)", token: Self.bob).status == .notFound)
            #expect(try await client.call("/alerts/\(id)", .delete, token: Self.bob).status == .notFound)
            #expect(try await client.call("/alerts", token: Self.bob).items.isEmpty)
            #expect(try await client.call("/alerts/\(id)", token: Self.alice).status == .ok)
        }
    }

    @Test func aMalformedQueryIs400NamingEachProblemAsWorksDoes() async throws {
        try await withServer { client, _ in
            let alert = try await client.call("/alerts", .post, token: Self.alice, form: "filter=funder:,colour:red&rows=5")
            let works = try await client.call("/works?filter=funder:,colour:red")
            #expect(alert.status == .badRequest)
            #expect(alert.json?["message-type"] as? String == "validation-failure")
            let values = alert.failures.compactMap { $0["value"] as? String }
            #expect(values == works.failures.compactMap { $0["value"] as? String } + ["rows"])
            let badJSON = try await client.call("/alerts", .post, token: Self.alice, json: "[1, 2]")
            #expect(badJSON.status == .badRequest)
            #expect(try await client.call("/alerts", token: Self.alice).items.isEmpty)
        }
    }

    @Test func withoutTokensTheRoutesSayHowToEnableThem() async throws {
        let reply = try await APITestSupport.get("/alerts")
        #expect(reply.status == .serviceUnavailable)
        #expect(reply.body.contains("--alert-tokens"))
    }

    @Test func theTokenFileNamesTheLineThatIsWrong() {
        #expect(throws: AlertTokensError.self) { try AlertTokens.parse("short alice\n", source: "tokens.txt") }
        let error = #expect(throws: AlertTokensError.self) {
            try AlertTokens.parse("\(Self.alice) alice\n\(Self.alice) bob\n", source: "tokens.txt")
        }
        #expect(error?.description.hasPrefix("tokens.txt:2:") == true)
        #expect(Self.tokens.owner(authorization: "Bearer \(Self.bob)") == "bob")
        #expect(Self.tokens.owner(authorization: "Basic \(Self.bob)") == nil)
    }
}
