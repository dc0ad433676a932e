import Foundation
import GRDB
import WorkIndex

/// One change event as the summarizer counts it: the event, and the coverages of its work as the
/// index held it when the event was read (nil when the work was not found in the index).
public struct SummaryChange: Sendable, Hashable {
    public var event: ChangeEvent
    public var coverage: Set<SummaryCoverage>?

    public init(event: ChangeEvent, coverage: Set<SummaryCoverage>?) {
        self.event = event; self.coverage = coverage
    }
}

/// The summarizer's state: a small SQLite file holding the ids of the events already counted
/// (delivery is at-least-once), per-period counters by kind, member and type, and the latest
/// coverage of each distinct work changed in a period. `record` updates all of it in ONE
/// transaction, so a crash before the offsets are committed replays into ids already seen.
///
/// The per-event ids and per-work rows are what make counting idempotent and works distinct; a
/// period's final summary no longer changes once no event of it can be delivered again, so
/// `compact` then folds those rows into the period's totals (the state grew by two rows for every
/// change event ever counted).
public final class BatchSummaryStore: Sendable {
    /// A period is compacted this long after it ended: work-changes keeps 7 days, so no redelivery
    /// or replay reaches it (the alert matcher's ledger keeps as long).
    public static let eventRetentionMs: Int64 = 8 * 86_400_000
    public let path: String
    public let periodHours: Int
    private let pool: DatabasePool

    /// Opens (creating when missing) the state for periods of `periodHours`.
    public init(path: String, periodHours: Int) throws {
        _ = try SummaryPeriod(containing: 0, hours: periodHours)
        self.path = path
        self.pool = try Self.open(path: path, readOnly: false)
        // An easy slip: --state naming the index (both are SQLite files).
        if try pool.read({ db in try db.tableExists("works") }) { throw BatchSummaryStoreError.notAStateFile(path: path) }
        try Self.migrator.migrate(pool)
        let stored = try pool.write { db -> Int? in
            if let value = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'period-hours'") { return Int(value) }
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('period-hours', ?)", arguments: [String(periodHours)])
            return periodHours
        }
        guard let stored else { throw BatchSummaryStoreError.notAStateFile(path: path) }
        guard stored == periodHours else {
            throw BatchSummaryStoreError.periodLengthMismatch(path: path, stored: stored, requested: periodHours)
        }
        self.periodHours = periodHours
    }

    /// Opens an existing state read-only (the HTTP side, while a summarizer writes it); the period
    /// length is the one the file was created with.
    public init(readingAt path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw BatchSummaryStoreError.missing(path: path) }
        self.path = path
        self.pool = try Self.open(path: path, readOnly: true)
        let stored = try pool.read { db -> Int? in
            guard try db.tableExists("meta") else { return nil }
            return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'period-hours'").flatMap { Int($0) }
        }
        guard let stored else { throw BatchSummaryStoreError.notAStateFile(path: path) }
        self.periodHours = stored
    }

    private static func open(path: String, readOnly: Bool) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(10)
        do {
            return try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw BatchSummaryStoreError.cannotOpen(path: path, reason: String(describing: error))
        }
    }

    public func close() throws { try pool.close() }

    // MARK: - Counting

    /// Counts the changes not counted before, in one transaction; returns the periods that changed.
    @discardableResult
    public func record(_ changes: [SummaryChange]) async throws -> Set<SummaryPeriod> {
        guard !changes.isEmpty else { return [] }
        let hours = periodHours
        return try await pool.write { db in
            var touched: Set<SummaryPeriod> = []
            let seen = try db.makeStatement(sql: "INSERT OR IGNORE INTO processed_events(event_id, period_start) VALUES (?, ?)")
            let count = try db.makeStatement(sql: """
                INSERT INTO period_counts(start_ms, dimension, key, created, updated, updated_by) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(start_ms, dimension, key) DO UPDATE SET created = created + excluded.created,
                    updated = updated + excluded.updated, updated_by = updated_by + excluded.updated_by
                """)
            let work = try db.makeStatement(sql: """
                INSERT INTO period_works(start_ms, doi, coverage) VALUES (?, ?, ?)
                ON CONFLICT(start_ms, doi) DO UPDATE SET coverage = excluded.coverage
                """)
            let period = try db.makeStatement(sql: """
                INSERT INTO periods(start_ms, first_indexed_ms, last_indexed_ms, dirty) VALUES (?1, ?2, ?2, 1)
                ON CONFLICT(start_ms) DO UPDATE SET first_indexed_ms = MIN(first_indexed_ms, excluded.first_indexed_ms),
                    last_indexed_ms = MAX(last_indexed_ms, excluded.last_indexed_ms), dirty = 1
                """)
            let isCompacted = try db.makeStatement(sql: "SELECT works IS NOT NULL FROM periods WHERE start_ms = ?")
            var compacted: [Int64: Bool] = [:]
            for change in changes {
                let event = change.event
                let bucket = try SummaryPeriod(containing: event.indexed.timestamp, hours: hours)
                if compacted[bucket.startMs] == nil {
                    compacted[bucket.startMs] = try Bool.fetchOne(isCompacted, arguments: [bucket.startMs]) ?? false
                }
                // Its events were counted, and their ids forgotten: an event of it cannot be new.
                if compacted[bucket.startMs] == true { continue }
                try seen.execute(arguments: [event.id, bucket.startMs])
                guard db.changesCount > 0 else { continue }
                touched.insert(bucket)
                let kinds = [event.kind == .created ? 1 : 0, event.kind == .updated ? 1 : 0, event.kind == .updatedBy ? 1 : 0]
                for (dimension, key) in [("total", ""), ("member", event.member ?? BatchSummary.unknownKey),
                                         ("type", event.type ?? BatchSummary.unknownKey)] {
                    try count.execute(arguments: [bucket.startMs, dimension, key, kinds[0], kinds[1], kinds[2]])
                }
                // The latest coverage wins: a work changed twice in a period counts once, as it is now.
                try work.execute(arguments: [bucket.startMs, event.DOI, SummaryCoverageMask.mask(change.coverage ?? [])])
                try period.execute(arguments: [bucket.startMs, event.indexed.timestamp])
            }
            return touched
        }
    }

    /// Stores the dead-letter count read from the index for a period.
    public func setDeadLettered(_ count: Int?, for period: SummaryPeriod) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE periods SET dead_lettered = ? WHERE start_ms = ?", arguments: [count, period.startMs])
        }
    }

    /// Remembers that the summary of `period` went out (final or not), so an unchanged open period
    /// is not published again and a final one never is.
    public func markPublished(_ period: SummaryPeriod, final: Bool, atMs: Int64) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE periods SET dirty = 0, published_ms = ?, final = MAX(final, ?) WHERE start_ms = ?",
                           arguments: [atMs, final ? 1 : 0, period.startMs])
        }
    }

    // MARK: - Reading

    public struct PeriodState: Sendable, Hashable {
        public var period: SummaryPeriod
        /// Counted since the last publication.
        public var hasUnpublishedChanges: Bool
        public var finalPublished: Bool
    }

    /// Every period with data, oldest first.
    public func periods() async throws -> [PeriodState] {
        let hours = periodHours
        return try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT start_ms, dirty, final FROM periods ORDER BY start_ms").map { row in
                PeriodState(period: try SummaryPeriod(containing: row[0], hours: hours), hasUnpublishedChanges: row[1] != 0,
                            finalPublished: row[2] != 0)
            }
        }
    }

    /// The summary of `period`, nil when nothing was counted in it. `isFinal` is as last published.
    public func summary(for period: SummaryPeriod, generatedMs: Int64) async throws -> BatchSummary? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT final, dead_lettered, works FROM periods WHERE start_ms = ?",
                                             arguments: [period.startMs]) else { return nil }
            var summary = BatchSummary(period: period, generatedMs: generatedMs, isFinal: row[0] != 0)
            summary.deadLettered = row[1]
            let compactedWorks: Int? = row[2]
            let counts = try Row.fetchAll(db, sql: """
                SELECT dimension, key, created, updated, updated_by FROM period_counts WHERE start_ms = ?
                """, arguments: [period.startMs])
            for row in counts {
                let value = BatchSummary.Counts(created: row[2], updated: row[3], updatedBy: row[4])
                switch row[0] as String {
                case "member": summary.byMember[row[1]] = value
                case "type": summary.byType[row[1]] = value
                default: summary.totals = value
                }
            }
            let works = try compactedWorks.map { (works: $0, coverage: try Self.storedCoverage(db, start: period.startMs)) }
                ?? Self.workTotals(db, start: period.startMs)
            summary.works = works.works
            summary.coverage = works.coverage
            return summary
        }
    }

    /// Distinct works changed in the period starting at `start`, and how many carry each coverage.
    private static func workTotals(_ db: Database, start: Int64) throws -> (works: Int, coverage: [SummaryCoverage: Int]) {
        let works = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM period_works WHERE start_ms = ?", arguments: [start]) ?? 0
        var coverage: [SummaryCoverage: Int] = [:]
        let sums = SummaryCoverage.allCases.map { "SUM((coverage >> \(SummaryCoverageMask.bit($0))) & 1)" }
        if let row = try Row.fetchOne(db, sql: "SELECT \(sums.joined(separator: ", ")) FROM period_works WHERE start_ms = ?",
                                      arguments: [start]) {
            for (index, kind) in SummaryCoverage.allCases.enumerated() { coverage[kind] = (row[index] as Int?) ?? 0 }
        }
        return (works, coverage)
    }

    private static func storedCoverage(_ db: Database, start: Int64) throws -> [SummaryCoverage: Int] {
        var coverage: [SummaryCoverage: Int] = [:]
        for kind in SummaryCoverage.allCases { coverage[kind] = 0 }
        for row in try Row.fetchAll(db, sql: "SELECT bit, works FROM period_coverage WHERE start_ms = ?", arguments: [start]) {
            let bit: Int = row[0]
            if SummaryCoverage.allCases.indices.contains(bit) { coverage[SummaryCoverage.allCases[bit]] = row[1] }
        }
        return coverage
    }

    // MARK: - Compacting

    /// Folds every period whose final summary went out and which ended before `cutoffMs` into its
    /// totals: its distinct works and coverage counts are stored with the period, and its event
    /// ids and per-work rows deleted. Its summary reads the same after; an event of it arriving
    /// later is not counted. Returns the periods compacted, oldest first.
    @discardableResult
    public func compact(endedBefore cutoffMs: Int64) async throws -> [SummaryPeriod] {
        let hours = periodHours
        return try await pool.write { db in
            let starts = try Int64.fetchAll(db, sql: """
                SELECT start_ms FROM periods WHERE final = 1 AND works IS NULL AND start_ms + ? <= ? ORDER BY start_ms
                """, arguments: [Int64(hours) * 3_600_000, cutoffMs])
            for start in starts {
                let totals = try Self.workTotals(db, start: start)
                for (kind, works) in totals.coverage {
                    try db.execute(sql: "INSERT OR REPLACE INTO period_coverage(start_ms, bit, works) VALUES (?, ?, ?)",
                                   arguments: [start, SummaryCoverageMask.bit(kind), works])
                }
                try db.execute(sql: "UPDATE periods SET works = ? WHERE start_ms = ?", arguments: [totals.works, start])
                try db.execute(sql: "DELETE FROM period_works WHERE start_ms = ?", arguments: [start])
                try db.execute(sql: "DELETE FROM processed_events WHERE period_start = ?", arguments: [start])
            }
            return try starts.map { try SummaryPeriod(containing: $0, hours: hours) }
        }
    }

    // MARK: - Schema

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-summaries") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                -- Ids of the change events counted (DOI@version…): a redelivered event counts nothing.
                CREATE TABLE processed_events (event_id TEXT PRIMARY KEY, period_start INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE periods (
                    start_ms INTEGER PRIMARY KEY,
                    first_indexed_ms INTEGER NOT NULL,
                    last_indexed_ms INTEGER NOT NULL,
                    dead_lettered INTEGER,
                    -- Counted since the last publication.
                    dirty INTEGER NOT NULL DEFAULT 1,
                    -- A final summary went out.
                    final INTEGER NOT NULL DEFAULT 0,
                    published_ms INTEGER
                );
                -- Events by kind per dimension: ('total', ''), ('member', id), ('type', type).
                CREATE TABLE period_counts (
                    start_ms INTEGER NOT NULL, dimension TEXT NOT NULL, key TEXT NOT NULL,
                    created INTEGER NOT NULL, updated INTEGER NOT NULL, updated_by INTEGER NOT NULL,
                    PRIMARY KEY (start_ms, dimension, key)
                ) WITHOUT ROWID;
                -- Distinct works changed per period, with the bits of SummaryCoverageMask they carry.
                CREATE TABLE period_works (
                    start_ms INTEGER NOT NULL, doi TEXT NOT NULL, coverage INTEGER NOT NULL,
                    PRIMARY KEY (start_ms, doi)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-compacted-periods") { db in
            try db.execute(sql: """
                -- Set when the period was compacted: its distinct works, and per coverage bit how
                -- many of them carry it; its period_works and processed_events rows are gone.
                ALTER TABLE periods ADD COLUMN works INTEGER;
                CREATE TABLE period_coverage (
                    start_ms INTEGER NOT NULL, bit INTEGER NOT NULL, works INTEGER NOT NULL,
                    PRIMARY KEY (start_ms, bit)
                ) WITHOUT ROWID;
                CREATE INDEX processed_events_by_period ON processed_events(period_start);
                """)
        }
        return migrator
    }
}

/// Coverages as bits of one integer column. The bit of a coverage is its position in
/// `SummaryCoverage.allCases`: append new cases, never reorder (state files keep the bits).
enum SummaryCoverageMask {
    static func bit(_ coverage: SummaryCoverage) -> Int { SummaryCoverage.allCases.firstIndex(of: coverage)! }

    static func mask(_ coverages: Set<SummaryCoverage>) -> Int64 {
        coverages.reduce(Int64(0)) { $0 | (Int64(1) << Int64(bit($1))) }
    }
}
