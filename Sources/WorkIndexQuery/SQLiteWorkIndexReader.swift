import Foundation
import GRDB
import Synchronization
import WorkModel
import WorkQuery

/// The SQLite read side: answers `/works` requests over the INDEX-SPEC schema.
///
/// Every request runs in one read transaction (a WAL snapshot), so the total, the page and the
/// facets describe the same state of the index even while the worker writes.
///
/// Opened by path, it follows the path: a replay swaps a rebuilt index in by re-pointing the path
/// (`SQLiteWorkStore.swapIn`), and the next request reads the new file; reads under way on the old
/// one finish there. The file is opened by its resolved name, so every connection of one reader
/// reads the same file even when the pool opens one after a swap.
public final class SQLiteWorkIndexReader: WorkIndexReading {
    private let opened: Mutex<OpenedIndex>
    /// The path to follow; nil for a reader given its database (tests).
    private let livePath: String?

    private struct OpenedIndex {
        var file: String
        var reader: any DatabaseReader
    }

    /// Opens the index file read-only; the worker (another process) keeps writing it.
    public convenience init(path: String) throws(IndexOpenError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .indexFileMissing(path: path) }
        let file = Self.resolve(path)
        let pool = try Self.pool(file: file, path: path)
        try Self.checkSchema(pool, path: path)
        self.init(checked: pool, file: file, livePath: path)
    }

    /// Reads through any GRDB reader (a pool, or a queue in tests) after checking the schema.
    public convenience init(reader: any DatabaseReader, path: String = ":memory:") throws(IndexOpenError) {
        try Self.checkSchema(reader, path: path)
        self.init(checked: reader, file: path, livePath: nil)
    }

    private init(checked reader: any DatabaseReader, file: String, livePath: String?) {
        opened = Mutex(OpenedIndex(file: file, reader: reader))
        self.livePath = livePath
    }

    /// The file `path` names now, links followed.
    private static func resolve(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The reader of the file the live path names now: the one already open, or, after a swap, a
    /// new one (kept for the next requests). A new file that cannot be opened (yet) leaves the
    /// requests on the old one.
    private func current() -> any DatabaseReader {
        let now = opened.withLock { $0 }
        guard let livePath else { return now.reader }
        let file = Self.resolve(livePath)
        guard file != now.file else { return now.reader }
        do {
            let reader = try Self.pool(file: file, path: livePath)
            try Self.checkSchema(reader, path: livePath)
            opened.withLock { $0 = OpenedIndex(file: file, reader: reader) }
            return reader
        } catch {
            return now.reader
        }
    }

    private static func pool(file: String, path: String) throws(IndexOpenError) -> DatabasePool {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "works-api"
        // A reader never waits on writers in WAL mode, except briefly around a checkpoint.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // Reads go through memory-mapped pages (no read() per page; SQLite caps the size at
            // its compile-time maximum): half the time of a scan over many works.
            try db.execute(sql: "PRAGMA mmap_size = 4294967296")
        }
        do {
            return try DatabasePool(path: file, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
    }

    private static func checkSchema(_ reader: any DatabaseReader, path: String) throws(IndexOpenError) {
        let required = [IndexSchema.works, IndexSchema.workTerms, IndexSchema.fullText]
        let missing: [String]
        let version: Int?
        do {
            (missing, version) = try reader.read { db in
                let missing = try required.filter { try !db.tableExists($0) }
                guard try db.tableExists("meta") else { return (missing, nil) }
                return (missing, try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema-version'").flatMap { Int($0) })
            }
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
        guard missing.isEmpty else { throw .schemaMissing(path: path, missingTables: missing) }
        if let version, version < IndexSchema.minimumVersion {
            throw .schemaTooOld(path: path, found: version, needed: IndexSchema.minimumVersion)
        }
    }

    /// One read transaction (a WAL snapshot) over the index, for this module's other readers.
    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await current().read(body)
    }

    public func search(_ request: WorksRequest, scope: WorksScope) async throws -> WorkListPage {
        let plan = try WorkSearchPlan(request: request, scope: scope)
        return try await current().read { db in try plan.run(db) }
    }

    public func work(doi raw: String) async throws -> [UInt8]? {
        guard let doi = Identifiers.doi(raw) else { return nil }
        return try await current().read { db in
            try Data.fetchOne(db, sql: "SELECT json FROM \(IndexSchema.works) WHERE doi = ?", arguments: [doi]).map { [UInt8]($0) }
        }
    }

    public func licenses(rows: Int, offset: Int) async throws -> LicenseList {
        try await current().read { db in
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(DISTINCT value) FROM \(IndexSchema.workTerms) WHERE field = ?",
                arguments: [TermField.license]) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT value, COUNT(DISTINCT work_id) AS n FROM \(IndexSchema.workTerms)
                WHERE field = ? GROUP BY value ORDER BY n DESC, value LIMIT ? OFFSET ?
                """, arguments: [TermField.license, rows, offset])
            return LicenseList(totalResults: total, items: rows.map { FacetCounts.ValueCount(value: $0["value"], count: $0["n"]) })
        }
    }
}
