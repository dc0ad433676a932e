import HTTPTypes
import Hummingbird

/// Adds the headers every response carries: the advertised rate limit (`X-Rate-Limit-Limit`,
/// `X-Rate-Limit-Interval` in seconds, as the brief specifies) and open CORS for browser clients.
struct StandardHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let rateLimit: RateLimitAdvice

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[HTTPField.Name("X-Rate-Limit-Limit")!] = String(rateLimit.requests)
        response.headers[HTTPField.Name("X-Rate-Limit-Interval")!] = "\(rateLimit.intervalSeconds)s"
        response.headers[HTTPField.Name("Access-Control-Allow-Origin")!] = "*"
        return response
    }
}

/// What the rate-limit headers advertise: `requests` per `intervalSeconds`.
public struct RateLimitAdvice: Sendable {
    public var requests: Int
    public var intervalSeconds: Int

    public init(requests: Int = 50, intervalSeconds: Int = 1) {
        self.requests = requests
        self.intervalSeconds = intervalSeconds
    }
}
