import Foundation
import GRDB
import WorkIndex

/// The alert matcher's own SQLite file: what it has matched but not yet sent, and a ledger of
/// what it sent. This is what makes a restart neither miss nor repeat a notification:
///
/// - matches of a poll are recorded in one transaction, and only then are the work-changes
///   offsets committed: a crash replays the poll, and the replay adds nothing (a match is keyed
///   on alert, window and DOI, and skipped when the ledger says that DOI was already sent for
///   that window with that kind);
/// - a due window is turned into notifications (fixed ids and bytes) and moved to the ledger in
///   one transaction, then sent, then marked sent. A notification still marked "sending" after
///   a crash is looked up on `alert-notifications` before it is sent again (`recover`).
public final class MatcherState: Sendable {
    public let path: String
    private let pool: DatabasePool
    /// Ledger rows older than this are dropped: work-changes keeps 7 days, so no replay reaches them.
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
            try pool.write { db in try Self.createSchema(db) }
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
    }

    private static func createSchema(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS pending (
              alert_id TEXT NOT NULL, window_start INTEGER NOT NULL, window_end INTEGER NOT NULL,
              doi TEXT NOT NULL, kinds INTEGER NOT NULL,
              PRIMARY KEY (alert_id, window_start, doi)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS pending_due ON pending(window_end);
            CREATE TABLE IF NOT EXISTS notified (
              alert_id TEXT NOT NULL, window_start INTEGER NOT NULL, doi TEXT NOT NULL, kinds INTEGER NOT NULL,
              PRIMARY KEY (alert_id, window_start, doi)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS notified_age ON notified(window_start);
            CREATE TABLE IF NOT EXISTS outgoing (
              id TEXT PRIMARY KEY, alert_id TEXT NOT NULL, window_start INTEGER NOT NULL,
              payload BLOB NOT NULL, sending INTEGER NOT NULL, prepared_ms INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS outgoing_window ON outgoing(alert_id, window_start);
            CREATE INDEX IF NOT EXISTS outgoing_sending ON outgoing(sending);
            """)
    }

    /// Records the matches of one poll in one transaction; returns how many were new.
    @discardableResult
    public func record(_ matches: [AlertMatch]) throws -> Int {
        guard !matches.isEmpty else { return 0 }
        return try pool.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO pending (alert_id, window_start, window_end, doi, kinds)
                SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (
                  SELECT 1 FROM notified WHERE alert_id = ?1 AND window_start = ?2 AND doi = ?4 AND kinds & ?5 != 0)
                ON CONFLICT (alert_id, window_start, doi) DO UPDATE SET kinds = pending.kinds | excluded.kinds
                WHERE pending.kinds & excluded.kinds = 0
                """)
            var added = 0
            for match in matches {
                try insert.execute(arguments: [match.alertID, match.window.start, match.window.end, match.doi, match.kind.bit])
                added += db.changesCount
            }
            return added
        }
    }

    /// Turns every window that ended at least `grace` ago into notifications ready to send, and
    /// moves its matches to the ledger, in one transaction. Returns how many were prepared.
    @discardableResult
    public func prepareDue(nowMillis: Int64, grace: Int64) throws -> Int {
        try pool.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT alert_id, window_start, window_end, doi, kinds FROM pending
                WHERE window_end <= ? ORDER BY alert_id, window_start, doi
                """, arguments: [nowMillis - grace])
            guard !rows.isEmpty else { return 0 }
            var groups: [(alertID: String, window: NotificationWindow, dois: [String], kinds: [Int])] = []
            for row in rows {
                let alertID: String = row[0], window = NotificationWindow(start: row[1], end: row[2])
                if groups.last?.alertID != alertID || groups.last?.window != window {
                    groups.append((alertID, window, [], []))
                }
                groups[groups.count - 1].dois.append(row[3])
                groups[groups.count - 1].kinds.append(row[4])
            }
            var prepared = 0
            for group in groups {
                let sent = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outgoing WHERE alert_id = ? AND window_start = ?",
                                            arguments: [group.alertID, group.window.start]) ?? 0
                for (index, start) in stride(from: 0, to: group.dois.count, by: AlertNotification.maximumDOIs).enumerated() {
                    let range = start..<min(start + AlertNotification.maximumDOIs, group.dois.count)
                    let notification = AlertNotification(
                        id: group.window.notificationID(alertID: group.alertID, sequence: sent + index + 1),
                        alertID: group.alertID, DOIs: Array(group.dois[range]),
                        kinds: group.kinds[range].map(ChangeEvent.Kind.mostTelling(in:)), window: group.window)
                    try db.execute(sql: """
                        INSERT INTO outgoing (id, alert_id, window_start, payload, sending, prepared_ms) VALUES (?, ?, ?, ?, 1, ?)
                        """, arguments: [notification.id, group.alertID, group.window.start, Data(notification.jsonBytes), nowMillis])
                    prepared += 1
                }
            }
            let ledger = try db.cachedStatement(sql: """
                INSERT INTO notified (alert_id, window_start, doi, kinds) VALUES (?, ?, ?, ?)
                ON CONFLICT (alert_id, window_start, doi) DO UPDATE SET kinds = notified.kinds | excluded.kinds
                """)
            for row in rows {
                try ledger.execute(arguments: [row[0] as String, row[1] as Int64, row[3] as String, row[4] as Int])
            }
            try db.execute(sql: "DELETE FROM pending WHERE window_end <= ?", arguments: [nowMillis - grace])
            try db.execute(sql: "DELETE FROM notified WHERE window_start < ?", arguments: [nowMillis - Self.ledgerRetentionMillis])
            try db.execute(sql: "DELETE FROM outgoing WHERE sending = 0 AND window_start < ?",
                           arguments: [nowMillis - Self.ledgerRetentionMillis])
            return prepared
        }
    }

    /// Notifications prepared but not yet confirmed sent, oldest window first.
    public func unsent(limit: Int = 1000) throws -> [PreparedNotification] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, alert_id, payload FROM outgoing WHERE sending = 1 ORDER BY window_start, id LIMIT ?
                """, arguments: [limit]).map { PreparedNotification(id: $0[0], alertID: $0[1], payload: [UInt8]($0[2] as Data)) }
        }
    }

    public func markSent(ids: [String]) throws {
        guard !ids.isEmpty else { return }
        try pool.write { db in
            let statement = try db.cachedStatement(sql: "UPDATE outgoing SET sending = 0 WHERE id = ?")
            for id in ids { try statement.execute(arguments: [id]) }
        }
    }

    /// Matches of a deleted alert are not sent.
    public func discardPending(alertID: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM pending WHERE alert_id = ?", arguments: [alertID]) }
    }

    public func counts() throws -> MatcherStateCounts {
        try pool.read { db in
            MatcherStateCounts(
                pending: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pending") ?? 0,
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
