import Foundation
import GRDB

/// An in-memory FTS5 table shaped like `works_fts` (its columns, its tokenizer) that holds only
/// the few rows being checked, so that a `MATCH` costs what those rows cost rather than what the
/// whole index costs.
///
/// A MATCH answers per document: whether a row matches depends on that row's text, the columns
/// and the tokenizer, never on the other rows. So the same expression over the same texts answers
/// here exactly as it does on `works_fts`.
struct ScratchFullTextIndex {
    static let table = "scratch_fts"
    private let database: DatabaseQueue

    /// - Parameters:
    ///   - columns: the `works_fts` columns the expressions name (others may be left out: every
    ///     clause of an expression is restricted to its column).
    ///   - tokenizer: the `tokenize` option of `works_fts`, nil for FTS5's default.
    init(columns: [String], tokenizer: String?) throws {
        database = try DatabaseQueue()
        let options = columns + (tokenizer.map { ["tokenize = " + Self.literal($0)] } ?? [])
        try database.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE \(Self.table) USING fts5(\(options.joined(separator: ", ")))")
        }
    }

    /// Adds rows: rowid and the text of each column, in `columns` order.
    func insert(_ rows: [(rowID: Int64, texts: [String?])], columns: [String]) throws {
        try database.write { db in
            let marks = Array(repeating: "?", count: columns.count + 1).joined(separator: ", ")
            let insert = try db.makeStatement(sql: """
                INSERT INTO \(Self.table)(rowid, \(columns.joined(separator: ", "))) VALUES (\(marks))
                """)
            for row in rows {
                try insert.execute(arguments: StatementArguments([row.rowID.databaseValue] + row.texts.map(\.databaseValue)))
            }
        }
    }

    /// The rows an FTS5 MATCH expression selects.
    func rowIDs(matching expression: String) throws -> Set<Int64> {
        try database.read { db in
            Set(try Int64.fetchAll(db, sql: "SELECT rowid FROM \(Self.table) WHERE \(Self.table) MATCH ?", arguments: [expression]))
        }
    }

    /// The `tokenize` option of an FTS5 table as its `CREATE VIRTUAL TABLE` statement spells it
    /// (`tokenize = 'unicode61 remove_diacritics 2'`), nil when it names none.
    static func tokenizer(ofTable name: String, in db: Database) throws -> String? {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [name]),
              let match = sql.firstMatch(of: /tokenize\s*=\s*(?:'((?:[^']|'')*)'|"((?:[^"]|"")*)")/) else { return nil }
        if let single = match.output.1 { return String(single).replacing("''", with: "'") }
        return match.output.2.map { String($0).replacing("\"\"", with: "\"") }
    }

    private static func literal(_ text: String) -> String {
        "'" + text.replacing("'", with: "''") + "'"
    }
}
