/// A deterministic text form of a predicate, for fingerprints and debugging (Swift's own
/// descriptions are not promised to stay the same across releases).
extension FilterPredicate {
    public var canonicalText: String {
        switch self {
        case .all(let operands): return "and(" + operands.map(\.canonicalText).joined(separator: ",") + ")"
        case .any(let operands): return "or(" + operands.map(\.canonicalText).joined(separator: ",") + ")"
        case .not(let operand): return "not(" + operand.canonicalText + ")"
        case .constant(let value): return value ? "true" : "false"
        case .column(let column, let comparison):
            switch comparison {
            case .equals(let v): return "\(column.rawValue)=\(Self.quoted(v))"
            case .atLeast(let v): return "\(column.rawValue)>=\(v)"
            case .atMost(let v): return "\(column.rawValue)<=\(v)"
            }
        case .term(let condition): return "term(" + condition.canonicalText + ")"
        case .sameObject(let slots):
            return "same(" + slots.map { "[" + $0.map(\.canonicalText).joined(separator: "|") + "]" }.joined(separator: ",") + ")"
        }
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}

extension TermCondition {
    public var canonicalText: String {
        switch match {
        case .valueIn(let values): return field + "∈{" + values.map(FilterPredicate.quoted).joined(separator: ",") + "}"
        case .numberAtMost(let n): return field + "<=" + String(n)
        case .present: return field + "?"
        }
    }
}
