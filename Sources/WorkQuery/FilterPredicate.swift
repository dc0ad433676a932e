/// A filter as a tree of conditions over the facts the index keeps about a work: scalar columns
/// (`works` table) and terms (`work_terms` rows: field, value, group, number).
///
/// The same value is compiled to SQL by the query engine and evaluated in memory (over
/// `FilterableTerm`s and `WorkScalars`) by the alert matcher, so a saved query matches a new
/// work exactly as `/works` would find it.
public indirect enum FilterPredicate: Hashable, Sendable {
    /// Every operand holds (an empty list holds).
    case all([FilterPredicate])
    /// At least one operand holds (an empty list does not hold).
    case any([FilterPredicate])
    case not(FilterPredicate)
    /// Always or never: a filter whose answer does not depend on the work.
    case constant(Bool)
    /// A scalar column compared with a value; a missing (NULL) column never matches.
    case column(WorkColumn, ColumnComparison)
    /// Some term row of the work matches.
    case term(TermCondition)
    /// Some nested object of the work (one `grp`, e.g. one license, one funder) satisfies every
    /// slot; each slot lists alternatives (OR), e.g. `license.url` A or B and `license.delay ≤ 30`.
    case sameObject([[TermCondition]])
}

public enum ColumnComparison: Hashable, Sendable {
    case equals(String)
    case atLeast(Int64)
    case atMost(Int64)
}

/// A condition on one term row: its field, and its value or number.
public struct TermCondition: Hashable, Sendable {
    public enum Match: Hashable, Sendable {
        /// `value` equals one of these (already normalized with `TermNormalization`).
        case valueIn([String])
        /// `num` is present and at most this.
        case numberAtMost(Int64)
        /// Any row of the field.
        case present
    }

    public var field: String
    public var match: Match

    public init(field: String, match: Match) {
        self.field = field
        self.match = match
    }

    public static func value(_ field: String, _ values: [String]) -> TermCondition {
        TermCondition(field: field, match: .valueIn(values))
    }

    /// `has` rows: `has-funder:true` is a `has` term with value `funder`.
    public static func has(_ what: String) -> TermCondition {
        TermCondition(field: TermField.has, match: .valueIn([what]))
    }
}

extension FilterPredicate {
    /// AND that flattens nested ANDs and drops trivially true operands (for readable SQL).
    public static func and(_ operands: [FilterPredicate]) -> FilterPredicate {
        var flat: [FilterPredicate] = []
        for operand in operands {
            switch operand {
            case .all(let inner): flat.append(contentsOf: inner)
            case .constant(true): continue
            default: flat.append(operand)
            }
        }
        return flat.count == 1 ? flat[0] : .all(flat)
    }

    /// OR that collapses a single operand.
    public static func or(_ operands: [FilterPredicate]) -> FilterPredicate {
        operands.count == 1 ? operands[0] : .any(operands)
    }

    /// Whether this predicate restricts nothing.
    public var isTriviallyTrue: Bool {
        switch self {
        case .constant(true): return true
        case .all(let operands): return operands.allSatisfy(\.isTriviallyTrue)
        default: return false
        }
    }
}
