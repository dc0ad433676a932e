import Foundation
import GRDB
import Synchronization

/// Folds the write-ahead log back into the index file on a thread of its own, so the batch
/// writer never pays for it.
///
/// With SQLite's automatic checkpoint, the commit that crosses the threshold copies every page
/// dirtied since the last checkpoint into the database file and syncs it, inside the pipeline's
/// critical path (a batch of 500 took 100–180 ms instead of 50). A passive checkpoint on another
/// connection copies the same pages, each `thresholdBytes` of new log, while the writer goes on
/// appending. A busy writer never finds the log fully copied when it starts a transaction, so the
/// log cannot start over by itself: SQLite's own automatic checkpoint, at `backstopPages`, copies
/// the little the checkpointer has not yet copied inside the commit, and the next transaction
/// starts the log over. It is also the backstop for a checkpointer that cannot keep up (readers
/// pinning old snapshots, a slow disk).
///
/// `@unchecked Sendable`: `connection`, the one mutable property, is only touched on `queue`.
final class WALCheckpointer: @unchecked Sendable {
    /// Pages at which the writer checkpoints by itself (see the type's comment).
    static let backstopPages = 16_384
    /// The log size past which a background checkpoint is started.
    let thresholdBytes: Int
    private let walPath: String
    private let databasePath: String
    private let running = Atomic<Bool>(false)
    /// The log file's size when the last checkpoint started.
    private let checkpointedBytes = Atomic<Int>(0)
    private let queue = DispatchQueue(label: "WALCheckpointer", qos: .utility)
    /// Touched only on `queue`: the connection is opened on the first checkpoint and closed by
    /// `close()`, both there.
    private var connection: DatabaseQueue?

    init(databasePath: String, thresholdBytes: Int) {
        self.databasePath = databasePath
        self.walPath = databasePath + "-wal"
        self.thresholdBytes = thresholdBytes
    }

    /// Called after each commit: starts a checkpoint unless one is running or the log is small.
    func logMayHaveGrown() {
        let size = logBytes(), before = checkpointedBytes.load(ordering: .relaxed)
        // A file smaller than at the last checkpoint has started over (`journal_size_limit`).
        let grown = size < before ? size : size - before
        guard grown >= thresholdBytes, !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        checkpointedBytes.store(size, ordering: .relaxed)
        queue.async { [self] in
            defer { running.store(false, ordering: .releasing) }
            // A failure (the file went away, an I/O error) leaves the log to the writer's backstop.
            try? checkpoint()
        }
    }

    /// Whether a checkpoint is under way.
    var isRunning: Bool { running.load(ordering: .acquiring) }

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

    private func logBytes() -> Int {
        var info = stat()
        return stat(walPath, &info) == 0 ? Int(info.st_size) : 0
    }
}
