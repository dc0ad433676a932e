/// One reason a request was refused, in the shape of the REST API's `validation-failure`
/// messages: what kind of problem, the offending value, and a sentence saying how to fix it.
public struct ValidationFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case parameterNotAllowed = "parameter-not-allowed"
        case filterNotAvailable = "filter-not-available"
        case filterNotSupported = "filter-not-supported"
        case filterValueNotValid = "filter-value-not-valid"
        case dateNotValid = "date-not-valid"
        case booleanNotValid = "boolean-not-valid"
        case integerNotValid = "integer-not-valid"
        case integerOutOfRange = "integer-out-of-range"
        case identifierNotValid = "identifier-not-valid"
        case typeNotValid = "type-not-valid"
        case facetNotAvailable = "facet-not-available"
        case facetCountNotValid = "facet-count-not-valid"
        case sortNotValid = "sort-not-valid"
        case orderNotValid = "order-not-valid"
        case cursorNotValid = "cursor-not-valid"
        case cursorCombination = "cursor-combination-not-allowed"
        case selectNotValid = "select-not-valid"
        case queryTooLong = "query-too-long"
    }

    public var kind: Kind
    /// The value as the client sent it (a parameter name, a filter clause, a number…).
    public var value: String
    public var message: String

    public init(_ kind: Kind, value: String, message: String) {
        self.kind = kind
        self.value = value
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(value): \(message)" }
}
