import Foundation
import GRDB
import Synchronization

/// Folds the write-ahead log back into the index file on a thread of its own, so the batch
/// writer never pays for it.
///
/// With SQLite's automatic checkpoint, the commit that crosses the threshold copies every page
/// dirtied since the last checkpoint into the database file and syncs it, inside the pipeline's
/// critical path (a batch of 500 took 100–180 ms instead of 50). A passive checkpoint on another
/// connection copies the same pages while the writer goes on appending to the log; the writer's
/// next transaction starts the log over once everything in it has been copied. SQLite's own
/// automatic checkpoint stays on as a backstop at `backstopPages`, far above `thresholdBytes`,
/// for a checkpointer that cannot keep up (readers pinning old snapshots, a slow disk).
///
/// `@unchecked Sendable`: `connection`, the one mutable property, is only touched on `queue`.
final class WALCheckpointer: @unchecked Sendable {
    /// Pages at which the writer checkpoints by itself (see the type's comment).
    static let backstopPages = 65_536
    /// The log size past which a background checkpoint is started.
    let thresholdBytes: Int
    private let walPath: String
    private let databasePath: String
    private let running = Atomic<Bool>(false)
    private let queue = DispatchQueue(label: "WALCheckpointer", qos: .utility)
    /// Touched only on `queue`: the connection is opened on the first checkpoint and closed by
    /// `close()`, both there.
    private var connection: DatabaseQueue?

    init(databasePath: String, thresholdBytes: Int = 32 << 20) {
        self.databasePath = databasePath
        self.walPath = databasePath + "-wal"
        self.thresholdBytes = thresholdBytes
    }

    /// Called after each commit: starts a checkpoint unless one is running or the log is small.
    func logMayHaveGrown() {
        guard logBytes() >= thresholdBytes, !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
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
