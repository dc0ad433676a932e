import Hummingbird
import Logging
import WorkQuery

/// Turns every error into the API's own responses: a validation failure is a 400 naming the bad
/// parameters, an unknown route a plain 404, anything else (the index itself failing) a logged
/// 500 that does not leak internals. Client input therefore never reaches a 500 as a crash.
struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as RequestValidationError {
            return APIResponse.validationFailure(error)
        } catch let error as HTTPError where error.status == .notFound {
            return APIResponse.notFound(headOnly: request.method == .head)
        } catch let error as HTTPError {
            return APIResponse.json(APIMessage.serverError(error.body ?? error.status.reasonPhrase), status: error.status)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return APIResponse.json(APIMessage.serverError("The index could not answer this request; try again shortly."),
                                    status: .internalServerError)
        }
    }
}
