import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// Folds the write-ahead log back into the index file on a thread of its own, so the batch
/// writer never pays for it.
///
/// With SQLite's automatic checkpoint, the commit that crosses the threshold copies every page
/// dirtied since the last checkpoint into the database file and syncs it, inside the pipeline's
/// critical path (a batch of 500 took 100–180 ms instead of 50). A passive checkpoint on another
/// connection copies the same pages, each `thresholdBytes` of new log, while the writer goes on
/// appending. A busy writer never finds the log fully copied when it starts a transaction, so the
/// log cannot start over by itself: at `backstopPages` the committing writer copies the little
/// the checkpointer has not yet copied, and the next transaction starts the log over. That is
/// also the backstop for a checkpointer that cannot keep up (readers pinning old snapshots, a
/// slow disk).
///
/// The writer connection's commit hook (`sqlite3_wal_hook`, which SQLite's own automatic
/// checkpoint also uses, and which this replaces) reports the log's length in frames after each
/// commit. The log file itself keeps its size when the log starts over: a file cut back on every
/// restart is regrown block by block, and the kernel zeroes each new block that a frame (4 KB of
/// page plus a 24-byte header) only partly covers — 6% of the worker's CPU went to that memset.
///
/// `@unchecked Sendable`: `connection`, the one mutable property, is only touched on `queue`;
/// the frame counts are atomics, written by the hook on the writer's thread.
final class WALCheckpointer: @unchecked Sendable {
    /// Frames (pages) at which the committing writer checkpoints by itself: 256 MB of log, a few
    /// batches' worth on a large index, so that the copy it does is rarely more than the pages of
    /// the last batch.
    static let backstopPages = 65_536
    /// The log size past which a background checkpoint is started.
    let thresholdBytes: Int
    private let databasePath: String
    private let running = Atomic<Bool>(false)
    /// The log's length, in frames, after the last commit.
    private let frames = Atomic<Int>(0)
    /// The log's length when the last background checkpoint started.
    private let checkpointedFrames = Atomic<Int>(0)
    /// Bytes per frame: the page size (set when the hook is attached).
    private let pageSize = Atomic<Int>(4096)
    private let queue = DispatchQueue(label: "WALCheckpointer", qos: .utility)
    /// Touched only on `queue`: the connection is opened on the first checkpoint and closed by
    /// `close()`, both there.
    private var connection: DatabaseQueue?

    init(databasePath: String, thresholdBytes: Int) {
        self.databasePath = databasePath
        self.thresholdBytes = thresholdBytes
    }

    /// The largest the log file is left at when the log starts over (`PRAGMA journal_size_limit`):
    /// the backstop plus a checkpoint's worth, so a normal run never cuts it back.
    var logSizeLimit: Int { Self.backstopPages * 4096 + thresholdBytes }

    /// Takes over the writer connection's commit hook. Call once, on the writer's queue.
    ///
    /// The hook's context is the checkpointer, retained until `close()` detaches it: SQLite calls
    /// the hook for as long as the connection is open.
    func attach(to db: Database) throws {
        pageSize.store(try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096, ordering: .relaxed)
        let context = Unmanaged.passRetained(self).toOpaque()
        _ = sqlite3_wal_hook(db.sqliteConnection, { context, connection, schema, frames in
            Unmanaged<WALCheckpointer>.fromOpaque(context!).takeUnretainedValue()
                .committed(frames: Int(frames), connection: connection, schema: schema)
            return SQLITE_OK
        }, context)
    }

    /// Detaches the hook and releases the retain `attach` took. Call on the writer's queue.
    func detach(from db: Database) {
        // A store closed twice: the connection is gone, and the hook with it.
        guard let connection = db.sqliteConnection else { return }
        if let context = sqlite3_wal_hook(connection, nil, nil) {
            Unmanaged<WALCheckpointer>.fromOpaque(context).release()
        }
    }

    /// After each commit of the writer: the backstop inline, a background checkpoint when the
    /// log has grown by the threshold since the last one started.
    private func committed(frames count: Int, connection: OpaquePointer?, schema: UnsafePointer<CChar>?) {
        frames.store(count, ordering: .relaxed)
        if count >= Self.backstopPages {
            // What SQLite's own automatic checkpoint does at this point; a failure (a reader holding
            // the log) leaves the log to grow until the next commit tries again.
            _ = sqlite3_wal_checkpoint_v2(connection, schema, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        }
        // A log shorter than at the last checkpoint has started over.
        let before = checkpointedFrames.load(ordering: .relaxed)
        let grown = count < before ? count : count - before
        guard grown * pageSize.load(ordering: .relaxed) >= thresholdBytes,
              !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        checkpointedFrames.store(count, ordering: .relaxed)
        queue.async { [self] in
            defer { running.store(false, ordering: .releasing) }
            // A failure (the file went away, an I/O error) leaves the log to the writer's backstop.
            try? checkpoint()
        }
    }

    /// Whether a checkpoint is under way.
    var isRunning: Bool { running.load(ordering: .acquiring) }

    /// The log's length in frames after the last commit (0 once it started over and nothing
    /// was written yet).
    var logFrames: Int { frames.load(ordering: .relaxed) }

    /// Waits for a running checkpoint and closes the connection.
    func close() {
        queue.sync {
            try? connection?.close()
            connection = nil
        }
    }

    private func checkpoint() throws {
        if connection == nil {
            var configuration = Configuration()
            configuration.label = "WALCheckpointer"
            connection = try DatabaseQueue(path: databasePath, configuration: configuration)
        }
        try connection?.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
    }
}
