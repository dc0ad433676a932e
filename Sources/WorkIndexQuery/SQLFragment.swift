import GRDB

/// SQL text with its bound values, built up piece by piece. User values only ever travel as
/// bound arguments, never inside the text.
struct SQLFragment: Sendable {
    var text: String
    var arguments: [DatabaseValue]

    init(_ text: String, _ arguments: [DatabaseValue] = []) {
        self.text = text
        self.arguments = arguments
    }

    static func + (a: SQLFragment, b: SQLFragment) -> SQLFragment {
        SQLFragment(a.text + b.text, a.arguments + b.arguments)
    }

    static func += (a: inout SQLFragment, b: SQLFragment) { a = a + b }

    /// `(a OP b OP c)`; `empty` when there is nothing to join.
    static func joined(_ parts: [SQLFragment], by separator: String, empty: String) -> SQLFragment {
        guard !parts.isEmpty else { return SQLFragment(empty) }
        if parts.count == 1 { return parts[0] }
        var result = SQLFragment("(")
        for (i, part) in parts.enumerated() {
            if i > 0 { result.text += " \(separator) " }
            result += part
        }
        result.text += ")"
        return result
    }

    /// `?, ?, ?` for a list of values.
    static func placeholders<Values: Collection>(_ values: Values) -> SQLFragment where Values.Element: DatabaseValueConvertible {
        SQLFragment(Array(repeating: "?", count: values.count).joined(separator: ", "), values.map(\.databaseValue))
    }

    var statementArguments: StatementArguments { StatementArguments(arguments) }
}
