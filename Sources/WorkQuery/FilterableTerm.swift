/// A term row as the in-memory evaluator needs it. The index writer's `WorkTerm` (one
/// `work_terms` row) can conform to this directly, so the alert matcher evaluates filters over
/// exactly the rows the index stores.
public protocol FilterableTerm {
    var field: String { get }
    var value: String { get }
    /// The nested object (one license, one funder, one link) the value belongs to.
    var group: Int { get }
    var number: Int64? { get }
}

/// A plain term row.
public struct TermFact: FilterableTerm, Hashable, Sendable {
    public var field: String
    public var value: String
    public var group: Int
    public var number: Int64?

    public init(field: String, value: String, group: Int = 0, number: Int64? = nil) {
        self.field = field
        self.value = value
        self.group = group
        self.number = number
    }
}
