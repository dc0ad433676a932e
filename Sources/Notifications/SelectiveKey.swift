import WorkIndexQuery
import WorkQuery

/// A value that names few works: the subscription index files subscriptions under such values so
/// that a changed work only meets the subscriptions that could match it.
public struct SelectiveKey: Hashable, Sendable, CustomStringConvertible {
    /// Most selective first: a DOI names one work, a type millions.
    public enum Kind: Int, Hashable, Sendable, Comparable, CaseIterable {
        case doi, orcid, issn, funder, prefix, member, type

        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }

        static func column(_ column: WorkColumn) -> Kind? {
            switch column {
            case .doi: return .doi
            case .prefix: return .prefix
            case .member: return .member
            case .type: return .type
            default: return nil
            }
        }

        static func term(_ field: String) -> Kind? {
            switch field {
            case TermField.orcid: return .orcid
            case TermField.issn: return .issn
            case TermField.funder: return .funder
            default: return nil
            }
        }
    }

    public var kind: Kind
    public var value: String

    public init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    public var description: String { "\(kind):\(value)" }

    /// The keys to file a predicate under: those of its most selective AND-operand that names
    /// values (an OR within one filter name gives one key per value). Nil when no operand does:
    /// the subscription must then be checked against every change.
    public static func keys(for predicate: FilterPredicate) -> [SelectiveKey]? {
        let operands: [FilterPredicate]
        if case .all(let all) = predicate { operands = all } else { operands = [predicate] }
        return operands.compactMap(keys(ofOperand:)).min { $0[0].kind < $1[0].kind }
    }

    /// Keys of one operand when every work it accepts has one of them; all of one kind.
    private static func keys(ofOperand operand: FilterPredicate) -> [SelectiveKey]? {
        switch operand {
        case .column(let column, .equals(let value)):
            return Kind.column(column).map { [SelectiveKey($0, value)] }
        case .term(let condition):
            guard let kind = Kind.term(condition.field), case .valueIn(let values) = condition.match, !values.isEmpty else { return nil }
            return values.map { SelectiveKey(kind, $0) }
        case .any(let alternatives):
            let keys = alternatives.map(keys(ofOperand:))
            guard !keys.isEmpty, let first = keys.first??.first,
                  keys.allSatisfy({ $0?.allSatisfy { $0.kind == first.kind } == true }) else { return nil }
            return keys.flatMap { $0 ?? [] }
        default:
            return nil
        }
    }

    /// Every key a work has: its DOI, owner prefix, member and type, and its ORCID iDs, ISSNs and funders.
    public static func keys(of facts: IndexedWorkFacts) -> Set<SelectiveKey> {
        var keys: Set<SelectiveKey> = [SelectiveKey(.doi, facts.scalars.doi), SelectiveKey(.type, facts.scalars.type)]
        if let prefix = facts.scalars.prefix { keys.insert(SelectiveKey(.prefix, prefix)) }
        if let member = facts.scalars.member { keys.insert(SelectiveKey(.member, member)) }
        for term in facts.terms {
            if let kind = Kind.term(term.field) { keys.insert(SelectiveKey(kind, term.value)) }
        }
        return keys
    }
}
