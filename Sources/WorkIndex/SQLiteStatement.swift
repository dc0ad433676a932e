import Foundation
import GRDB
import GRDBSQLite

/// A cached GRDB statement driven through the SQLite C API. The hot path binds ~40 values per
/// work; GRDB's `StatementArguments` boxes each one into a `DatabaseValue`, which costs more
/// than the insert itself at 10k works/s. Used only inside a GRDB write/read closure.
struct SQLiteStatement {
    /// Kept so GRDB cannot finalize the handle while it is in use.
    private let statement: Statement
    private let handle: OpaquePointer
    let sql: String

    init(_ db: Database, _ sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        self.sql = sql
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // Binding: parameters are 1-based, as in SQLite.

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }
    func bind(_ index: Int32, _ value: Int?) { bind(index, value.map(Int64.init)) }
    func bind(_ index: Int32, _ value: String) {
        sqlite3_bind_text(handle, index, value, Int32(value.utf8.count), sqliteTransient)
    }
    func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }
    func bind(_ index: Int32, blob: [UInt8]) {
        blob.withUnsafeBytes { raw in
            _ = sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), sqliteTransient)
        }
    }

    /// Runs a statement that returns no rows and readies it for the next use.
    func execute() throws {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
    }

    /// Calls `row` for each result row, then readies the statement for the next use.
    func forEachRow(_ row: (SQLiteStatement) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code) }
            try row(self)
        }
    }

    /// The first row only, mapped; nil when there is none.
    func firstRow<T>(_ map: (SQLiteStatement) throws -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw error(code) }
        return try map(self)
    }

    // Reading columns: 0-based, as in SQLite.

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }
    func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }
    /// Compares a text column with a string without making a String of the column.
    func text(_ column: Int32, equals value: String) -> Bool {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count == value.utf8.count else { return false }
        guard count > 0 else { return true }
        guard let text = sqlite3_column_text(handle, column) else { return false }
        var value = value
        return value.withUTF8 { memcmp($0.baseAddress!, text, count) == 0 }
    }
    func bytes(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let blob = sqlite3_column_blob(handle, column) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: blob, count: count))
    }

    /// Rows changed by the last statement on this connection.
    var changes: Int { Int(sqlite3_changes(sqlite3_db_handle(handle))) }

    private func error(_ code: Int32) -> DatabaseError {
        let message = sqlite3_errmsg(sqlite3_db_handle(handle)).map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
}

/// SQLite copies the bound bytes: the Swift buffers they come from are temporary.
private let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
