/// Deposit elements are matched by namespace URI + local name, never by prefix: the same local
/// names (`doi`, `program`, `assertion`) live in several of these.
enum Namespace: UInt8 {
    /// No namespace: older single-record files declare none.
    case none
    /// unixref / deposit schemas (`…/xschema/1.x`, `…/schema/4.x`, `doi_resources_schema`).
    case crossref
    /// unixsd query results (`…/qrschema/3.0`).
    case query
    case accessIndicators
    case fundRef
    case relations
    case clinicalTrials
    case jats
    case oai
    case other

    init(uri: String) {
        if uri.isEmpty { self = .none }
        else if uri.contains("crossref.org/qrschema") { self = .query }
        else if uri.contains("AccessIndicators") { self = .accessIndicators }
        else if uri.contains("fundref") { self = .fundRef }
        else if uri.contains("crossref.org/relations") { self = .relations }
        else if uri.contains("clinicaltrials") { self = .clinicalTrials }
        else if uri.contains("crossref.org/") { self = .crossref }
        else if uri.contains("JATS") || uri.contains("jats") { self = .jats }
        else if uri.contains("openarchives.org/OAI") { self = .oai }
        else { self = .other }
    }

    /// Elements of the deposit body: a crossref schema, none at all, or the OAI-PMH default namespace
    /// that unqualified `crossref` elements inside a page inherit.
    var isDepositBody: Bool { self == .crossref || self == .none || self == .query || self == .oai }
}
