/// Turns the query parameters of a `/works` request into a `WorksRequest`, or refuses it with
/// every problem found (unknown parameter, bad filter, rows over the limit, bad cursor, …).
/// Never traps: any text in, a request or a `RequestValidationError` out.
public enum WorksRequestParser {
    /// Longest text a search parameter may carry, and most tokens: enough for a pasted citation,
    /// small enough that one request cannot build a huge FTS expression.
    public static let maximumQueryLength = 4096
    public static let maximumQueryTokens = 64

    static let controlParameters: Set<String> = [
        "filter", "facet", "rows", "offset", "sample", "sort", "order", "cursor", "select", "mailto",
    ]

    /// - Parameter parameters: decoded name/value pairs in request order; a repeated `filter`,
    ///   `facet` or `select` adds to the earlier ones, a repeated scalar parameter replaces it.
    ///   An empty value counts as absent.
    public static func parse(_ parameters: [(name: String, value: String)]) throws(RequestValidationError) -> WorksRequest {
        var request = WorksRequest()
        var failures: [ValidationFailure] = []
        var lists: [String: [String]] = [:]
        var scalars: [String: String] = [:]
        var queryTexts: [QueryField: String] = [:]
        var queryOrder: [QueryField] = []

        for (name, value) in parameters {
            if let field = QueryField(rawValue: name) {
                guard !value.isEmpty else { continue }
                if queryTexts[field] == nil { queryOrder.append(field) }
                queryTexts[field] = queryTexts[field].map { $0 + " " + value } ?? value
                continue
            }
            guard controlParameters.contains(name) else {
                failures.append(ValidationFailure(
                    .parameterNotAllowed, value: name,
                    message: "Parameter \(name) is not allowed on /works. Allowed: \((QueryField.allCases.map(\.rawValue) + controlParameters.sorted()).joined(separator: ", "))."))
                continue
            }
            guard !value.isEmpty else { continue }
            switch name {
            case "filter", "facet", "select": lists[name, default: []].append(value)
            default: scalars[name] = value
            }
        }

        for field in queryOrder {
            let text = queryTexts[field] ?? ""
            let query = FieldQuery(field: field, text: text)
            if text.utf8.count > maximumQueryLength || query.tokens.count > maximumQueryTokens {
                failures.append(ValidationFailure(
                    .queryTooLong, value: field.rawValue,
                    message: "\(field.rawValue) may have at most \(maximumQueryTokens) words and \(maximumQueryLength) bytes."))
            } else if !query.tokens.isEmpty {
                request.queries.append(query)
            }
        }

        func capture<T>(_ body: () throws(RequestValidationError) -> T) -> T? {
            do { return try body() } catch { failures += error.failures; return nil }
        }
        if let values = lists["filter"], let filter = capture({ () throws(RequestValidationError) in try WorkFilter.parse(values) }) {
            request.filter = filter
        }
        if let values = lists["facet"], let facets = capture({ () throws(RequestValidationError) in try FacetRequest.parse(values) }) {
            request.facets = facets
        }
        if let values = lists["select"], let select = capture({ () throws(RequestValidationError) in try SelectableField.parse(values) }) {
            request.select = select.isEmpty ? nil : select
        }

        func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
            guard let text = scalars[name] else { return nil }
            guard let n = Int(text) else {
                failures.append(ValidationFailure(.integerNotValid, value: text,
                                                  message: "\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"."))
                return nil
            }
            guard range.contains(n) else {
                failures.append(ValidationFailure(.integerOutOfRange, value: text,
                                                  message: "\(name) must be from \(range.lowerBound) to \(range.upperBound)\(name == "offset" ? "; use cursor=* to page deeper" : "")."))
                return nil
            }
            return n
        }
        request.rows = integer("rows", in: 0...WorksRequest.maximumRows) ?? WorksRequest.defaultRows
        request.offset = integer("offset", in: 0...WorksRequest.maximumOffset) ?? 0
        request.sample = integer("sample", in: 1...WorksRequest.maximumSample)

        if let text = scalars["sort"] {
            if let sort = SortField.named(text) { request.sort = sort } else {
                failures.append(ValidationFailure(.sortNotValid, value: text,
                                                  message: "Cannot sort by \(text). Sort by one of: score, relevance, \(SortField.allCases.dropFirst().map(\.rawValue).joined(separator: ", "))."))
            }
        }
        if let text = scalars["order"] {
            if let order = SortOrder(rawValue: text.lowercased()) { request.order = order } else {
                failures.append(ValidationFailure(.orderNotValid, value: text, message: "order takes asc or desc, not \"\(text)\"."))
            }
        }
        if let text = scalars["cursor"] {
            if text == "*" { request.cursor = .start }
            else if let token = CursorToken(encoded: text) { request.cursor = .resume(token) }
            else {
                failures.append(ValidationFailure(.cursorNotValid, value: text,
                                                  message: "This cursor was not issued by this API: start a walk with cursor=* and pass each next-cursor back unchanged."))
            }
            if scalars["offset"] != nil {
                failures.append(ValidationFailure(.cursorCombination, value: "offset",
                                                  message: "offset cannot be combined with cursor: the cursor already says where the page starts."))
            }
            if scalars["sample"] != nil {
                failures.append(ValidationFailure(.cursorCombination, value: "sample",
                                                  message: "sample cannot be combined with cursor: random works have no order to walk."))
            }
        }
        request.mailto = scalars["mailto"]

        guard failures.isEmpty else { throw RequestValidationError(failures) }
        return request
    }
}
