/// A scalar fact of a work that filters compare against (one column of the `works` table; the
/// same value in `WorkScalars` for in-memory evaluation).
public enum WorkColumn: String, CaseIterable, Hashable, Sendable {
    case doi
    case type
    case member
    case prefix
    /// Days since 1970-01-01 of the first day of the `issued` (earliest publication) period.
    case issuedStartDay
    case printStartDay
    case onlineStartDay
    case postedStartDay
    case acceptedStartDay
    /// Epoch milliseconds.
    case createdMillis
    case depositedMillis
    case indexedMillis

    /// Whether the column holds text (compared with `equals`) rather than a number.
    public var isText: Bool {
        switch self {
        case .doi, .type, .member, .prefix: return true
        default: return false
        }
    }
}
