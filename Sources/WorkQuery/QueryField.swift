/// The free-text searches of `/works`: `query` (everything) and the field queries
/// (`query.author`, `query.title`, …). Each names what it searches; the query engine maps it to
/// an FTS column.
public enum QueryField: String, CaseIterable, Hashable, Sendable {
    case everything = "query"
    case title = "query.title"
    case containerTitle = "query.container-title"
    case author = "query.author"
    case editor = "query.editor"
    case chair = "query.chair"
    case translator = "query.translator"
    case contributor = "query.contributor"
    case bibliographic = "query.bibliographic"
    case affiliation = "query.affiliation"

    /// The request parameter that carries this search.
    public var parameterName: String { rawValue }
}

/// One free-text search: the words the client typed, split into tokens.
///
/// Tokens of one search are alternatives (`query.author=richard+feynman` matches works with
/// either name, ranking those with both higher); separate searches must all match.
public struct FieldQuery: Hashable, Sendable {
    public var field: QueryField
    /// The text as sent (echoed as `search-terms`).
    public var text: String
    /// Words that can match something: runs of letters and digits with their inner punctuation
    /// (`covid-19`), never FTS syntax on their own.
    public var tokens: [String]

    public init(field: QueryField, text: String) {
        self.field = field
        self.text = text
        self.tokens = FieldQuery.tokens(of: text)
    }

    /// Whitespace-separated words that contain at least one letter or digit. A word made only of
    /// punctuation (`-`, `"`, `*`) can match nothing, and as an FTS string it would be an empty
    /// phrase, so it is dropped here rather than quoted.
    public static func tokens(of text: String) -> [String] {
        // Control characters (NUL among them) are not text anyone searches for; they are dropped
        // so no token can cut a string short on its way into SQLite.
        let visible = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control || $0.properties.isWhitespace }))
        return visible.split(whereSeparator: { $0.isWhitespace })
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
            .map(String.init)
    }
}
