import Foundation
import HTTPTypes
import Hummingbird
import Notifications
import WorkQuery

/// `/alerts`: each subscriber (a bearer token, see `AlertTokens`) saves, lists and deletes its
/// own Metadata Plus alerts. A saved query takes the parameters of `/works` (`filter`, `query`,
/// `query.<field>`) and is validated by the same parser, so it is refused with the same 400.
/// Without a catalog and tokens the routes answer 503, saying how to turn them on.
public struct AlertRoutes: Sendable {
    let catalog: SubscriptionCatalog?
    let tokens: AlertTokens?
    /// A body larger than this is refused: a saved query is a few hundred bytes.
    static let maximumBodyBytes = 64 * 1024

    public init(catalog: SubscriptionCatalog? = nil, tokens: AlertTokens? = nil) {
        self.catalog = catalog
        self.tokens = tokens
    }

    func register(on router: Router<BasicRequestContext>) {
        register(routes: router)
        register(routes: router.group("v1"))
    }

    private func register<Routes: RouterMethods>(routes: Routes) where Routes.Context == BasicRequestContext {
        routes.post("alerts") { request, _ in try await withSubscriber(request) { try await create(request, owner: $0, catalog: $1) } }
        routes.get("alerts") { request, _ in
            try await withSubscriber(request) { owner, catalog in APIResponse.json(APIMessage.alertList(catalog.owned(by: owner))) }
        }
        routes.get("alerts/:id") { request, context in
            try await withSubscriber(request) { owner, catalog in
                guard let alert = owned(context.parameters.get("id"), by: owner, in: catalog) else { return APIResponse.notFound() }
                return APIResponse.json(APIMessage.alert(alert))
            }
        }
        routes.delete("alerts/:id") { request, context in
            try await withSubscriber(request) { owner, catalog in
                guard let alert = owned(context.parameters.get("id"), by: owner, in: catalog) else { return APIResponse.notFound() }
                try await catalog.remove(id: alert.id)
                return Response(status: .noContent)
            }
        }
    }

    /// Another subscriber's alert is "not found", never "forbidden": ids are not to be probed.
    private func owned(_ id: String?, by owner: String, in catalog: SubscriptionCatalog) -> AlertSubscription? {
        guard let id, let alert = catalog.subscription(id: id), alert.owner == owner else { return nil }
        return alert
    }

    private func withSubscriber(_ request: Request,
                                _ body: (String, SubscriptionCatalog) async throws -> Response) async throws -> Response {
        guard let catalog, let tokens else {
            return APIResponse.json(APIMessage.failure(type: "alerts-disabled", "Alerts are not enabled on this server: start it with serve --alert-tokens FILE --brokers HOST:PORT."),
                                    status: .serviceUnavailable)
        }
        guard let owner = tokens.owner(authorization: request.headers[.authorization]) else {
            var response = APIResponse.json(APIMessage.failure(type: "authentication-failure", "Send the token you were given as Authorization: Bearer TOKEN."),
                                            status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Bearer realm=\"alerts\""
            return response
        }
        return try await body(owner, catalog)
    }

    private func create(_ request: Request, owner: String, catalog: SubscriptionCatalog) async throws -> Response {
        var parameters = QueryStringDecoding.pairs(request.uri.query)
        let body = try await request.body.collect(upTo: Self.maximumBodyBytes)
        if body.readableBytes > 0 {
            let bytes = Array(buffer: body)
            if request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true {
                parameters += try AlertRequestBody.jsonParameters(bytes)
            } else {
                parameters += QueryStringDecoding.pairs(String(decoding: bytes, as: UTF8.self))
            }
        }
        let subscription = try AlertSubscriptionParser.parse(
            parameters, id: UUID().uuidString.lowercased(), owner: owner,
            created: NotificationWindow.iso(Int64(Date().timeIntervalSince1970 * 1000)))
        try await catalog.save(subscription)
        var response = APIResponse.json(APIMessage.alert(subscription), status: .created)
        response.headers[.location] = "/alerts/\(subscription.id)"
        return response
    }
}
