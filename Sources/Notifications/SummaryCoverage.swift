import WorkIndexQuery
import WorkQuery

/// The coverage counts of a summary: how many of the distinct works changed in a period carry a
/// kind of metadata. Each is a predicate over the work's index rows (`IndexedWorkFacts`), the
/// same rows `/works` filters read, so a count equals what the named filter finds among those
/// works and cannot drift from the read side.
public enum SummaryCoverage: String, CaseIterable, Sendable, Hashable, Comparable {
    case licenses
    case fullTextLinks = "full-text-links"
    case similarityChecking = "similarity-checking"
    case orcids
    case funders
    case awards
    case abstracts
    case references
    case crossmarkUpdates = "crossmark-updates"
    case updatePolicies = "update-policies"

    /// The `/works` filter with the same meaning (awards have none: `award.number` takes a number).
    public var equivalentFilter: String? {
        switch self {
        case .licenses: return "has-license:true"
        case .fullTextLinks: return "has-full-text:true"
        case .similarityChecking: return "full-text.application:similarity-checking"
        case .orcids: return "has-orcid:true"
        case .funders: return "has-funder:true"
        case .awards: return nil
        case .abstracts: return "has-abstract:true"
        case .references: return "has-references:true"
        case .crossmarkUpdates: return "is-update:true"
        case .updatePolicies: return "has-update-policy:true"
        }
    }

    var predicate: FilterPredicate {
        switch self {
        case .licenses: return .term(.has(TermField.HasValue.license))
        case .fullTextLinks: return .term(.has(TermField.HasValue.fullText))
        // Similarity Checking (iParadigms crawler) links are full-text links with this application.
        case .similarityChecking: return .term(.value(TermField.fullTextApplication, ["similarity-checking"]))
        case .orcids: return .term(.has(TermField.HasValue.orcid))
        case .funders: return .term(.has(TermField.HasValue.funder))
        case .awards: return .term(.has(TermField.HasValue.award))
        case .abstracts: return .term(.has(TermField.HasValue.abstract))
        case .references: return .term(.has(TermField.HasValue.references))
        // A Crossmark update notice: the work updates another (`update-to`).
        case .crossmarkUpdates: return .term(.has(TermField.HasValue.update))
        case .updatePolicies: return .term(.has(TermField.HasValue.updatePolicy))
        }
    }

    /// The coverages a work carries.
    public static func of(_ facts: IndexedWorkFacts) -> Set<SummaryCoverage> {
        Set(allCases.filter { $0.predicate.matches(terms: facts.terms, scalars: facts.scalars) })
    }

    public static func < (a: SummaryCoverage, b: SummaryCoverage) -> Bool { a.rawValue < b.rawValue }
}
