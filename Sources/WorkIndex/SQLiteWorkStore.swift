import Foundation
import GRDB
import WorkModel

/// The embedded index: one SQLite file in WAL mode, written by one writer connection and read by
/// a pool of reader connections that see committed batches only (GRDB `DatabasePool`).
public final class SQLiteWorkStore: WorkStore {
    public let path: String
    /// Internal so the query engine in this module can read; nothing outside WorkIndex writes SQL.
    let pool: DatabasePool
    private let checkpointer: WALCheckpointer

    /// Opens (creating and migrating when needed) the index at `path`. A symbolic link is
    /// followed, and SQLite names the `-wal`/`-shm` files after the file it points to.
    public convenience init(path: String) throws {
        try self.init(path: path, checkpointThreshold: 32 << 20)
    }

    /// `checkpointThreshold`: the write-ahead log size (bytes) past which it is folded into the file.
    init(path: String, checkpointThreshold: Int) throws {
        self.path = path
        let checkpointer = WALCheckpointer(databasePath: path, thresholdBytes: checkpointThreshold)
        self.checkpointer = checkpointer
        let logSizeLimit = checkpointer.logSizeLimit
        var config = Configuration()
        // The pipeline writes while the HTTP side reads; a checkpoint or a second process may
        // hold a lock briefly. Wait instead of failing with SQLITE_BUSY.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL + NORMAL: a commit survives a process crash; only an OS crash may lose the
            // last commits, which Kafka redelivers (offsets are committed after the index).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Checkpoints run beside the writer (WALCheckpointer, which takes over the writer's
            // commit hook and with it SQLite's automatic checkpoint). The log file keeps its size
            // when the log starts over, unless something made it grow past the usual.
            try db.execute(sql: "PRAGMA journal_size_limit = \(logSizeLimit)")
        }
        do {
            pool = try Self.retryingWhileAnotherOpens { try DatabasePool(path: path, configuration: config) }
            try pool.writeWithoutTransaction { db in try checkpointer.attach(to: db) }
        } catch {
            throw WorkIndexError.cannotOpen(path: path, reason: String(describing: error))
        }
        try migrate()
    }

    /// A new, empty index at `path` (e.g. a replay target); refuses to touch an existing file.
    public static func create(at path: String) throws -> SQLiteWorkStore {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw WorkIndexError.cannotOpen(path: path, reason: "a file already exists there; create(at:) only makes new indexes (open existing ones with init(path:))")
        }
        return try SQLiteWorkStore(path: path)
    }

    private func migrate() throws {
        let found = try pool.read { db -> Int? in
            guard try db.tableExists("meta") else { return nil }
            return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema-version'").flatMap { Int($0) }
        }
        if let found, found > Migrations.schemaVersion {
            throw WorkIndexError.schemaTooNew(path: path, found: found, supported: Migrations.schemaVersion)
        }
        // The migrator reads what is applied before it takes the write lock, so of two openers
        // of a new file the later fails on the tables the first just made.
        try Self.retryingWhileAnotherOpens { try Migrations.migrator.migrate(pool) }
    }

    /// Runs `body` again (for up to ~2 s) while it fails as it does when another process is
    /// creating the same new file (the worker making the index while `status` opens it): locked
    /// while that one switches it to WAL, finding tables it has just made, or recording a migration
    /// it has just recorded (each migration is one transaction, rolled back whole). Once that one has
    /// committed, a retry finds the file ready; other failures (a file that cannot be opened) are
    /// thrown at once, and these after the last try.
    private static func retryingWhileAnotherOpens<T>(_ body: () throws -> T) throws -> T {
        let racing: [ResultCode] = [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_ERROR, .SQLITE_CONSTRAINT]
        var attempt = 1
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where attempt < 40 && racing.contains(error.resultCode) {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// Whether a background checkpoint is under way (tests wait for it).
    var checkpointerIsRunning: Bool { checkpointer.isRunning }

    /// The write-ahead log's length in pages after the last commit (tests watch it start over).
    var logFrames: Int { checkpointer.logFrames }

    /// Closes every connection. Readers that still hold the store get an error afterwards.
    public func close() throws {
        // The hook first, so that no commit can start a checkpoint after the checkpointer closed.
        pool.writeWithoutTransaction { db in checkpointer.detach(from: db) }
        checkpointer.close()
        try pool.close()
    }

    // MARK: - Writing

    public func apply(_ batch: IngestBatch) throws -> BatchOutcome {
        let pool = self.pool
        let prepared = PreparationPipeline(works: batch.works, nowMs: batch.nowMs) { dois in
            // Committed `created` of the batch's DOIs, for the speculative rendering. A failure
            // here only makes the guesses wrong, which the writer detects.
            (try? pool.read { db in try Self.createdMs(db, dois: dois) }) ?? [:]
        }
        let outcome = try pool.write { db in
            var writer = try BatchWriter(db: db, nowMs: batch.nowMs, reindex: batch.reindex, depositRecords: batch.depositRecords)
            return try writer.apply(batch, prepared: prepared)
        }
        return outcome
    }

    private static func createdMs(_ db: Database, dois: [String]) throws -> [String: Int64] {
        guard !dois.isEmpty else { return [:] }
        let statement = try SQLiteStatement(db, "SELECT doi, created_ms FROM works WHERE doi IN (SELECT value FROM json_each(?))")
        statement.bind(1, String(decoding: JSONWriter.render(dois), as: UTF8.self))
        var created: [String: Int64] = [:]
        created.reserveCapacity(dois.count)
        try statement.forEachRow { row in
            if let ms = row.optionalInt64(1) { created[row.string(0)] = ms }
        }
        return created
    }

    public func outboxBatch(limit: Int) throws -> [OutboxEntry] {
        guard limit > 0 else { throw WorkIndexError.invalidArgument("outboxBatch(limit:) needs a positive limit, got \(limit)") }
        return try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, event_id, doi, payload, kind FROM outbox ORDER BY id LIMIT ?", arguments: [limit]).map { row in
                OutboxEntry(id: row[0], eventID: row[1], doi: row[2], payload: [UInt8](row[3] as Data),
                            kind: (row[4] as String?).flatMap(OutboxEntry.Kind.init(rawValue:)) ?? .changeEvent)
            }
        }
    }

    public func deleteOutbox(ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try pool.write { db in
            // Two statements for the whole list: the batch writer waits while this holds the lock.
            // Only change events count as published (status compares them with the events written).
            let list = String(decoding: JSONWriter.render(ids), as: UTF8.self)
            let deleteEvents = try SQLiteStatement(db, """
                DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?)) AND \(Self.isChangeEvent)
                """)
            deleteEvents.bind(1, list)
            try deleteEvents.execute()
            let deleted = deleteEvents.changes
            let deleteOthers = try SQLiteStatement(db, "DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))")
            deleteOthers.bind(1, list)
            try deleteOthers.execute()
            try db.execute(sql: """
                INSERT INTO counters(name, value) VALUES (?, ?)
                ON CONFLICT(name) DO UPDATE SET value = value + excluded.value
                """, arguments: [Counter.published, deleted])
        }
    }

    /// The outbox rows that are change events (the ones the status counts), not deposit reports;
    /// rows written before reports existed have no kind.
    private static let isChangeEvent = "(kind IS NULL OR kind = 'change-event')"

    /// Drops everything waiting in the outbox without publishing it, and takes the dropped change
    /// events off the count of events written: a rebuilt index (replay) repeats events the live
    /// one already published, and its status should say it published none, not that it did.
    public func discardOutbox() throws {
        try pool.write { db in
            let events = try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE \(Self.isChangeEvent)") ?? 0
            try db.execute(sql: "DELETE FROM outbox")
            try db.execute(sql: "UPDATE counters SET value = value - ? WHERE name = ?", arguments: [events, Counter.changeEvents])
        }
    }

    // MARK: - Reading

    public func work(doi: String) throws -> StoredWork? {
        guard let doi = Identifiers.doi(doi) else { return nil }
        return try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT json, version, indexed_ms, created_ms FROM works WHERE doi = ?", arguments: [doi]).map { row in
                StoredWork(json: [UInt8](row[0] as Data), version: row[1], indexedMs: row[2] ?? 0, createdMs: row[3] ?? 0)
            }
        }
    }

    public func status() throws -> IndexStatus {
        try pool.read { db in
            var counters: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, value FROM counters") { counters[row[0]] = row[1] }
            let outboxDepth = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0
            let reasons = try Row.fetchAll(db, sql: """
                SELECT code, COUNT(*) FROM dead_letters GROUP BY code ORDER BY COUNT(*) DESC, code LIMIT 5
                """).map { IndexStatus.ReasonCount(code: $0[0], count: $0[1]) }
            let latencies = try Int64.fetchAll(db, sql: "SELECT latency_ms FROM freshness ORDER BY latency_ms")
            let deletedUnread = try Row.fetchAll(db, sql: """
                SELECT topic, "partition", first_offset, end_offset FROM deleted_unread
                ORDER BY found_ms DESC, topic, "partition", first_offset LIMIT 5
                """).map { DeletedUnread(topic: $0[0], partition: $0[1], offsets: ($0[2] as Int64)..<($0[3] as Int64)) }
            var status = IndexStatus(
                works: counters[Counter.works] ?? 0,
                deadLetters: .init(total: counters[Counter.deadLetters] ?? 0, topReasons: reasons),
                outboxDepth: outboxDepth,
                stale: counters[Counter.stale] ?? 0,
                duplicates: counters[Counter.duplicates] ?? 0,
                changeEvents: .init(written: counters[Counter.changeEvents] ?? 0, published: counters[Counter.published] ?? 0),
                freshness: Self.percentiles(sorted: latencies),
                deletedBeforeRead: counters[Counter.deletedBeforeRead] ?? 0)
            status.latestDeletedUnread = deletedUnread
            return status
        }
    }

    /// Nearest-rank percentiles of ascending latencies.
    static func percentiles(sorted latencies: [Int64]) -> IndexStatus.Freshness? {
        guard !latencies.isEmpty else { return nil }
        func rank(_ p: Double) -> Int64 {
            let index = Int((p * Double(latencies.count)).rounded(.up)) - 1
            return latencies[min(max(index, 0), latencies.count - 1)]
        }
        return .init(samples: latencies.count, p50Ms: rank(0.50), p95Ms: rank(0.95), p99Ms: rank(0.99))
    }

    public func deadLetters(limit: Int) throws -> [StoredDeadLetter] {
        guard limit > 0 else { throw WorkIndexError.invalidArgument("deadLetters(limit:) needs a positive limit, got \(limit)") }
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, topic, "partition", "offset", record_index, doi, code, message, at_ms
                FROM dead_letters ORDER BY id DESC LIMIT ?
                """, arguments: [limit]).map { row in
                StoredDeadLetter(id: row[0], source: SourceCoordinates(topic: row[1], partition: row[2], offset: row[3]),
                                 recordIndex: row[4], doi: row[5], code: row[6], message: row[7], atMs: row[8])
            }
        }
    }
}
