import WorkModel

/// What follows `/works/` (or `/funders/`) in a path, decoded: DOIs and funder DOIs contain
/// slashes, arrive URL-encoded or not, in any case, so routes take the rest of the path whole.
enum WorkPathRemainder {
    /// The decoded text after the first `/<segment>/` of the raw path.
    static func after(segment: String, in rawPath: String) -> String? {
        guard let range = rawPath.range(of: "/\(segment)/") else { return nil }
        let rest = rawPath[range.upperBound...]
        return rest.isEmpty ? nil : QueryStringDecoding.decodePath(rest)
    }

    enum WorkTarget: Equatable {
        case work(doi: String)
        case agency(doi: String)
    }

    /// `10.1037/abc` → the work; `10.1037/abc/agency` → its agency, unless the whole text is
    /// itself the DOI (a DOI may end in `/agency`; only a valid DOI before it makes it a route).
    static func workTarget(_ text: String) -> WorkTarget? {
        if text.lowercased().hasSuffix("/agency"), let doi = Identifiers.doi(String(text.dropLast("/agency".count))) {
            return .agency(doi: doi)
        }
        return Identifiers.doi(text).map(WorkTarget.work)
    }
}
