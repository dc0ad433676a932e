import Hummingbird
import Notifications
import WorkModel
import WorkQuery

/// The routes of the read side, registered without a version prefix and with `/v1` and `/v1.0`
/// (the brief's examples use both spellings).
public struct WorksRoutes: Sendable {
    let index: any WorkIndexReading
    let rateLimit: RateLimitAdvice
    /// The batch summaries state (`/summaries/{period}`); nil: the route answers 404.
    let summaries: BatchSummaryStore?

    public init(index: any WorkIndexReading, rateLimit: RateLimitAdvice = RateLimitAdvice(), summaries: BatchSummaryStore? = nil) {
        self.index = index
        self.rateLimit = rateLimit
        self.summaries = summaries
    }

    /// A router answering every route; middleware first so unknown routes get them too.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: StandardHeadersMiddleware(rateLimit: rateLimit))
        router.add(middleware: ErrorResponseMiddleware())
        register(on: router)
        register(on: router.group("v1"))
        register(on: router.group("v1.0"))
        return router
    }

    private func register<Routes: RouterMethods>(on routes: Routes) where Routes.Context == BasicRequestContext {
        routes.get("works") { request, _ in try await workList(request, scope: .all) }
        routes.get("works/**") { request, _ in try await workByDOI(request, headOnly: false) }
        routes.head("works/**") { request, _ in try await workByDOI(request, headOnly: true) }
        routes.get("members/:id/works") { request, context in
            try await scoped(request, WorksScope.member(id: context.parameters.get("id") ?? ""))
        }
        routes.get("funders/**") { request, _ in try await funderWorks(request) }
        routes.get("prefixes/:prefix/works") { request, context in
            try await scoped(request, WorksScope.prefix(owner: decoded(context.parameters.get("prefix"))))
        }
        routes.get("journals/:issn/works") { request, context in
            try await scoped(request, WorksScope.journal(issn: decoded(context.parameters.get("issn"))))
        }
        routes.get("types") { _, _ in APIResponse.json(APIMessage.typeList(WorkType.all)) }
        routes.get("types/:id") { _, context in
            guard let type = WorkType.named(decoded(context.parameters.get("id"))) else { return APIResponse.notFound() }
            return APIResponse.json(APIMessage.type(type))
        }
        routes.get("types/:id/works") { request, context in
            try await scoped(request, WorksScope.type(id: decoded(context.parameters.get("id"))))
        }
        routes.get("licenses") { request, _ in try await licenses(request) }
        if let summaries { SummaryRoutes(store: summaries).register(on: routes) }
    }

    private func decoded(_ value: String?) -> String {
        QueryStringDecoding.decodePath(Substring(value ?? ""))
    }

    /// A scoped list; a path value that cannot name anything is a 404 (like an unknown member).
    private func scoped(_ request: Request, _ scope: WorksScope?) async throws -> Response {
        guard let scope else { return APIResponse.notFound() }
        return try await workList(request, scope: scope)
    }

    private func workList(_ request: Request, scope: WorksScope) async throws -> Response {
        let parsed = try WorksRequestParser.parse(QueryStringDecoding.pairs(request.uri.query))
        let page = try await index.search(parsed, scope: scope)
        return APIResponse.json(APIMessage.workList(page, request: parsed))
    }

    private func workByDOI(_ request: Request, headOnly: Bool) async throws -> Response {
        guard let remainder = WorkPathRemainder.after(segment: "works", in: request.uri.path),
              let target = WorkPathRemainder.workTarget(remainder) else { return APIResponse.notFound(headOnly: headOnly) }
        switch target {
        case .work(let doi):
            guard let json = try await index.work(doi: doi) else { return APIResponse.notFound(headOnly: headOnly) }
            return APIResponse.json(APIMessage.work(json), headOnly: headOnly)
        case .agency(let doi):
            guard try await index.work(doi: doi) != nil else { return APIResponse.notFound(headOnly: headOnly) }
            return APIResponse.json(APIMessage.agency(doi: doi), headOnly: headOnly)
        }
    }

    /// `/funders/{id}/works` where the id is bare (`100000001`) or a DOI with a slash
    /// (`10.13039/100000001`, encoded or not). Funder records themselves are not served here.
    private func funderWorks(_ request: Request) async throws -> Response {
        guard let remainder = WorkPathRemainder.after(segment: "funders", in: request.uri.path),
              remainder.hasSuffix("/works") else { return APIResponse.notFound() }
        return try await scoped(request, WorksScope.funder(id: String(remainder.dropLast("/works".count))))
    }

    private func licenses(_ request: Request) async throws -> Response {
        var rows = 20
        var offset = 0
        var failures: [ValidationFailure] = []
        for (name, value) in QueryStringDecoding.pairs(request.uri.query) where !value.isEmpty {
            switch name {
            case "rows":
                if let n = Int(value), (0...WorksRequest.maximumRows).contains(n) { rows = n } else {
                    failures.append(ValidationFailure(.integerNotValid, value: value, message: "rows takes a whole number from 0 to \(WorksRequest.maximumRows)."))
                }
            case "offset":
                if let n = Int(value), (0...WorksRequest.maximumOffset).contains(n) { offset = n } else {
                    failures.append(ValidationFailure(.integerNotValid, value: value, message: "offset takes a whole number from 0 to \(WorksRequest.maximumOffset)."))
                }
            case "mailto": continue
            default:
                failures.append(ValidationFailure(.parameterNotAllowed, value: name, message: "Parameter \(name) is not allowed on /licenses. Allowed: rows, offset, mailto."))
            }
        }
        guard failures.isEmpty else { throw RequestValidationError(failures) }
        let list = try await index.licenses(rows: rows, offset: offset)
        return APIResponse.json(APIMessage.licenseList(list, rows: rows, offset: offset))
    }
}
