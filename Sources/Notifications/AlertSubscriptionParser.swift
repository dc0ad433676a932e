import WorkIndex
import WorkQuery

/// Turns the parameters of `POST /alerts` or `alerts add` into a subscription, or refuses them
/// with every problem found. Filters and searches go through `WorksRequestParser`, so a saved
/// query is refused exactly when `/works` would refuse it, with the same messages.
public enum AlertSubscriptionParser {
    /// The `/works` parameters a saved query may carry: what selects works, nothing that pages or sorts.
    static let queryParameters: Set<String> = Set(["filter"] + QueryField.allCases.map(\.rawValue))
    static let ownParameters = ["name", "kinds", "window-seconds", "window-ms"]
    public static let windowSecondsRange = 1...86_400
    public static let windowMillisRange = 100...86_400_000

    public static func parse(_ parameters: [(name: String, value: String)], id: String, owner: String?,
                             created: String?) throws(RequestValidationError) -> AlertSubscription {
        var failures: [ValidationFailure] = []
        var subscription = AlertSubscription(id: id, owner: owner, created: created)
        var queryPairs: [(name: String, value: String)] = []
        for (name, value) in parameters {
            if queryParameters.contains(name) {
                queryPairs.append((name, value))
                continue
            }
            guard !value.isEmpty || !ownParameters.contains(name) else { continue }
            switch name {
            case "name": subscription.name = value
            case "kinds":
                do { subscription.kinds = try kinds(value) } catch { failures += error.failures }
            case "window-seconds":
                subscription.windowSeconds = integer(name, value, in: windowSecondsRange, failures: &failures)
            case "window-ms":
                subscription.windowMillis = integer(name, value, in: windowMillisRange, failures: &failures)
            default:
                let allowed = (queryParameters.sorted() + ownParameters).joined(separator: ", ")
                failures.append(ValidationFailure(
                    .parameterNotAllowed, value: name,
                    message: "Parameter \(name) is not allowed on /alerts: an alert selects works, it does not page or sort them. Allowed: \(allowed)."))
            }
        }
        do {
            let request = try WorksRequestParser.parse(queryPairs)
            for clause in request.filter.clauses {
                subscription.filters[clause.name.rawValue, default: []].append(clause.value)
            }
            for query in request.queries {
                if query.field == .everything {
                    subscription.query = query.text
                } else {
                    subscription.fieldQueries = (subscription.fieldQueries ?? [:]).merging(
                        [String(query.field.rawValue.dropFirst("query.".count)): query.text]) { _, new in new }
                }
            }
            if request.filter.clauses.isEmpty && request.queries.isEmpty && failures.isEmpty {
                failures.append(ValidationFailure(
                    .filterValueNotValid, value: "filter",
                    message: "An alert needs at least one filter or query (e.g. filter=funder:10.13039/100000001 or query.title=ocean); without one it would match every record."))
            }
        } catch {
            failures = error.failures + failures
        }
        guard failures.isEmpty else { throw RequestValidationError(failures) }
        return subscription
    }

    static func kinds(_ text: String) throws(RequestValidationError) -> [ChangeEvent.Kind] {
        var kinds: [ChangeEvent.Kind] = []
        for part in text.split(separator: ",") {
            guard let kind = ChangeEvent.Kind(rawValue: String(part)) else {
                throw RequestValidationError([ValidationFailure(
                    .filterValueNotValid, value: "kinds:\(part)",
                    message: "kinds takes a comma-separated list of created, updated, updated-by, not \"\(part)\".")])
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds
    }

    private static func integer(_ name: String, _ text: String, in range: ClosedRange<Int>,
                                failures: inout [ValidationFailure]) -> Int? {
        guard let n = Int(text), range.contains(n) else {
            failures.append(ValidationFailure(
                .integerOutOfRange, value: text,
                message: "\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"."))
            return nil
        }
        return n
    }
}
