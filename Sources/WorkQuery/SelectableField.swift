/// The top-level keys of a work that `select=` may name (every key `Work` renders).
public enum SelectableField {
    public static let all: [String] = [
        "DOI", "URL", "prefix", "member", "publisher", "publisher-location", "created", "deposited",
        "indexed", "is-referenced-by-count", "source", "alternative-id", "article-number", "type",
        "subtype", "title", "subtitle", "original-title", "short-title", "container-title",
        "short-container-title", "group-title", "author", "editor", "chair", "translator", "issued",
        "published", "published-print", "published-online", "published-other", "posted", "accepted",
        "approved", "volume", "issue", "journal-issue", "page", "ISSN", "issn-type", "ISBN", "isbn-type",
        "language", "edition-number", "degree", "institution", "standards-body", "archive", "abstract",
        "review", "license", "free-to-read", "resource", "link", "funder", "update-policy",
        "content-domain", "assertion", "update-to", "updated-by", "reference", "references-count",
        "reference-count", "relation", "clinical-trial-number",
    ]

    public static let known: Set<String> = Set(all)

    /// Parses `select=DOI,title`: known keys, duplicates dropped, the first failure per bad key.
    public static func parse(_ parameterValues: [String]) throws(RequestValidationError) -> [String] {
        var failures: [ValidationFailure] = []
        var fields: [String] = []
        for raw in parameterValues.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: true) }) {
            let name = String(raw).trimmingWhitespace()
            guard known.contains(name) else {
                failures.append(ValidationFailure(
                    .selectNotValid, value: name,
                    message: "Cannot select \(name): select takes top-level work fields, e.g. DOI,title. Valid fields are: \(all.joined(separator: ", "))."))
                continue
            }
            if !fields.contains(name) { fields.append(name) }
        }
        guard failures.isEmpty else { throw RequestValidationError(failures) }
        return fields
    }
}
