import WorkModel

/// The works a route is limited to before any filter applies (`/members/{id}/works`, …).
/// A scoped route always stays scoped: the scope is ANDed with whatever the client filters.
public enum WorksScope: Hashable, Sendable {
    case all
    case member(String)
    case funder(String)
    case prefix(String)
    case issn(String)
    case type(String)

    /// Scopes from route path values, normalized like filters; nil when the value cannot name
    /// anything (the route answers 404).
    public static func member(id raw: String) -> WorksScope? { Identifiers.member(raw).map(WorksScope.member) }
    public static func funder(id raw: String) -> WorksScope? { Identifiers.funderDOI(raw).map(WorksScope.funder) }
    public static func prefix(owner raw: String) -> WorksScope? { OwnerPrefix.normalize(raw).map(WorksScope.prefix) }
    public static func journal(issn raw: String) -> WorksScope? { Identifiers.issn(raw).map(WorksScope.issn) }
    public static func type(id raw: String) -> WorksScope? { WorkType.named(raw.trimmingWhitespace()).map { WorksScope.type($0.id) } }

    public var predicate: FilterPredicate {
        switch self {
        case .all: return .constant(true)
        case .member(let id): return .column(.member, .equals(id))
        case .funder(let doi): return .term(.value(TermField.funder, [doi]))
        case .prefix(let prefix): return .column(.prefix, .equals(prefix))
        case .issn(let issn): return .term(.value(TermField.issn, [issn]))
        case .type(let id): return .column(.type, .equals(id))
        }
    }
}
