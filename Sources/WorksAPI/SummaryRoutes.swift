import Foundation
import Hummingbird
import Notifications
import WorkQuery

/// `GET /summaries/{period}`: the batch summary of a period from the state `summarize` keeps,
/// in the API envelope (`message-type: batch-summary`). 404 for a period without data, 400 for
/// a label that is not a period of the state's length.
struct SummaryRoutes: Sendable {
    let store: BatchSummaryStore

    func register<Routes: RouterMethods>(on routes: Routes) where Routes.Context == BasicRequestContext {
        routes.get("summaries/:period") { _, context in
            try await summary(QueryStringDecoding.decodePath(Substring(context.parameters.get("period") ?? "")))
        }
    }

    private func summary(_ label: String) async throws -> Response {
        let period: SummaryPeriod
        do {
            period = try SummaryPeriod(label: label, hours: store.periodHours)
        } catch {
            throw RequestValidationError([ValidationFailure(.dateNotValid, value: label, message: "\(error).")])
        }
        guard let summary = try await store.summary(for: period, generatedMs: Int64(Date().timeIntervalSince1970 * 1000)) else {
            return APIResponse.notFound()
        }
        return APIResponse.json(APIMessage.batchSummary(summary.jsonBytes))
    }
}

extension APIMessage {
    static func batchSummary(_ json: [UInt8]) -> [UInt8] {
        envelope(type: "batch-summary") { $0.raw(json) }
    }
}
