/// The facets of `/works` with the most values each may return (nil: `*`, all values).
public enum FacetName: String, CaseIterable, Hashable, Sendable {
    case affiliation
    case funderName = "funder-name"
    case funderDOI = "funder-doi"
    case orcid
    case containerTitle = "container-title"
    case assertion
    case archive
    case updateType = "update-type"
    case issn
    case published
    case typeName = "type-name"
    case license
    case categoryName = "category-name"
    case relationType = "relation-type"
    case assertionGroup = "assertion-group"
    case publisherName = "publisher-name"

    /// The brief's maximum: 100 for the facets with very many values, else unlimited (`*`).
    public var maximumValues: Int? {
        switch self {
        case .orcid, .containerTitle, .issn: return 100
        default: return nil
        }
    }

    /// Where the counts come from.
    public enum Source: Hashable, Sendable {
        case term(field: String)
        case typeColumn
        case publishedYearColumn
        case publisherColumn
        case notIndexed(reason: String)
    }

    public var source: Source {
        switch self {
        case .affiliation: return .term(field: TermField.affiliation)
        case .funderName: return .term(field: TermField.funderName)
        case .funderDOI: return .term(field: TermField.funder)
        case .orcid: return .term(field: TermField.orcid)
        case .containerTitle: return .term(field: TermField.containerTitle)
        case .assertion: return .term(field: TermField.assertion)
        case .archive: return .term(field: TermField.archive)
        case .updateType: return .term(field: TermField.updateType)
        case .issn: return .term(field: TermField.issn)
        case .published: return .publishedYearColumn
        case .typeName: return .typeColumn
        case .license: return .term(field: TermField.license)
        case .categoryName:
            return .notIndexed(reason: "category labels come from an external subject list that is not loaded into this index")
        case .relationType: return .term(field: TermField.relationType)
        case .assertionGroup: return .term(field: TermField.assertionGroup)
        case .publisherName: return .publisherColumn
        }
    }
}

/// One requested facet: its name and how many values to return (nil: all).
public struct FacetRequest: Hashable, Sendable {
    public var name: FacetName
    public var limit: Int?

    public init(name: FacetName, limit: Int?) {
        self.name = name
        self.limit = limit
    }

    /// Parses `facet=type-name:*,orcid:10`.
    public static func parse(_ parameterValues: [String]) throws(RequestValidationError) -> [FacetRequest] {
        var failures: [ValidationFailure] = []
        var facets: [FacetRequest] = []
        for raw in parameterValues.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: true) }) {
            let text = String(raw).trimmingWhitespace()
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(parts[0])
            guard let name = FacetName(rawValue: rawName) else {
                failures.append(ValidationFailure(
                    .facetNotAvailable, value: rawName,
                    message: "Facet \(rawName) specified but there is no such facet for this route. Valid facets for this route are: \(FacetName.allCases.map(\.rawValue).joined(separator: ", "))."))
                continue
            }
            if case .notIndexed(let reason) = name.source {
                failures.append(ValidationFailure(.facetNotAvailable, value: rawName,
                                                  message: "Facet \(rawName) is not supported by this index: \(reason)."))
                continue
            }
            guard parts.count == 2 else {
                failures.append(ValidationFailure(
                    .facetCountNotValid, value: text,
                    message: "Facet \(rawName) needs a count: write \(rawName):N\(name.maximumValues == nil ? " or \(rawName):*" : " with N at most \(name.maximumValues!)")."))
                continue
            }
            let count = String(parts[1])
            if count == "*" {
                if let maximum = name.maximumValues {
                    failures.append(ValidationFailure(
                        .facetCountNotValid, value: text,
                        message: "Facet \(rawName) cannot return all values: ask for at most \(maximum) (\(rawName):\(maximum))."))
                    continue
                }
                facets.removeAll { $0.name == name }
                facets.append(FacetRequest(name: name, limit: nil))
                continue
            }
            let ceiling = name.maximumValues ?? 100_000
            guard let n = Int(count), n >= 1, n <= ceiling else {
                failures.append(ValidationFailure(
                    .facetCountNotValid, value: text,
                    message: "Facet \(rawName) takes a count from 1 to \(ceiling)\(name.maximumValues == nil ? " or *" : ""), not \"\(count)\"."))
                continue
            }
            facets.removeAll { $0.name == name }
            facets.append(FacetRequest(name: name, limit: n))
        }
        guard failures.isEmpty else { throw RequestValidationError(failures) }
        return facets
    }
}
