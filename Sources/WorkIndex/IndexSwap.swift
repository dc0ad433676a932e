import Foundation
import GRDB

extension SQLiteWorkStore {
    /// Makes the index built at `newPath` (a replay) the live index at `livePath`, atomically.
    ///
    /// `livePath` becomes a symbolic link to `newPath`, replaced with one `rename(2)`: a process
    /// opening `livePath` sees either the old index or the new one, never a mix, and connections
    /// that already have the old file open keep reading it until they close. A symbolic link is
    /// used instead of renaming the file itself because SQLite names the `-wal`/`-shm` files after
    /// the path: a renamed file would pick up the OLD file's write-ahead log and be corrupted.
    /// SQLite resolves the link, so each generation keeps its own `-wal`/`-shm`.
    ///
    /// Close the store that built `newPath` first. Open a new `SQLiteWorkStore(path: livePath)`
    /// afterwards for new readers and the writer. Returns the file the link pointed to before (nil
    /// when `livePath` was a plain file or absent): delete it, with its `-wal`/`-shm`, once its
    /// last reader has closed.
    @discardableResult
    public static func swapIn(newPath: String, livePath: String) throws -> String? {
        let files = FileManager.default
        let newFile = URL(fileURLWithPath: newPath).standardizedFileURL.path
        guard files.fileExists(atPath: newFile) else {
            throw WorkIndexError.swapFailed(newPath: newPath, livePath: livePath, reason: "\(newFile) does not exist")
        }
        // Fold the new index's write-ahead log into its file so it is complete on its own.
        do {
            let queue = try DatabaseQueue(path: newFile)
            _ = try queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try queue.close()
        } catch {
            throw WorkIndexError.swapFailed(newPath: newPath, livePath: livePath,
                                            reason: "cannot checkpoint it (is its store still writing?): \(error)")
        }

        let previous = try? files.destinationOfSymbolicLink(atPath: livePath)
        let temporaryLink = livePath + ".swap-\(ProcessInfo.processInfo.processIdentifier)"
        unlink(temporaryLink)
        guard symlink(newFile, temporaryLink) == 0 else {
            throw WorkIndexError.swapFailed(newPath: newPath, livePath: livePath,
                                            reason: "cannot create a link at \(temporaryLink): \(String(cString: strerror(errno)))")
        }
        guard rename(temporaryLink, livePath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryLink)
            throw WorkIndexError.swapFailed(newPath: newPath, livePath: livePath, reason: "rename failed: \(reason)")
        }
        guard let previous, previous != newFile else { return nil }
        return previous.hasPrefix("/") ? previous
            : URL(fileURLWithPath: livePath).deletingLastPathComponent().appendingPathComponent(previous).path
    }

    /// How many records the index at `path` has applied (works and dead letters, redeliveries
    /// included), or nil when there is no index there. A replay reads it when it starts and again
    /// before its swap: a change means a worker is still writing the live index, and what it wrote
    /// would be lost with the swap.
    public static func appliedRecords(at path: String) throws -> Int? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        // A worker creating the file (switching it to WAL) holds it locked for a moment.
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                guard try db.tableExists("counters") else { return 0 }
                return try Int.fetchOne(db, sql: "SELECT value FROM counters WHERE name = ?", arguments: [Counter.consumed]) ?? 0
            }
        } catch {
            throw WorkIndexError.cannotOpen(path: path, reason: String(describing: error))
        }
    }
}
