import WorkModel
import WorkQuery

/// What the brief says the read side answers, computed from `Work` values alone (never through
/// the index or the query code): facet values, sort keys and orders, value comparisons.
public enum WorkExpectations {
    // MARK: - Comparing values as the API does

    /// Trimmed, inner whitespace runs as one space: how exact-match text (titles, names) compares.
    public static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Collapsed and lower case: how case-insensitive values (archives, licenses URLs, types) compare.
    public static func folded(_ text: String) -> String { collapsed(text).lowercased() }

    /// A funder id in one form (`10.13039/<digits>`), whichever form the deposit used.
    public static func funderKey(_ raw: String) -> String {
        let lower = folded(raw)
        if let range = lower.range(of: "10.13039/") { return String(lower[range.lowerBound...]) }
        return "10.13039/" + lower
    }

    /// An ORCID iD in URL form with an upper-case check character.
    public static func orcidKey(_ raw: String) -> String { "https://orcid.org/" + String(collapsed(raw).suffix(19)).uppercased() }

    /// An ISSN or ISBN as its characters without separators, upper case.
    public static func identifierKey(_ raw: String) -> String {
        String(raw.uppercased().filter { $0.isNumber || $0 == "X" })
    }

    /// Award numbers compare "roughly" (brief: `1F31MH11745` finds `1 F31 MH11745`).
    public static func awardKey(_ raw: String) -> String {
        String(raw.lowercased().filter { !$0.isWhitespace && $0 != "-" })
    }

    // MARK: - Facets

    /// The values a work contributes to a facet (each counted once per work).
    public static func facetValues(_ facet: FacetName, _ work: Work) -> Set<String> {
        switch facet {
        case .affiliation: return Set(work.contributors.flatMap { $0.affiliation.map { collapsed($0.name) } })
        case .funderName: return Set((work.funder ?? []).compactMap { $0.name.map(collapsed) })
        case .funderDOI: return Set((work.funder ?? []).compactMap { $0.DOI.map(funderKey) })
        case .orcid: return Set(work.contributors.compactMap { $0.ORCID.map(orcidKey) })
        case .containerTitle: return Set((work.containerTitle ?? []).map(collapsed))
        case .assertion: return Set((work.assertion ?? []).map { folded($0.name) })
        case .archive: return Set((work.archive ?? []).map(folded))
        case .updateType: return Set((work.updateTo ?? []).map { folded($0.type) })
        case .issn:
            return Set(((work.ISSN ?? []) + (work.issnType ?? []).map(\.value)).map(identifierKey).map { "\($0.prefix(4))-\($0.dropFirst(4))" })
        case .published: return Set([(work.published ?? work.issued).year].compactMap { $0 }.map(String.init))
        case .typeName: return Set([WorkType.named(work.type)?.label ?? work.type])
        case .license: return Set((work.license ?? []).map { collapsed($0.URL) })
        case .categoryName: return []
        case .relationType: return Set((work.relation ?? [:]).filter { !$0.value.isEmpty }.keys)
        case .assertionGroup: return Set((work.assertion ?? []).compactMap { $0.group.map { folded($0.name) } })
        case .publisherName: return Set([work.publisher].compactMap { $0 })
        }
    }

    /// Value → number of works, over `works`.
    public static func facetCounts(_ facet: FacetName, _ works: [Work]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for work in works { for value in facetValues(facet, work) { counts[value, default: 0] += 1 } }
        return counts
    }

    // MARK: - Sorting

    /// The sort key of a work as the brief defines each sort (nil: the work has no such value).
    public static func sortKey(_ sort: SortField, _ work: Work) -> Int64? {
        switch sort {
        case .updated, .deposited: return work.deposited?.timestamp
        case .indexed: return work.indexed?.timestamp
        case .created: return work.created?.timestamp
        case .published, .issued: return work.issued.startDay.map(Int64.init)
        case .publishedPrint: return work.publishedPrint?.startDay.map(Int64.init)
        case .publishedOnline: return work.publishedOnline?.startDay.map(Int64.init)
        case .isReferencedByCount: return Int64(work.isReferencedByCount)
        // A work without a reference list has none: zero.
        case .referencesCount: return Int64(work.referencesCount ?? work.referenceCount ?? work.reference?.count ?? 0)
        case .relevance: return nil
        }
    }

    /// Expected order: by key in the requested direction, works without the value last, DOI
    /// breaking ties in the same direction.
    public static func order(_ works: [Work], by sort: SortField, ascending: Bool) -> [String] {
        works.sorted { a, b in
            switch (sortKey(sort, a), sortKey(sort, b)) {
            case let (x?, y?) where x != y: return ascending ? x < y : x > y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return ascending ? a.DOI < b.DOI : a.DOI > b.DOI
            }
        }.map(\.DOI)
    }
}
