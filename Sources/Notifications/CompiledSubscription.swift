import WorkIndex
import WorkIndexQuery
import WorkModel
import WorkQuery

/// A subscription ready for matching: its `/works` predicate and searches, parsed once when the
/// subscription is loaded rather than per change. A class: the index hands the same one to every
/// change it is a candidate for, without copying it.
public final class CompiledSubscription: Sendable {
    public let subscription: AlertSubscription
    public let predicate: FilterPredicate
    public let queries: [FieldQuery]
    let kindMask: Int
    public let windowMillis: Int64
    /// Changes indexed before the subscription was saved do not notify (they are not new to it).
    public let createdMillis: Int64

    public init(_ subscription: AlertSubscription) throws(RequestValidationError) {
        let request = try subscription.worksRequest()
        self.subscription = subscription
        predicate = request.filter.predicate
        queries = request.queries
        kindMask = subscription.effectiveKinds.reduce(0) { $0 | $1.bit }
        windowMillis = subscription.windowMillisEffective
        createdMillis = subscription.created.flatMap(DepositTimestamp.epochMillis) ?? Int64.min
    }

    public var id: String { subscription.id }

    /// Whether a change of this kind, indexed then, is one this subscription asked about.
    func wants(_ kind: ChangeEvent.Kind, indexedMillis: Int64) -> Bool {
        kindMask & kind.bit != 0 && indexedMillis >= createdMillis
    }

    /// The filters alone (free-text searches are checked against the index's FTS afterwards).
    func filterMatches(_ facts: IndexedWorkFacts) -> Bool {
        predicate.matches(termFacts: facts.terms, scalars: facts.scalars)
    }
}

extension ChangeEvent.Kind {
    /// One bit per kind, for sets of kinds kept in one integer (here and in the matcher's state).
    var bit: Int {
        switch self {
        case .updated: return 1
        case .created: return 2
        case .updatedBy: return 4
        }
    }

    /// The kind a notification reports when one DOI changed several ways in a window: a
    /// retraction or correction notice matters most, then a new record, then an update.
    static func mostTelling(in mask: Int) -> ChangeEvent.Kind {
        if mask & ChangeEvent.Kind.updatedBy.bit != 0 { return .updatedBy }
        if mask & ChangeEvent.Kind.created.bit != 0 { return .created }
        return .updated
    }
}
