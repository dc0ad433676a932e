import Foundation
import GRDB
import WorkIndex

/// The alert matcher's own SQLite file: what it has matched, and which windows it has sent.
/// This is what makes a restart neither miss nor repeat a notification:
///
/// - matches of a poll are recorded in one transaction, and only then are the work-changes
///   offsets committed: a crash replays the poll, and the replay adds nothing (a match is keyed
///   on window, alert and DOI, and skipped when that DOI was already sent for that window with
///   that kind);
/// - the windows that are due are turned into notifications (fixed ids and bytes) in one
///   transaction that also advances `prepared_through`: the matches of windows that ended by
///   then are the ledger of what was sent. The notifications are then sent, then marked sent. A
///   notification still marked "sending" after a crash is looked up on `alert-notifications`
///   before it is sent again (`recover`).
///
/// Every call is async: GRDB runs it on a queue of its own, so a caller waiting for the write
/// lock (a poll's matches behind a window being prepared) suspends rather than blocking one of
/// the cooperative pool's threads, of which this machine has two. See `MatcherStateSchema` for
/// the tables.
public final class MatcherState: Sendable {
    public let path: String
    private let pool: DatabasePool
    /// Matches older than this are dropped: work-changes keeps 7 days, so no replay reaches them.
    public static let ledgerRetentionMillis: Int64 = 8 * 86_400_000

    public init(path: String) throws(MatcherStateError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a commit survives a process crash, which is the failure this file is for.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try MatcherStateSchema.migrator.migrate(pool)
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
    }

    /// Windows that ended at or before this instant (epoch ms) have been sent.
    private static func preparedThrough(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT prepared_through FROM progress") ?? Int64.min
    }

    /// Records the matches of one poll in one transaction; returns how many were new.
    @discardableResult
    public func record(_ matches: [AlertMatch]) async throws -> Int {
        guard !matches.isEmpty else { return 0 }
        return try await pool.write { db in
            let preparedThrough = try Self.preparedThrough(db)
            let waiting = try db.cachedStatement(sql: """
                INSERT INTO matched (window_end, alert_id, window_start, doi, kinds) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (window_end, alert_id, window_start, doi) DO UPDATE SET kinds = matched.kinds | excluded.kinds
                WHERE matched.kinds & excluded.kinds = 0
                """)
            // A window already sent: new only if the ledger lacks that DOI with that kind.
            let late = try db.cachedStatement(sql: """
                INSERT INTO late (window_end, alert_id, window_start, doi, kinds)
                SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (
                  SELECT 1 FROM matched WHERE window_end = ?1 AND alert_id = ?2 AND window_start = ?3 AND doi = ?4 AND kinds & ?5 != 0)
                ON CONFLICT (window_end, alert_id, window_start, doi) DO UPDATE SET kinds = late.kinds | excluded.kinds
                WHERE late.kinds & excluded.kinds = 0
                """)
            var added = 0
            for match in matches {
                let statement = match.window.end > preparedThrough ? waiting : late
                try statement.execute(arguments: [match.window.end, match.alertID, match.window.start, match.doi, match.kind.bit])
                added += db.changesCount
            }
            return added
        }
    }

    /// Turns every window that ended at least `grace` ago, and every late match of a window sent
    /// before, into notifications ready to send, in one transaction. Returns how many were prepared.
    @discardableResult
    public func prepareDue(nowMillis: Int64, grace: Int64) async throws -> Int {
        try await pool.write { db in
            let before = try Self.preparedThrough(db)
            let through = max(before, nowMillis - grace)
            let columns = "window_end, alert_id, window_start, doi, kinds"
            let order = "ORDER BY window_end, alert_id, window_start, doi"
            let late = try Self.windows(db, "SELECT \(columns) FROM late \(order)")
            let due = try Self.windows(db, "SELECT \(columns) FROM matched WHERE window_end > ? AND window_end <= ? \(order)",
                                       [before, through])
            // Nothing to send: leave the transaction without writing. (Windows that ended
            // meanwhile without a match need not count as sent: a match that comes for one later
            // goes out with the same id either way, as the window's first notification.)
            guard !due.isEmpty || !late.isEmpty else { return 0 }
            var prepared = 0
            let countSent = try db.cachedStatement(sql: "SELECT COUNT(*) FROM outgoing WHERE alert_id = ? AND window_start = ?")
            let insert = try db.cachedStatement(sql: """
                INSERT INTO outgoing (id, alert_id, window_start, payload, sending, prepared_ms) VALUES (?, ?, ?, ?, 1, ?)
                """)
            for group in late + due {
                let sent = try Int.fetchOne(countSent, arguments: [group.alertID, group.window.start]) ?? 0
                for (index, start) in stride(from: 0, to: group.dois.count, by: AlertNotification.maximumDOIs).enumerated() {
                    let range = start..<min(start + AlertNotification.maximumDOIs, group.dois.count)
                    let notification = AlertNotification(
                        id: group.window.notificationID(alertID: group.alertID, sequence: sent + index + 1),
                        alertID: group.alertID, DOIs: Array(group.dois[range]),
                        kinds: group.kinds[range].map(ChangeEvent.Kind.mostTelling(in:)), window: group.window)
                    try insert.execute(arguments: [notification.id, group.alertID, group.window.start, Data(notification.jsonBytes),
                                                   nowMillis])
                    prepared += 1
                }
            }
            if !late.isEmpty {
                // Sent now: into the ledger.
                try db.execute(sql: """
                    INSERT INTO matched (\(columns)) SELECT \(columns) FROM late WHERE true
                    ON CONFLICT (window_end, alert_id, window_start, doi) DO UPDATE SET kinds = matched.kinds | excluded.kinds;
                    DELETE FROM late;
                    """)
            }
            try db.execute(sql: "UPDATE progress SET prepared_through = ?", arguments: [through])
            try db.execute(sql: "DELETE FROM matched WHERE window_end < ?", arguments: [nowMillis - Self.ledgerRetentionMillis])
            try db.execute(sql: "DELETE FROM outgoing WHERE sending = 0 AND window_start < ?",
                           arguments: [nowMillis - Self.ledgerRetentionMillis])
            return prepared
        }
    }

    /// The end of the earliest window with matches not sent yet, nil when there is none.
    public func nextWindowEnd() async throws -> Int64? {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT MIN(window_end) FROM matched WHERE window_end > ?",
                               arguments: [try Self.preparedThrough(db)])
        }
    }

    /// The matches of one alert in one window, DOIs in order: what its notifications list.
    private struct WindowMatches {
        var alertID: String
        var window: NotificationWindow
        var dois: [String] = []
        var kinds: [Int] = []
    }

    /// The rows a query selects (window_end, alert_id, window_start, doi, kinds, in key order),
    /// grouped by alert and window. Read through a cursor: a due second holds ~13,000 matches in
    /// the bench.
    private static func windows(_ db: Database, _ sql: String, _ arguments: StatementArguments = []) throws -> [WindowMatches] {
        var groups: [WindowMatches] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            let end: Int64 = row[0], alertID: String = row[1], start: Int64 = row[2]
            if groups.isEmpty || groups[groups.count - 1].window.end != end || groups[groups.count - 1].window.start != start
                || groups[groups.count - 1].alertID != alertID {
                groups.append(WindowMatches(alertID: alertID, window: NotificationWindow(start: start, end: end)))
            }
            groups[groups.count - 1].dois.append(row[3])
            groups[groups.count - 1].kinds.append(row[4])
        }
        return groups
    }

    /// Notifications prepared but not yet confirmed sent, oldest window first.
    public func unsent(limit: Int = 1000) async throws -> [PreparedNotification] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, alert_id, payload FROM outgoing WHERE sending = 1 ORDER BY window_start, id LIMIT ?
                """, arguments: [limit]).map { PreparedNotification(id: $0[0], alertID: $0[1], payload: [UInt8]($0[2] as Data)) }
        }
    }

    public func markSent(ids: [String]) async throws {
        guard !ids.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(sql: "UPDATE outgoing SET sending = 0 WHERE id = ?")
            for id in ids { try statement.execute(arguments: [id]) }
        }
    }

    /// Matches of a deleted alert are not sent.
    public func discardPending(alertID: String) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                DELETE FROM matched WHERE window_end > (SELECT prepared_through FROM progress) AND alert_id = ?;
                DELETE FROM late WHERE alert_id = ?;
                """, arguments: [alertID, alertID])
        }
    }

    public func counts() async throws -> MatcherStateCounts {
        try await pool.read { db in
            let waiting = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM matched WHERE window_end > ?",
                                           arguments: [try Self.preparedThrough(db)]) ?? 0
            return MatcherStateCounts(
                pending: waiting + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM late") ?? 0),
                unsent: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outgoing WHERE sending = 1") ?? 0,
                sent: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outgoing WHERE sending = 0") ?? 0)
        }
    }

    public func close() throws { try pool.close() }
}

/// A notification with its final id and bytes, waiting to be sent.
public struct PreparedNotification: Sendable, Hashable {
    public var id: String
    public var alertID: String
    public var payload: [UInt8]
}

public struct MatcherStateCounts: Sendable, Hashable {
    /// Matches whose window is not sent yet.
    public var pending: Int
    /// Notifications prepared, not confirmed sent.
    public var unsent: Int
    public var sent: Int
}

public enum MatcherStateError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "Cannot open the alert matcher's state file \(path): \(reason). Pass a writable path with --state (it is created when missing); one matcher group uses one state file."
        }
    }
}
