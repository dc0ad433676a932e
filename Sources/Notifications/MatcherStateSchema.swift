import Foundation
import GRDB
import WorkIndex
import WorkModel

/// The tables of the matcher's state file, created and upgraded by one `DatabaseMigrator`.
/// Append migrations; never edit one that shipped.
enum MatcherStateSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // Files of the first matcher have these tables without a migrations table: IF NOT EXISTS
        // makes this step a no-op for them, and v2 then converts them.
        migrator.registerMigration("v1-pending-and-ledger") { db in try db.execute(sql: v1) }
        migrator.registerMigration("v2-one-table-of-matches") { db in try convertToV2(db) }
        return migrator
    }

    /// The first format: matches moved from `pending` to the `notified` ledger when sent.
    static let v1 = """
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
        """

    /// Every match stays where it was recorded: `matched`, keyed window end first so that a
    /// poll's inserts land together at the end of the tree and the windows due are one range.
    /// Rows of windows that ended by `progress.prepared_through` were sent (they are the ledger);
    /// the others wait for their window. Matches for windows already sent wait in `late` for a
    /// follow-up. Sending a window moves nothing (v1 copied every match to a ledger and deleted
    /// it: as much work as recording it, and its random keys, alert id first, made both slow
    /// once the tables outgrew SQLite's page cache).
    private static let v2 = """
        CREATE TABLE matched (
          window_end INTEGER NOT NULL, alert_id TEXT NOT NULL, window_start INTEGER NOT NULL,
          doi TEXT NOT NULL, kinds INTEGER NOT NULL,
          PRIMARY KEY (window_end, alert_id, window_start, doi)) WITHOUT ROWID;
        CREATE TABLE late (
          window_end INTEGER NOT NULL, alert_id TEXT NOT NULL, window_start INTEGER NOT NULL,
          doi TEXT NOT NULL, kinds INTEGER NOT NULL,
          PRIMARY KEY (window_end, alert_id, window_start, doi)) WITHOUT ROWID;
        CREATE TABLE progress (
          id INTEGER PRIMARY KEY CHECK (id = 1), prepared_through INTEGER NOT NULL);
        -- The sent notifications past retention are one range (v1 scanned every sent one per call).
        DROP INDEX outgoing_sending;
        CREATE INDEX outgoing_by_state ON outgoing(sending, window_start);
        """

    /// v1 → v2. The ledger rows lack their window's end: it is read from the notifications sent
    /// for the window (kept as long as the ledger). Windows up to the last end sent count as sent;
    /// v1's pending rows of those windows are follow-ups, the others wait.
    private static func convertToV2(_ db: Database) throws {
        try db.execute(sql: v2)
        var ends: [WindowKey: Int64] = [:]
        let sent = try Row.fetchCursor(db, sql: "SELECT alert_id, window_start, payload FROM outgoing")
        while let row = try sent.next() {
            guard let notification = try? AlertNotification.decode([UInt8](row[2] as Data)),
                  let end = DepositTimestamp.epochMillis(notification.window.end) else { continue }
            ends[WindowKey(alertID: row[0], start: row[1])] = end
        }
        let preparedThrough = ends.values.max() ?? Int64.min
        try db.execute(sql: "INSERT INTO progress (id, prepared_through) VALUES (1, ?)", arguments: [preparedThrough])
        let insertMatched = try db.makeStatement(sql: "INSERT INTO matched VALUES (?, ?, ?, ?, ?)")
        let ledger = try Row.fetchCursor(db, sql: "SELECT alert_id, window_start, doi, kinds FROM notified")
        while let row = try ledger.next() {
            guard let end = ends[WindowKey(alertID: row[0], start: row[1])] else { continue }
            try insertMatched.execute(arguments: [end, row[0], row[1], row[2], row[3]])
        }
        let insertLate = try db.makeStatement(sql: "INSERT INTO late VALUES (?, ?, ?, ?, ?)")
        let pending = try Row.fetchCursor(db, sql: "SELECT alert_id, window_start, window_end, doi, kinds FROM pending")
        while let row = try pending.next() {
            let end: Int64 = row[2]
            try (end <= preparedThrough ? insertLate : insertMatched).execute(arguments: [end, row[0], row[1], row[3], row[4]])
        }
        try db.execute(sql: "DROP TABLE pending; DROP TABLE notified")
    }

    private struct WindowKey: Hashable {
        var alertID: String
        var start: Int64
    }
}
