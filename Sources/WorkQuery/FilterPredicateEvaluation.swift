/// In-memory evaluation of a `FilterPredicate` over one work's terms and scalars, with the same
/// meaning as the SQL the query engine compiles (a missing column never matches; `sameObject`
/// needs one group that satisfies every slot).
extension FilterPredicate {
    public func matches<Terms: Collection>(terms: Terms, scalars: WorkScalars) -> Bool
    where Terms.Element: FilterableTerm {
        switch self {
        case .all(let operands):
            return operands.allSatisfy { $0.matches(terms: terms, scalars: scalars) }
        case .any(let operands):
            return operands.contains { $0.matches(terms: terms, scalars: scalars) }
        case .not(let operand):
            return !operand.matches(terms: terms, scalars: scalars)
        case .constant(let value):
            return value
        case .column(let column, let comparison):
            return Self.compare(scalars[column], comparison)
        case .term(let condition):
            return terms.contains { condition.matches($0) }
        case .sameObject(let slots):
            guard let firstSlot = slots.first else { return true }
            // Candidate groups come from the first slot; each must satisfy every other slot.
            let candidates = Set(terms.filter { term in firstSlot.contains { $0.matches(term) } }.map(\.group))
            return candidates.contains { group in
                slots.dropFirst().allSatisfy { slot in
                    terms.contains { term in term.group == group && slot.contains { $0.matches(term) } }
                }
            }
        }
    }

    private static func compare(_ value: WorkScalars.Value?, _ comparison: ColumnComparison) -> Bool {
        switch (value, comparison) {
        case (.text(let v)?, .equals(let wanted)): return v == wanted
        case (.number(let v)?, .atLeast(let bound)): return v >= bound
        case (.number(let v)?, .atMost(let bound)): return v <= bound
        case (.number(let v)?, .equals(let wanted)): return String(v) == wanted
        default: return false
        }
    }
}

extension TermCondition {
    public func matches<Term: FilterableTerm>(_ term: Term) -> Bool {
        guard term.field == field else { return false }
        switch match {
        case .valueIn(let values): return values.contains(term.value)
        case .numberAtMost(let bound): return term.number.map { $0 <= bound } ?? false
        case .present: return true
        }
    }
}
