import WorkModel

/// The `filter` parameter: `name:value` clauses separated by commas, ANDed across names and
/// ORed within a name; dotted names of one family (`license.*`, `award.*`, `full-text.*`,
/// `relation.*`) must hold within one nested object.
public struct WorkFilter: Hashable, Sendable {
    /// One accepted clause, its value normalized (what the predicate compares).
    public struct Clause: Hashable, Sendable {
        public var name: FilterName
        public var value: String
    }

    public private(set) var clauses: [Clause]
    public private(set) var predicate: FilterPredicate

    public static let none = WorkFilter(clauses: [], predicate: .constant(true))

    /// Most clauses one request may carry: enough for any real query, few enough that a hostile
    /// one cannot make a huge SQL statement.
    public static let maximumClauses = 100

    private init(clauses: [Clause], predicate: FilterPredicate) {
        self.clauses = clauses
        self.predicate = predicate
    }

    /// Parses one or more `filter` parameter values. Every bad clause is reported, not just the first.
    public static func parse(_ parameterValues: [String]) throws(RequestValidationError) -> WorkFilter {
        var failures: [ValidationFailure] = []
        var clauses: [Clause] = []
        var predicates: [FilterName: [FilterPredicate]] = [:]
        var nameOrder: [FilterName] = []

        let rawClauses = parameterValues.flatMap { $0.split(separator: ",", omittingEmptySubsequences: true) }
        if rawClauses.count > maximumClauses {
            throw RequestValidationError([ValidationFailure(
                .filterValueNotValid, value: "\(rawClauses.count) filters",
                message: "A request may carry at most \(maximumClauses) filter clauses.")])
        }
        for raw in rawClauses {
            let text = String(raw)
            guard let colon = text.firstIndex(of: ":") else {
                failures.append(ValidationFailure(
                    .filterValueNotValid, value: text,
                    message: "Filter clause \"\(text)\" has no value: write name:value, e.g. has-funder:true."))
                continue
            }
            let rawName = String(text[..<colon]).trimmingWhitespace()
            let rawValue = String(text[text.index(after: colon)...]).trimmingWhitespace()
            guard let name = FilterName(rawValue: rawName) else {
                failures.append(ValidationFailure(
                    .filterNotAvailable, value: rawName,
                    message: "Filter \(rawName) specified but there is no such filter for this route. Valid filters for this route are: \(FilterName.allCases.map(\.rawValue).joined(separator: ", "))."))
                continue
            }
            switch clause(name: name, value: rawValue) {
            case .success(let (normalized, predicate)):
                clauses.append(Clause(name: name, value: normalized))
                if predicates[name] == nil { nameOrder.append(name) }
                predicates[name, default: []].append(predicate)
            case .failure(let failure):
                failures.append(failure)
            }
        }
        guard failures.isEmpty else { throw RequestValidationError(failures) }
        return WorkFilter(clauses: clauses, predicate: combine(nameOrder: nameOrder, predicates: predicates))
    }

    /// AND across names, OR within a name; the dotted names of one family become one
    /// `sameObject` predicate whose slots are the names (each slot ORs that name's values).
    private static func combine(nameOrder: [FilterName], predicates: [FilterName: [FilterPredicate]]) -> FilterPredicate {
        var operands: [FilterPredicate] = []
        var nestedSlots: [String: [[TermCondition]]] = [:]
        var groupOrder: [String] = []
        for name in nameOrder {
            let alternatives = predicates[name] ?? []
            switch name.kind {
            case .nested(let group, _), .nestedNumberAtMost(let group, _):
                let slot = alternatives.compactMap { alternative -> TermCondition? in
                    if case .term(let condition) = alternative { return condition }
                    return nil
                }
                if nestedSlots[group] == nil { groupOrder.append(group) }
                nestedSlots[group, default: []].append(slot)
            default:
                operands.append(.or(alternatives))
            }
        }
        for group in groupOrder {
            let slots = nestedSlots[group] ?? []
            // One dotted filter alone needs no grouping: any object with the value will do.
            if slots.count == 1 {
                operands.append(.or(slots[0].map(FilterPredicate.term)))
            } else {
                operands.append(.sameObject(slots))
            }
        }
        return .and(operands)
    }

    /// Validates one clause into its normalized value and predicate. A dotted clause yields a
    /// `.term`, which `combine` gathers into its family's `sameObject`.
    private static func clause(name: FilterName, value: String) -> Result<(String, FilterPredicate), ValidationFailure> {
        func invalid(_ kind: ValidationFailure.Kind, _ message: String) -> Result<(String, FilterPredicate), ValidationFailure> {
            .failure(ValidationFailure(kind, value: "\(name.rawValue):\(value)", message: message))
        }
        guard !value.isEmpty else {
            return invalid(.filterValueNotValid, "Filter \(name.rawValue) needs a value.")
        }
        switch name.kind {
        case .presence(let hasValue):
            guard let flag = BooleanValue.parse(value) else {
                return invalid(.booleanNotValid, "Filter \(name.rawValue) takes true or false, not \"\(value)\".")
            }
            let present = FilterPredicate.term(.has(hasValue))
            return .success((String(flag), flag ? present : .not(present)))

        case .term(let field), .nested(_, let field):
            guard let normalized = TermNormalization.normalize(field: field, value) else {
                return invalid(.identifierNotValid, "\"\(value)\" is not a valid \(name.rawValue) value\(example(for: name)).")
            }
            return .success((normalized, .term(.value(field, [normalized]))))

        case .nestedNumberAtMost(_, let field):
            guard let days = Int64(value), days >= 0, days <= 1_000_000 else {
                return invalid(.integerNotValid, "Filter \(name.rawValue) takes a number of days from 0 to 1000000, not \"\(value)\".")
            }
            return .success((String(days), .term(TermCondition(field: field, match: .numberAtMost(days)))))

        case .column(let column):
            guard let normalized = normalizeColumnValue(column, value) else {
                return invalid(.identifierNotValid, "\"\(value)\" is not a valid \(name.rawValue) value\(example(for: name)).")
            }
            return .success((normalized, .column(column, .equals(normalized))))

        case .dateFrom(let column), .dateUntil(let column):
            guard let date = FilterDate(value) else {
                return invalid(.dateNotValid, "Filter \(name.rawValue) takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not \"\(value)\".")
            }
            let isFrom: Bool
            if case .dateFrom = name.kind { isFrom = true } else { isFrom = false }
            let inMillis = column == .createdMillis || column == .depositedMillis || column == .indexedMillis
            let bound: Int64 = isFrom
                ? (inMillis ? date.firstMillis : Int64(date.firstDay))
                : (inMillis ? date.lastMillis : Int64(date.lastDay))
            return .success((value, .column(column, isFrom ? .atLeast(bound) : .atMost(bound))))

        case .typeID:
            guard let type = WorkType.named(value.trimmingWhitespace()) else {
                return invalid(.typeNotValid, "Type \"\(value)\" is not one of the ids listed by /types: \(WorkType.all.map(\.id).sorted().joined(separator: ", ")).")
            }
            return .success((type.id, .column(.type, .equals(type.id))))

        case .typeLabel:
            let wanted = TermNormalization.collapsed(value).lowercased()
            guard let type = WorkType.all.first(where: { $0.label.lowercased() == wanted }) else {
                return invalid(.typeNotValid, "Type name \"\(value)\" is not one of the labels listed by /types (e.g. Journal Article).")
            }
            return .success((type.label, .column(.type, .equals(type.id))))

        case .referenceVisibility:
            // Crossref opened the references of every member in 2022; the deposits carry no
            // per-member visibility, so every work's references are open.
            switch value.lowercased() {
            case "open": return .success(("open", .constant(true)))
            case "limited", "closed": return .success((value.lowercased(), .constant(false)))
            default: return invalid(.filterValueNotValid, "Filter reference-visibility takes open, limited or closed, not \"\(value)\".")
            }

        case .notIndexed(let reason):
            return invalid(.filterNotSupported, "Filter \(name.rawValue) is not supported by this index: \(reason).")

        case .otherRoute(let route):
            return invalid(.filterNotAvailable, "Filter \(name.rawValue) is only available on the \(route) route.")
        }
    }

    static func normalizeColumnValue(_ column: WorkColumn, _ value: String) -> String? {
        switch column {
        case .doi: return Identifiers.doi(value)
        case .member: return Identifiers.member(value)
        case .prefix: return OwnerPrefix.normalize(value)
        case .type: return WorkType.named(value.trimmingWhitespace())?.id
        default: return nil
        }
    }

    private static func example(for name: FilterName) -> String {
        switch name {
        case .funder, .awardFunder: return " (a funder id such as 100000001 or 10.13039/100000001)"
        case .orcid: return " (an ORCID iD such as 0000-0002-1825-0097)"
        case .issn: return " (an ISSN such as 1549-7712)"
        case .isbn: return " (an ISBN of 10 or 13 digits)"
        case .doi, .updates: return " (a DOI such as 10.1037/0003-066x.59.1.29)"
        case .member: return " (a member id: digits)"
        case .prefix: return " (a DOI prefix such as 10.1016)"
        default: return ""
        }
    }
}

/// `true`/`false` as filters write them (also `t`/`f`, `1`/`0`, any case).
enum BooleanValue {
    static func parse(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "t", "1", "yes": return true
        case "false", "f", "0", "no": return false
        default: return nil
        }
    }
}

/// A DOI owner prefix, `10.` and digits/dots, as `/prefixes/{p}` and `filter=prefix:` take it.
public enum OwnerPrefix {
    public static func normalize(_ raw: String) -> String? {
        var s = raw.trimmingWhitespace().lowercased()
        for resolver in ["https://id.crossref.org/prefix/", "http://id.crossref.org/prefix/"] where s.hasPrefix(resolver) {
            s = String(s.dropFirst(resolver.count))
        }
        guard s.hasPrefix("10."), s.count > 3, s.count <= 32,
              s.dropFirst(3).allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." }) else { return nil }
        return s
    }
}

extension String {
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
